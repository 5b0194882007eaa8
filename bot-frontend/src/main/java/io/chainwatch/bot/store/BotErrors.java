package io.chainwatch.bot.store;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.jdbi.v3.core.ConnectionException;

/** The one place that decides what an error means for the bot front end. */
public final class BotErrors {

    /** What to do about an error. */
    public enum Kind {
        /** Postgres or Kafka is unreachable or busy: answer "unavailable" and try again later. */
        RETRIABLE,
        /** This input or record can never succeed: answer or skip it, and go on. */
        POISON,
        /** A bug or a broken deployment: log it loudly. */
        FATAL
    }

    /** What a database error says about the database as a whole (not just this one statement). */
    enum Outage {
        /** The connection failed or the server is shutting down: the database is down for everyone. */
        DOWN,
        /**
         * No pooled connection became free in time and none failed: a busy pool, or a server that stopped answering
         * without refusing. Only a probe of its own can tell.
         */
        UNSURE,
        /** A statement failed (or was refused at the gate) but the database answers. */
        NO
    }

    /** SQLSTATE classes of connection loss, shutdown and resource exhaustion. */
    private static final Set<String> RETRIABLE_SQL_CLASSES = Set.of("08", "53", "57", "40");
    /** Admin shutdown, crash shutdown, cannot connect now (starting up or recovering). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private BotErrors() {
    }

    public static Kind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t instanceof SocketException || t instanceof TimeoutException
                    || t instanceof RetriableException) {
                return Kind.RETRIABLE;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && RETRIABLE_SQL_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return Kind.RETRIABLE;
            }
            if (t instanceof SerializationException || t instanceof IllegalArgumentException) {
                return Kind.POISON;
            }
        }
        return Kind.FATAL;
    }

    static Outage outage(Throwable error) {
        boolean noConnectionFreed = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseGate.ClosedException) {
                return Outage.NO; // the gate already knows; its refusal is no news about the database
            }
            if (t instanceof SocketException || t instanceof SocketTimeoutException || t instanceof EOFException) {
                return Outage.DOWN; // ConnectException and NoRouteToHostException are SocketExceptions
            }
            String state = t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || SERVER_GOING_AWAY.contains(state))) {
                return Outage.DOWN;
            }
            // Hikari's "Connection is not available, request timed out" carries the last connection failure, if any
            noConnectionFreed |= t instanceof SQLTransientConnectionException && t.getCause() == null;
        }
        return noConnectionFreed ? Outage.UNSURE : Outage.NO;
    }

    /** A log line's worth of the error: types and messages of the cause chain, the bot token cut out. */
    public static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = error; t != null && out.length() < 600; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return redact(out.toString());
    }

    /** Cuts {@code /bot<token>/} and bare tokens out of text that may be logged. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("bot[0-9]{1,20}:[A-Za-z0-9_-]{20,}", "bot<redacted>").replaceAll(
                "[0-9]{5,20}:[A-Za-z0-9_-]{35}", "<redacted>");
    }
}

package io.chainwatch.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.MutableClock;

/** The gate of issue #13: refuse at once while Postgres is known to be down, open again when a probe reaches it. */
class DatabaseGateTest {

    /** What pgjdbc throws when nothing listens (Hikari copies the SQLSTATE into its timeout). */
    static final SQLException REFUSED = new SQLException("Connection to 127.0.0.1:5432 refused", "08001",
            new ConnectException("Connection refused"));
    /** Hikari, when no connection became free in time and none failed: maybe only a busy pool. */
    static final SQLException POOL_TIMEOUT = new SQLTransientConnectionException(
            "chainwatch-bot - Connection is not available, request timed out after 3000ms.");

    final MutableClock clock = new MutableClock();
    final AtomicInteger probes = new AtomicInteger();
    volatile Exception probeFailure;
    final DatabaseGate gate = new DatabaseGate(() -> {
        probes.incrementAndGet();
        if (probeFailure != null) {
            throw probeFailure;
        }
    }, Duration.ofSeconds(1), clock);

    @Test
    void shouldRefuseAtOnceWhenFirstConnectionFailed() {
        gate.failed(new ConnectionException(REFUSED));

        assertThat(gate.isOpen()).isFalse();
        assertThatThrownBy(gate::check).isInstanceOf(DatabaseGate.ClosedException.class);
        assertThat(BotErrors.classify(new ConnectionException(new DatabaseGate.ClosedException(clock.instant()))))
                .isEqualTo(BotErrors.Kind.RETRIABLE);
    }

    @Test
    void shouldCloseWhenAnswerTimesOut() {
        gate.failed(new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new SocketTimeoutException("Read timed out")));

        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void shouldMeasureDowntimeWithInjectedClock() {
        gate.failed(REFUSED);
        clock.advance(Duration.ofSeconds(42));

        assertThat(gate.downtime()).contains(Duration.ofSeconds(42));
    }

    @Test
    void shouldStayOpenWhenStatementFailsButDatabaseAnswers() {
        gate.failed(new SQLException("duplicate key value violates unique constraint", "23505"));
        gate.failed(new SQLException("deadlock detected", "40P01"));
        gate.failed(new DatabaseGate.ClosedException(clock.instant()));

        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.downtime()).isEmpty();
    }

    @Test
    void shouldStayOpenWhenPoolIsBusyAndProbeReachesDatabase() {
        gate.failed(new ConnectionException(POOL_TIMEOUT));
        gate.probeIfDue();

        assertThat(probes).hasValue(1);
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void shouldCloseWhenPoolTimesOutAndProbeCannotReachDatabase() {
        probeFailure = new SQLException("Connection attempt timed out.", "08001");

        gate.failed(POOL_TIMEOUT);
        gate.probeIfDue();

        assertThat(gate.isOpen()).isFalse();
    }

    @Test
    void shouldNotProbeWhenOpenAndNobodyAsked() {
        gate.probeIfDue();

        assertThat(probes).hasValue(0);
    }

    @Test
    void shouldOpenAndTellListenersWhenProbeReachesDatabaseAgain() {
        AtomicInteger opened = new AtomicInteger();
        gate.onOpen(opened::incrementAndGet);
        probeFailure = REFUSED;
        gate.failed(REFUSED);

        gate.probeIfDue();
        assertThat(gate.isOpen()).isFalse();

        probeFailure = null;
        gate.probeIfDue();
        gate.probeIfDue();

        assertThat(gate.isOpen()).isTrue();
        assertThat(opened).hasValue(1);
        assertThat(probes).hasValue(2);
    }

    @Test
    void shouldProbeInBackgroundWhenStartedAndDatabaseIsDown() {
        try (DatabaseGate started = new DatabaseGate(probes::incrementAndGet, Duration.ofMillis(100), clock)
                .start()) {
            started.failed(REFUSED);

            await().atMost(Duration.ofSeconds(5)).until(started::isOpen);
        }
    }
}

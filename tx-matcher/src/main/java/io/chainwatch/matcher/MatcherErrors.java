package io.chainwatch.matcher;

import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides what an error in the matcher means.
 * <ul>
 * <li>{@link Retriable}: Kafka said try again (broker gone, timeout); the stream thread is replaced and resumes from
 * the last committed transaction, so nothing is lost or doubled.</li>
 * <li>{@link Poison}: one record can never be processed (undecodable bytes, a malformed block). It is logged with its
 * coordinates and skipped, so one bad block cannot stop every chat's alerts.</li>
 * <li>{@link Fatal}: anything else, a bug or a broken environment; the instance shuts down and reports unhealthy,
 * and its tasks move to the other instances.</li>
 * </ul>
 */
public final class MatcherErrors {

    private static final Logger LOG = LoggerFactory.getLogger(MatcherErrors.class);

    /** What an error means for the record and the thread that met it. */
    public sealed interface Classification permits Retriable, Poison, Fatal {
        Throwable cause();
    }

    public record Retriable(Throwable cause) implements Classification {
    }

    public record Poison(Throwable cause) implements Classification {
    }

    public record Fatal(Throwable cause) implements Classification {
    }

    private MatcherErrors() {
    }

    /** Classifies {@code error} by walking its cause chain. */
    public static Classification classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof RetriableException || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return new Retriable(error);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SerializationException || t instanceof AvroRuntimeException
                    || t instanceof NumberFormatException || t instanceof ArithmeticException
                    || (t instanceof IllegalArgumentException && error instanceof MatchingException)) {
                return new Poison(error);
            }
        }
        return new Fatal(error);
    }

    /** What a stream thread that died of {@code error} should do. */
    public static StreamThreadExceptionResponse onUncaught(Throwable error) {
        return switch (classify(error)) {
            case Retriable r -> {
                LOG.warn("Stream thread failed with a retriable error; replacing it", error);
                yield StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            case Poison p -> {
                LOG.error("Stream thread failed on a poison record; shutting this instance down", error);
                yield StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            case Fatal f -> {
                LOG.error("Stream thread failed; shutting this instance down", error);
                yield StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        };
    }

    /** A block could not be matched; carries the chain, block and (when known) transaction. */
    public static final class MatchingException extends RuntimeException {

        public MatchingException(String chain, long blockNumber, String hash, Throwable cause) {
            super("cannot match chain " + chain + " block " + blockNumber + " (" + hash + "): " + cause, cause);
        }
    }

    /** Skips undecodable records (poison), fails on anything else. Configured by class name, hence public. */
    public static final class SkipPoisonRecords
            implements
                DeserializationExceptionHandler,
                ProcessingExceptionHandler {

        @Override
        public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                Exception exception) {
            if (classify(exception) instanceof Poison) {
                LOG.error("Skipping undecodable record {}-{}@{}: {}", context.topic(), context.partition(), context
                        .offset(), exception.toString());
                return DeserializationHandlerResponse.CONTINUE;
            }
            return DeserializationHandlerResponse.FAIL;
        }

        @Override
        public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record,
                Exception exception) {
            if (classify(exception) instanceof Poison) {
                LOG.error("Skipping record {}-{}@{} that cannot be processed: {}", context.topic(), context
                        .partition(), context.offset(), exception.getMessage(), exception);
                return ProcessingHandlerResponse.CONTINUE;
            }
            return ProcessingHandlerResponse.FAIL;
        }

        @Override
        public void configure(Map<String, ?> configs) {
            // nothing to configure
        }
    }
}

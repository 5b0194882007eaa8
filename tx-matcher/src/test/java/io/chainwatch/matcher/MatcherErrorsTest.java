package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import io.chainwatch.matcher.MatcherErrors.Fatal;
import io.chainwatch.matcher.MatcherErrors.MatchingException;
import io.chainwatch.matcher.MatcherErrors.Poison;
import io.chainwatch.matcher.MatcherErrors.Retriable;

class MatcherErrorsTest {

    @Test
    void shouldClassifyAsRetriableWhenKafkaSaysTryAgainDeepInTheCauseChain() {
        Throwable error = new StreamsException("task failed", new NetworkException("broker gone"));

        assertThat(MatcherErrors.classify(error)).isInstanceOf(Retriable.class);
        assertThat(MatcherErrors.onUncaught(error)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void shouldClassifyAsPoisonWhenRecordCannotBeDecodedOrMatched() {
        assertThat(MatcherErrors.classify(new SerializationException("bad bytes"))).isInstanceOf(Poison.class);
        assertThat(MatcherErrors.classify(new MatchingException("bsc", 7, "0xabc", new IllegalArgumentException(
                "bad address")))).isInstanceOf(Poison.class);
    }

    @Test
    void shouldClassifyAsFatalAndShutDownWhenCauseIsUnknown() {
        Throwable error = new IllegalStateException("bug");

        assertThat(MatcherErrors.classify(error)).isInstanceOf(Fatal.class);
        assertThat(MatcherErrors.onUncaught(error)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldNameChainBlockAndTransactionWhenMatchingFails() {
        MatchingException error = new MatchingException("bsc", 7, "0xabc", new ArithmeticException("overflow"));

        assertThat(error).hasMessageContaining("bsc").hasMessageContaining("7").hasMessageContaining("0xabc");
    }
}

package io.chainwatch.bot.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.bot.MutableClock;

class GasOracleTest {

    @Test
    void shouldTakeNextBaseFeeAndMedianTipsOfNonEmptyBlocksWhenReadingFeeHistory() throws Exception {
        String history = """
                {"oldestBlock":"0x64","baseFeePerGas":["0x3b9aca00","0x3b9aca00","0x3b9aca00","0x77359400"],
                 "gasUsedRatio":[0.5,0.0,0.9],
                 "reward":[["0x1","0xa","0x64"],["0x0","0x0","0x0"],["0x3","0x14","0xc8"]]}""";

        GasQuote.FeeMarket quote = GasOracle.feeMarket(new ObjectMapper().readTree(history));

        assertThat(quote.newestBlock()).isEqualTo(102);
        assertThat(quote.blocks()).isEqualTo(3);
        assertThat(quote.nextBaseFee()).isEqualTo(2_000_000_000L);
        assertThat(quote.oldestBaseFee()).isEqualTo(1_000_000_000L);
        // the empty block (ratio 0) is left out: medians of {1,3}, {10,20}, {100,200}
        assertThat(List.of(quote.slow(), quote.standard(), quote.fast())).containsExactly(BigInteger.TWO, BigInteger
                .valueOf(15), BigInteger.valueOf(150));
        assertThat(quote.suggestedMaxFee()).isEqualTo(4_000_000_015L);
    }

    @Test
    void shouldRefuseAnswerWhenItIsNotFeeHistory() {
        assertThatThrownBy(() -> GasOracle.feeMarket(new ObjectMapper().readTree("{\"foo\":1}"))).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void shouldLoadOncePerTtlWhenCachingPerKey() {
        MutableClock clock = new MutableClock();
        TtlCache<Integer> cache = new TtlCache<>(Duration.ofSeconds(5), clock);
        AtomicInteger loads = new AtomicInteger();

        cache.get("eth", loads::incrementAndGet);
        cache.get("eth", loads::incrementAndGet);
        cache.get("bsc", loads::incrementAndGet);
        clock.advance(Duration.ofSeconds(6));
        int afterTtl = cache.get("eth", loads::incrementAndGet);

        assertThat(loads).hasValue(3);
        assertThat(afterTtl).isEqualTo(3);
    }
}

package io.chainwatch.bot.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.bot.track.ChainRpc;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.names.AddressBook;

class AddressNamesTest {

    private static final String ADDRESS = "0x28c6c06298d514db089934071355e5743bf21d60";
    private static final String SHOWN = "<code>0x28C6…</code>";

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger calls = new AtomicInteger();
    /** A node that takes a minute to answer anything. */
    private final ChainRpc silent = (method, params) -> {
        calls.incrementAndGet();
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new java.io.IOException("no answer");
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private AddressNames names(AddressBook book, Duration wait) {
        RuntimeEnv env = RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "ethereum,bsc", "CHAINWATCH_RPC_ETHEREUM",
                "http://127.0.0.1:9", "CHAINWATCH_RPC_BSC", "http://127.0.0.1:9", "CHAINWATCH_ENS_REGISTRY_BSC",
                "none"));
        List<ChainConfig> chains = ChainConfig.allFrom(env);
        return new AddressNames(chain -> silent, EnsRegistries.from(env, chains), book, executor, Duration.ofHours(1),
                wait, System::currentTimeMillis);
    }

    @Test
    void shouldWaitNoLongerThanTheBoundAndShowTheBareAddressWhenTheNodesDoNotAnswer() {
        AddressNames names = names(AddressBook.empty(), Duration.ofMillis(100));

        long started = System.nanoTime();
        names.prefetch(List.of(new AddressNames.Shown("ethereum", ADDRESS)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(names.named("ethereum", ADDRESS, SHOWN)).isEqualTo(SHOWN);
        // the lookup was asked for, and goes on in the background for a later reply
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() > 0);
    }

    @Test
    void shouldNameFromTheBookWithoutAskingTheNodes() {
        AddressNames names = names(AddressBook.parse(List.of(ADDRESS + " Binance 14"), "test"), Duration.ofSeconds(
                1));

        names.prefetch(List.of(new AddressNames.Shown("ethereum", ADDRESS)));

        assertThat(names.named("ethereum", ADDRESS, SHOWN)).isEqualTo("<b>Binance 14</b> " + SHOWN);
        assertThat(calls.get()).isZero();
    }

    @Test
    void shouldNotAskTheNodesOfAChainWithoutRegistryNorForAnythingButAnAddress() {
        AddressNames names = names(AddressBook.empty(), Duration.ofSeconds(1));

        names.prefetch(List.of(new AddressNames.Shown("bsc", ADDRESS), new AddressNames.Shown("ethereum",
                "0x" + "ab".repeat(32))));

        assertThat(calls.get()).isZero();
        assertThat(names.named("bsc", ADDRESS, SHOWN)).isEqualTo(SHOWN);
    }
}

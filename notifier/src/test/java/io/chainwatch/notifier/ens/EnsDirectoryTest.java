package io.chainwatch.notifier.ens;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ens.EnsOutcome;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.notifier.TestAlerts;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.ApprovalStandard;

class EnsDirectoryTest {

    private static final RuntimeEnv ENV = RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "ethereum,bsc"));
    private static final EnsRegistries ETHEREUM_ONLY = EnsRegistries.from(ENV, ChainConfig.allFrom(ENV));

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> reads = new ArrayList<>();

    private EnsDirectory directory(EnsOutcome answer) {
        return new EnsDirectory((chain, address) -> {
            reads.add(chain + ":" + address);
            return answer;
        }, ETHEREUM_ONLY, Runnable::run, 100, Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(1),
                now::get);
    }

    @Test
    void shouldLookUpTheCounterpartiesAndTheUnlabelledWatchedAddressOnce() {
        EnsDirectory names = directory(new EnsOutcome.Named("alice.eth"));

        names.prefetch(List.of(alert().build(), alert().kind(AlertKind.NATIVE_OUT).from(TestAlerts.WATCHED).to(
                TestAlerts.FROM.toUpperCase().replace("0X", "0x")).build()));

        assertThat(reads).containsExactlyInAnyOrder("ethereum:" + TestAlerts.FROM, "ethereum:" + TestAlerts.WATCHED);
        assertThat(names.find("ethereum", TestAlerts.FROM)).isEqualTo(new EnsOutcome.Named("alice.eth"));
    }

    @Test
    void shouldLookUpTheSpendersTheRecipientAndTheCounterpartiesATransactionMessageNames() {
        EnsDirectory names = directory(new EnsOutcome.NoName());
        String spender = "0x" + "51".repeat(20);
        String router = "0x" + "52".repeat(20);
        String pool = "0x" + "53".repeat(20);

        names.prefetch(List.of(TestAlerts.transaction().to(router).label("hot").approvals(TestAlerts.approval(
                ApprovalStandard.ERC20, pool, spender, "1", true)).movements(TestAlerts.movement(AlertKind.TOKEN_IN,
                        "1", pool, pool), TestAlerts.movement(AlertKind.NATIVE_OUT, "1", null, null))
                .build()));

        assertThat(reads).containsExactly("ethereum:" + spender, "ethereum:" + router, "ethereum:" + pool);
    }

    @Test
    void shouldNeverLookUpOnAChainWithoutARegistry() {
        EnsDirectory names = directory(new EnsOutcome.Named("alice.eth"));

        names.prefetch(List.of(alert().chain("bsc").build()));

        assertThat(reads).isEmpty();
        assertThat(names.find("bsc", TestAlerts.FROM)).isEqualTo(new EnsOutcome.NoName());
    }

    @Test
    void shouldReadANameAgainAfterItsTtl() {
        EnsDirectory names = directory(new EnsOutcome.NoName());
        names.prefetch(List.of(alert().label("x").build()));
        now.addAndGet(Duration.ofMinutes(59).toMillis());
        names.prefetch(List.of(alert().label("x").build()));
        assertThat(reads).hasSize(1);

        now.addAndGet(Duration.ofMinutes(1).toMillis());
        names.prefetch(List.of(alert().label("x").build()));
        assertThat(reads).hasSize(2);
    }

    @Test
    void shouldRetryAFailedLookupAfterAMinute() {
        EnsDirectory names = directory(new EnsOutcome.Failed("no node"));
        names.prefetch(List.of(alert().label("x").build()));
        names.prefetch(List.of(alert().label("x").build()));
        assertThat(reads).hasSize(1);

        now.addAndGet(Duration.ofMinutes(1).toMillis());
        names.prefetch(List.of(alert().label("x").build()));
        assertThat(reads).hasSize(2);
    }
}

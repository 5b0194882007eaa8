package io.chainwatch.notifier.erc20;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.notifier.TestAlerts;
import io.chainwatch.notifier.format.TokenMetadata;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.ApprovalStandard;

class TokenDirectoryTest {

    private static final String USDT = "0xdAC17F958D2ee523a2206206994597C13D831ec7";
    private static final String OTHER = "0x" + "12".repeat(20);
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> reads = new ArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static Alert transfer(String token) {
        return alert().kind(AlertKind.TOKEN_IN).token(token).amount("1500000").build();
    }

    private TokenDirectory directory(TokenDirectory.Reader reader, int capacity) {
        return new TokenDirectory((chain, token) -> {
            synchronized (reads) {
                reads.add(chain + ":" + token);
            }
            return reader.read(chain, token);
        }, executor, capacity, Duration.ofSeconds(5), Duration.ofMinutes(1), now::get);
    }

    @Test
    void shouldReadATokenOnceAndThenAnswerFromMemory() {
        TokenDirectory tokens = directory((chain, token) -> Optional.of(new TokenMetadata("USDT", 6)), 10);

        tokens.prefetch(List.of(transfer(USDT), transfer(USDT.toLowerCase())));
        tokens.prefetch(List.of(transfer(USDT)));

        assertThat(tokens.find("ethereum", USDT)).hasValue(new TokenMetadata("USDT", 6));
        assertThat(tokens.find("ethereum", USDT.toUpperCase().replace("0X", "0x"))).isPresent();
        assertThat(tokens.find("bsc", USDT)).isEmpty();
        assertThat(reads).containsExactly("ethereum:" + USDT.toLowerCase());
    }

    @Test
    void shouldLookUpTheTokensATransactionMovedAndApprovedButNoNftCollection() {
        TokenDirectory tokens = directory((chain, token) -> Optional.of(new TokenMetadata("T", 6)), 10);
        String approved = "0x" + "34".repeat(20);
        String collection = "0x" + "56".repeat(20);

        tokens.prefetch(List.of(TestAlerts.transaction().approvals(TestAlerts.approval(ApprovalStandard.PERMIT2,
                approved, OTHER, "1", true),
                TestAlerts.approval(ApprovalStandard.OPERATOR, collection, OTHER, null,
                        true))
                .movements(TestAlerts.movement(AlertKind.TOKEN_IN, "1", USDT, OTHER), TestAlerts.nft(
                        AlertKind.NFT_IN, collection, "7", "1", OTHER))
                .build()));

        assertThat(reads).containsExactlyInAnyOrder("ethereum:" + approved, "ethereum:" + USDT.toLowerCase());
    }

    @Test
    void shouldRememberAFailureBrieflyThenTryAgain() {
        TokenDirectory tokens = directory((chain, token) -> Optional.empty(), 10);

        tokens.prefetch(List.of(transfer(USDT)));
        tokens.prefetch(List.of(transfer(USDT)));
        assertThat(reads).hasSize(1);
        assertThat(tokens.find("ethereum", USDT)).isEmpty();

        now.addAndGet(Duration.ofMinutes(1).toMillis());
        tokens.prefetch(List.of(transfer(USDT)));
        assertThat(reads).hasSize(2);
    }

    @Test
    void shouldTreatAReaderThatThrowsAsAFailure() {
        TokenDirectory tokens = directory((chain, token) -> {
            throw new IllegalStateException("boom");
        }, 10);

        tokens.prefetch(List.of(transfer(USDT)));

        assertThat(tokens.find("ethereum", USDT)).isEmpty();
    }

    @Test
    void shouldNotWaitLongerThanTheLookupTimeoutAndKeepTheLateAnswer() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        TokenDirectory tokens = new TokenDirectory((chain, token) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(new TokenMetadata("SLOW", 2));
        }, executor, 10, Duration.ofMillis(50), Duration.ofMinutes(1), now::get);

        long started = System.nanoTime();
        tokens.prefetch(List.of(transfer(USDT)));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(tokens.find("ethereum", USDT)).isEmpty();

        release.countDown();
        executor.shutdown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(tokens.find("ethereum", USDT)).hasValue(new TokenMetadata("SLOW", 2));
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedTokenBeyondItsCapacity() {
        TokenDirectory tokens = directory((chain, token) -> Optional.of(new TokenMetadata("T", 0)), 1);

        tokens.prefetch(List.of(transfer(USDT)));
        tokens.prefetch(List.of(transfer(OTHER)));
        tokens.prefetch(List.of(transfer(USDT)));

        assertThat(reads).hasSize(3);
    }

    @Test
    void shouldIgnoreAlertsWithoutAFungibleToken() {
        TokenDirectory tokens = directory((chain, token) -> Optional.of(new TokenMetadata("T", 0)), 10);

        tokens.prefetch(List.of(alert().build(), alert().kind(AlertKind.NFT_IN).token(USDT).tokenId("1").build()));

        assertThat(reads).isEmpty();
    }
}

package io.chainwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

class NotifierSettingsTest {

    @Test
    void shouldUseTheDocumentedDefaultsWhenNothingIsSet() {
        NotifierSettings settings = NotifierSettings.from(RuntimeEnv.of(Map.of()));

        assertThat(settings.botToken()).isEmpty();
        assertThat(settings.apiUrl()).isEqualTo("https://api.telegram.org");
        assertThat(settings.globalRate()).isEqualTo(25);
        assertThat(settings.globalBurst()).isEqualTo(4);
        assertThat(settings.privateChatInterval()).isEqualTo(Duration.ofNanos(1_111_111_111));
        assertThat(settings.groupChatInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.digestThreshold()).isEqualTo(20);
        assertThat(settings.digestAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.consumerGroup()).isEqualTo("chainwatch-notifier");
        assertThat(settings.redisUrl()).isEmpty();
        assertThat(settings.ledgerTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.tokenLookupTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(settings.tokenCacheSize()).isEqualTo(10_000);
        assertThat(settings.tokenRetryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.chains()).extracting(c -> c.name()).containsExactly("ethereum", "bsc");
    }

    @Test
    void shouldDefaultTheBurstToWhatTelegramsThirtyASecondLeavesAboveTheRateLessOneForJitter() {
        assertThat(NotifierSettings.defaultGlobalBurst(25)).isEqualTo(4);
        assertThat(NotifierSettings.defaultGlobalBurst(10)).as("at most 5").isEqualTo(5);
        assertThat(NotifierSettings.defaultGlobalBurst(27.5)).isEqualTo(1);
        assertThat(NotifierSettings.defaultGlobalBurst(30)).as("at least 1").isEqualTo(1);
        for (double rate = 0.5; rate <= 28; rate += 0.5) {
            assertThat(rate + NotifierSettings.defaultGlobalBurst(rate)).as("rate %s", rate).isLessThanOrEqualTo(29);
        }
        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_GLOBAL_RATE", "26"))).globalBurst())
                .isEqualTo(3);
        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_GLOBAL_BURST", "5"))).globalBurst())
                .isEqualTo(5);
    }

    @Test
    void shouldReadTheDigestBound() {
        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_DIGEST_AFTER", "2500ms"))).digestAfter())
                .isEqualTo(Duration.ofMillis(2500));
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_DIGEST_AFTER", "-1s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NOTIFIER_DIGEST_AFTER");
    }

    @Test
    void shouldReadTokenLookupSettingsAndTheChainsRpcEndpoints() {
        NotifierSettings settings = NotifierSettings.from(RuntimeEnv.of(Map.of("CHAINWATCH_CHAINS", "devnet",
                "CHAINWATCH_RPC_DEVNET", "http://127.0.0.1:8545", "NOTIFIER_TOKEN_LOOKUP_TIMEOUT", "500ms",
                "NOTIFIER_TOKEN_CACHE_SIZE", "50", "NOTIFIER_TOKEN_RETRY_AFTER", "10s")));

        assertThat(settings.chains()).singleElement().satisfies(c -> assertThat(c.rpcUrls()).containsExactly(
                "http://127.0.0.1:8545"));
        assertThat(settings.tokenLookupTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.tokenCacheSize()).isEqualTo(50);
        assertThat(settings.tokenRetryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_TOKEN_CACHE_SIZE", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NOTIFIER_TOKEN_CACHE_SIZE");
    }

    @Test
    void shouldWaitFourQuietSecondsBeforeConfirmationUpdatesUnlessToldOtherwise() {
        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of())).progressQuiet()).isEqualTo(Duration.ofSeconds(4));
        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_PROGRESS_QUIET", "0s"))).progressQuiet())
                .isZero();
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_PROGRESS_QUIET", "-1s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NOTIFIER_PROGRESS_QUIET");
    }

    @Test
    void shouldDropConfirmationUpdatesHeldBehindNewAlertsAfterThirtySecondsUnlessToldOtherwise() {
        NotifierSettings defaults = NotifierSettings.from(RuntimeEnv.of(Map.of()));
        assertThat(defaults.progressMaxWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxEditsInFlight()).as("half the 8 senders").isEqualTo(4);
        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_PROGRESS_MAX_WAIT", "5s"))).progressMaxWait())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_SEND_CONCURRENCY", "1"))).maxEditsInFlight())
                .isEqualTo(1);
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of("NOTIFIER_PROGRESS_MAX_WAIT", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NOTIFIER_PROGRESS_MAX_WAIT");
    }

    @Test
    void shouldRefuseAMalformedTokenWithoutEchoingIt() {
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", "secret-value"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TELEGRAM_BOT_TOKEN").hasMessageNotContaining(
                        "secret-value");
    }

    @Test
    void shouldNameTheVariableWhenARateIsNotPositive() {
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_GLOBAL_RATE", "0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TELEGRAM_GLOBAL_RATE");
    }

    @Test
    void shouldRefuseARedisUrlThatIsNotOne() {
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of("REDIS_URL", "localhost:6379"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("REDIS_URL");
    }

    @Test
    void shouldNeverPrintTheToken() {
        String token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345";
        NotifierSettings settings = NotifierSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", token,
                "REDIS_URL", "redis://:pw@127.0.0.1:6379")));

        assertThat(settings.toString()).doesNotContain(token).doesNotContain("pw");
    }

    @Test
    void shouldReadTheAddressBookAndNameItsBadLine() throws Exception {
        Path dir = Files.createTempDirectory("address-book");
        Path good = Files.writeString(dir.resolve("good.txt"), "0x" + "ab".repeat(20)
                + " Bridge\n");
        Path bad = Files.writeString(dir.resolve("bad.txt"), "# names\nnot an entry\n");

        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of("CHAINWATCH_ADDRESS_LABELS", good.toString())))
                .addressBook().name("ethereum", "0x" + "ab".repeat(20))).contains("Bridge");
        assertThat(NotifierSettings.from(RuntimeEnv.of(Map.of())).addressBook().size()).isZero();
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of(
                "CHAINWATCH_ADDRESS_LABELS", bad.toString())))).isInstanceOf(ConfigException.class).hasMessage(
                        "CHAINWATCH_ADDRESS_LABELS: " + bad + ":2: expected '[chain:]0x<40 hex digits> <name>'");
        assertThatThrownBy(() -> NotifierSettings.from(RuntimeEnv.of(Map.of(
                "CHAINWATCH_ADDRESS_LABELS", dir.resolve("missing.txt").toString())))).isInstanceOf(
                        ConfigException.class)
                .hasMessageContaining("cannot read the address book");
    }
}

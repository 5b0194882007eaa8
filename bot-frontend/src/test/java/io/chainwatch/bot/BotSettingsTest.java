package io.chainwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.chainwatch.bot.store.BotErrors;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

class BotSettingsTest {

    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";

    @Test
    void shouldUseDefaultsWhenNothingIsSet() {
        BotSettings settings = BotSettings.from(RuntimeEnv.of(Map.of()));

        assertThat(settings.token()).isEmpty();
        assertThat(settings.apiUrl()).isEqualTo("https://api.telegram.org");
        assertThat(settings.maxWatchesPerChat()).isEqualTo(50);
        assertThat(settings.db().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/chainwatch");
        assertThat(settings.db().minimumIdle()).isEqualTo(20);
        assertThat(settings.db().maximumPoolSize()).isEqualTo(60);
        assertThat(settings.db().connectionTimeout()).hasSeconds(3);
        assertThat(settings.db().socketTimeout()).hasSeconds(4);
        assertThat(settings.db().probeInterval()).hasSeconds(1);
        assertThat(settings.chains()).extracting(c -> c.name()).containsExactly("ethereum", "bsc");
        assertThat(settings.commandsBurst()).isEqualTo(5);
        assertThat(settings.commandsPerMinute()).isEqualTo(30);
        assertThat(settings.trackPatience().keepLooking()).hasMinutes(30);
        assertThat(settings.trackPatience().dropAfter()).hasMinutes(10);
        assertThat(settings.nameWait()).hasMillis(300);
        assertThat(settings.ensCacheTtl()).hasHours(1);
        assertThat(settings.addressBook().size()).isZero();
    }

    @Test
    void shouldReadHowLongAReplyWaitsForNamesAndTheAddressBook(@TempDir Path dir) throws Exception {
        Path book = dir.resolve("labels.txt");
        Files.writeString(book, "0x28C6c06298d514Db089934071355E5743bf21d60 Binance 14\n");

        BotSettings settings = BotSettings.from(RuntimeEnv.of(Map.of("CHAINWATCH_BOT_NAME_WAIT", "150ms",
                "CHAINWATCH_ENS_CACHE_TTL", "10m", "CHAINWATCH_ADDRESS_LABELS", book.toString())));

        assertThat(settings.nameWait()).hasMillis(150);
        assertThat(settings.ensCacheTtl()).hasMinutes(10);
        assertThat(settings.addressBook().name("ethereum", "0x28c6c06298d514db089934071355e5743bf21d60")).contains(
                "Binance 14");
    }

    @Test
    void shouldReadHowLongTrackWaitsForTheNodes() {
        BotSettings settings = BotSettings.from(RuntimeEnv.of(Map.of("CHAINWATCH_TRACK_KEEP_LOOKING", "2h",
                "CHAINWATCH_TRACK_DROP_AFTER", "90s")));

        assertThat(settings.trackPatience().keepLooking()).hasHours(2);
        assertThat(settings.trackPatience().dropAfter()).hasSeconds(90);
    }

    @Test
    void shouldReadEverySettingWhenSet() {
        BotSettings settings = BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL",
                "http://127.0.0.1:8081/", "CHAINWATCH_MAX_WATCHES_PER_CHAT", "7", "TELEGRAM_ADMIN_IDS", "1, 2",
                "CHAINWATCH_DB_POOL_MIN_IDLE", "1", "CHAINWATCH_DB_POOL_MAX_SIZE", "2", "CHAINWATCH_DB_SOCKET_TIMEOUT",
                "30s", "CHAINWATCH_DB_PROBE_INTERVAL", "2s")));

        assertThat(settings.token()).contains(TOKEN);
        assertThat(settings.apiUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(settings.maxWatchesPerChat()).isEqualTo(7);
        assertThat(settings.adminIds()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(settings.db().maximumPoolSize()).isEqualTo(2);
        assertThat(settings.db().socketTimeout()).hasSeconds(30);
        assertThat(settings.db().probeInterval()).hasSeconds(2);
    }

    @Test
    void shouldReadCommandRateLimitWhenSet() {
        BotSettings settings = BotSettings.from(RuntimeEnv.of(Map.of("CHAINWATCH_BOT_COMMANDS_BURST", "1",
                "CHAINWATCH_BOT_COMMANDS_PER_MINUTE", "600")));

        assertThat(settings.commandsBurst()).isEqualTo(1);
        assertThat(settings.commandsPerMinute()).isEqualTo(600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1", "123456789:short",
            "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1x", "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsa w"})
    void shouldFailWithoutEchoingTokenWhenTokenIsMalformed(String token) {
        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", token)))).isInstanceOf(
                ConfigException.class).hasMessageContaining("TELEGRAM_BOT_TOKEN is malformed").satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain(token));
    }

    @Test
    void shouldNeverPrintTokenWhenSettingsAreLogged() {
        BotSettings settings = BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", TOKEN,
                "CHAINWATCH_DB_PASSWORD", "hunter2")));

        assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CHAINWATCH_MAX_WATCHES_PER_CHAT=0", "TELEGRAM_ADMIN_IDS=alice",
            "TELEGRAM_API_URL=ftp://x", "CHAINWATCH_DB_URL=postgres://x", "CHAINWATCH_DB_POOL_MIN_IDLE=99",
            "CHAINWATCH_DB_CONNECTION_TIMEOUT=10ms", "CHAINWATCH_DB_SOCKET_TIMEOUT=1500ms",
            "CHAINWATCH_DB_SOCKET_TIMEOUT=0s", "CHAINWATCH_DB_PROBE_INTERVAL=10ms", "CHAINWATCH_CHAINS=dogechain",
            "CHAINWATCH_BOT_COMMANDS_BURST=0",
            "CHAINWATCH_BOT_COMMANDS_BURST=101", "CHAINWATCH_BOT_COMMANDS_BURST=many",
            "CHAINWATCH_BOT_COMMANDS_PER_MINUTE=0", "CHAINWATCH_BOT_COMMANDS_PER_MINUTE=601",
            "CHAINWATCH_BOT_COMMANDS_PER_MINUTE=1.5", "CHAINWATCH_TRACK_KEEP_LOOKING=0s",
            "CHAINWATCH_TRACK_KEEP_LOOKING=2d", "CHAINWATCH_TRACK_DROP_AFTER=soon", "CHAINWATCH_BOT_NAME_WAIT=3s",
            "CHAINWATCH_ENS_CACHE_TTL=0s", "CHAINWATCH_ADDRESS_LABELS=/nonexistent/labels.txt"})
    void shouldNameTheVariableWhenValueIsInvalid(String assignment) {
        String[] parts = assignment.split("=", 2);

        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of(parts[0], parts[1])))).isInstanceOf(
                ConfigException.class).hasMessageContaining(parts[0]);
    }

    @Test
    void shouldRedactTokenWhenDescribingErrors() {
        String text = BotErrors.redact("GET http://x/bot" + TOKEN + "/getUpdates failed; token " + TOKEN);

        assertThat(text).doesNotContain(TOKEN).contains("bot<redacted>");
    }

    @Test
    void shouldUseWebhookWhenUrlAndSecretAreSet() {
        BotSettings settings = BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_WEBHOOK_URL",
                "https://bot.example.com/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET", "s3cr3t_-X")));

        assertThat(settings.webhook()).contains(new BotSettings.Webhook("https://bot.example.com/telegram/webhook",
                "s3cr3t_-X"));
        assertThat(settings.toString()).doesNotContain("s3cr3t_-X").contains("Webhook[url=https://bot.example.com/");
        assertThat(BotSettings.from(RuntimeEnv.of(Map.of())).webhook()).isEmpty();
    }

    @Test
    void shouldFailNamingVariableWhenWebhookSecretIsMissing() {
        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_WEBHOOK_URL",
                "https://bot.example.com/hook")))).isInstanceOf(ConfigException.class).hasMessageContaining(
                        "TELEGRAM_WEBHOOK_SECRET is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "ünïcode", "a/b"})
    void shouldFailWithoutEchoingSecretWhenWebhookSecretIsMalformed(String secret) {
        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_WEBHOOK_URL",
                "https://bot.example.com/hook", "TELEGRAM_WEBHOOK_SECRET", secret)))).isInstanceOf(
                        ConfigException.class)
                .hasMessageContaining("TELEGRAM_WEBHOOK_SECRET must be").satisfies(
                        e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    @Test
    void shouldFailWhenWebhookSecretIsLongerThanTelegramAllows() {
        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_WEBHOOK_URL",
                "https://bot.example.com/hook", "TELEGRAM_WEBHOOK_SECRET", "x".repeat(257))))).isInstanceOf(
                        ConfigException.class)
                .hasMessageContaining("257 characters given");
        assertThat(BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/hook",
                "TELEGRAM_WEBHOOK_SECRET", "x".repeat(256)))).webhook()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://bot.example.com/hook", "bot.example.com/hook", "https:///nohost"})
    void shouldFailWhenWebhookUrlIsNotPublicHttps(String url) {
        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_WEBHOOK_URL", url,
                "TELEGRAM_WEBHOOK_SECRET", "abc")))).isInstanceOf(ConfigException.class).hasMessageContaining(
                        "TELEGRAM_WEBHOOK_URL must be");
    }

    @Test
    void shouldFailWhenWebhookSecretIsSetWithoutUrl() {
        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_WEBHOOK_SECRET", "abc"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TELEGRAM_WEBHOOK_URL is not");
    }

    @Test
    void shouldDefaultRpcTimeoutToThreeSecondsWhenUnset() {
        assertThat(BotSettings.from(RuntimeEnv.of(Map.of())).rpcTimeout()).hasSeconds(3);
        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of("CHAINWATCH_BOT_RPC_TIMEOUT", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHAINWATCH_BOT_RPC_TIMEOUT");
    }
}

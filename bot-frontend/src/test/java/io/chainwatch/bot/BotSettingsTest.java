package io.chainwatch.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.telegram.telegrambots.meta.TelegramUrl;

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
        assertThat(settings.db().connectionTimeout()).hasSeconds(30);
        assertThat(settings.chains()).extracting(c -> c.name()).containsExactly("ethereum", "bsc");
    }

    @Test
    void shouldReadEverySettingWhenSet() {
        BotSettings settings = BotSettings.from(RuntimeEnv.of(Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_API_URL",
                "http://127.0.0.1:8081/", "CHAINWATCH_MAX_WATCHES_PER_CHAT", "7", "TELEGRAM_ADMIN_IDS", "1, 2",
                "CHAINWATCH_DB_POOL_MIN_IDLE", "1", "CHAINWATCH_DB_POOL_MAX_SIZE", "2")));

        assertThat(settings.token()).contains(TOKEN);
        assertThat(settings.apiUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(settings.maxWatchesPerChat()).isEqualTo(7);
        assertThat(settings.adminIds()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(settings.db().maximumPoolSize()).isEqualTo(2);
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
            "CHAINWATCH_DB_CONNECTION_TIMEOUT=10ms", "CHAINWATCH_CHAINS=dogechain"})
    void shouldNameTheVariableWhenValueIsInvalid(String assignment) {
        String[] parts = assignment.split("=", 2);

        assertThatThrownBy(() -> BotSettings.from(RuntimeEnv.of(Map.of(parts[0], parts[1])))).isInstanceOf(
                ConfigException.class).hasMessageContaining(parts[0]);
    }

    @Test
    void shouldParseApiUrlIntoTelegramUrl() {
        assertThat(TelegramUrls.parse("http://127.0.0.1:8081")).isEqualTo(new TelegramUrl("http", "127.0.0.1", 8081,
                false));
        assertThat(TelegramUrls.parse("https://api.telegram.org")).isEqualTo(new TelegramUrl("https",
                "api.telegram.org", 443, false));
    }

    @Test
    void shouldRedactTokenWhenDescribingErrors() {
        String text = BotErrors.redact("GET http://x/bot" + TOKEN + "/getUpdates failed; token " + TOKEN);

        assertThat(text).doesNotContain(TOKEN).contains("bot<redacted>");
    }
}

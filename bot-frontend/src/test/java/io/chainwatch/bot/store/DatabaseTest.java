package io.chainwatch.bot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.chainwatch.bot.BotSettings;
import io.chainwatch.config.RuntimeEnv;

class DatabaseTest {

    @Test
    void shouldBoundEveryDriverWaitWhenPoolIsConfigured() {
        DbSettings db = BotSettings.from(RuntimeEnv.of(Map.of())).db();

        // pgjdbc reads these with Properties.getProperty: anything but a string would be silently ignored
        Properties driver = Database.config(db).getDataSourceProperties();

        assertThat(driver.getProperty("connectTimeout")).isEqualTo("3");
        assertThat(driver.getProperty("loginTimeout")).isEqualTo("3");
        assertThat(driver.getProperty("socketTimeout")).isEqualTo("4");
    }
}

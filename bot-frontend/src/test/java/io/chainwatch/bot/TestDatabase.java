package io.chainwatch.bot;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import io.chainwatch.bot.store.DbSettings;

/**
 * A fresh database {@code chainwatch_it_<random>} on the local Postgres (127.0.0.1:5432, trust auth), dropped on
 * close. {@code CHAINWATCH_IT_PG} overrides the server ({@code host:port}), {@code CHAINWATCH_IT_PG_USER} the user.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SERVER = System.getenv().getOrDefault("CHAINWATCH_IT_PG", "127.0.0.1:5432");
    private static final String USER = System.getenv().getOrDefault("CHAINWATCH_IT_PG_USER", "postgres");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create() {
        String name = "chainwatch_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(
                Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String url() {
        return "jdbc:postgresql://" + SERVER + "/" + name;
    }

    public String user() {
        return USER;
    }

    /**
     * The production defaults of timeouts and probing, with a small pool, reaching this database through a proxy on
     * {@code port} of the loopback interface.
     */
    public DbSettings settingsThrough(int port) {
        return new DbSettings("jdbc:postgresql://127.0.0.1:" + port + "/" + name, USER, "", 2, 8,
                DbSettings.DEFAULT_CONNECTION_TIMEOUT, DbSettings.DEFAULT_SOCKET_TIMEOUT,
                DbSettings.DEFAULT_PROBE_INTERVAL);
    }

    /** Host of the local Postgres. */
    public static String host() {
        return SERVER.substring(0, SERVER.lastIndexOf(':'));
    }

    /** Port of the local Postgres. */
    public static int port() {
        return Integer.parseInt(SERVER.substring(SERVER.lastIndexOf(':') + 1));
    }

    /** Small pool, short connection timeout: tests never wait 30 s. */
    public DbSettings settings() {
        return new DbSettings(url(), USER, "", 1, 8, Duration.ofSeconds(5), DbSettings.DEFAULT_SOCKET_TIMEOUT,
                DbSettings.DEFAULT_PROBE_INTERVAL);
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the local Postgres at " + SERVER, e);
        }
    }
}

package io.chainwatch.bot;

import java.time.Duration;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

/**
 * Where Postgres is and how the connection pool is sized.
 *
 * @param url JDBC URL ({@value #URL})
 * @param user user name ({@value #USER})
 * @param password password ({@value #PASSWORD}); never logged
 * @param minimumIdle idle connections kept ready ({@value #MIN_IDLE})
 * @param maximumPoolSize most connections ({@value #MAX_POOL})
 * @param connectionTimeout how long a command waits for a connection before answering "unavailable"
 *            ({@value #CONNECTION_TIMEOUT})
 */
public record DbSettings(String url, String user, String password, int minimumIdle, int maximumPoolSize,
        Duration connectionTimeout) {

    public static final String URL = "CHAINWATCH_DB_URL";
    public static final String USER = "CHAINWATCH_DB_USER";
    public static final String PASSWORD = "CHAINWATCH_DB_PASSWORD";
    public static final String MIN_IDLE = "CHAINWATCH_DB_POOL_MIN_IDLE";
    public static final String MAX_POOL = "CHAINWATCH_DB_POOL_MAX_SIZE";
    public static final String CONNECTION_TIMEOUT = "CHAINWATCH_DB_CONNECTION_TIMEOUT";

    /** A local Postgres with a {@code chainwatch} database. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/chainwatch";
    /** Postgres's default superuser. */
    public static final String DEFAULT_USER = "postgres";
    /** Idle connections kept ready, as the previous bot ran. */
    public static final int DEFAULT_MIN_IDLE = 20;
    /** Pool ceiling, as the previous bot ran. */
    public static final int DEFAULT_MAX_POOL = 60;
    /** Wait for a free connection. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    /** A connection is replaced after this long. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(1);
    /** Idle connections are pinged this often so that firewalls do not cut them. */
    public static final Duration KEEPALIVE = Duration.ofMinutes(5);

    public static DbSettings from(RuntimeEnv env) {
        String url = env.get(URL, DEFAULT_URL);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException(URL + " must be a jdbc:postgresql:// URL, got '" + url.replaceAll("\\?.*", "?…")
                    + "'");
        }
        int minIdle = env.getInt(MIN_IDLE, DEFAULT_MIN_IDLE);
        int maxPool = env.getInt(MAX_POOL, DEFAULT_MAX_POOL);
        if (maxPool < 1) {
            throw new ConfigException(MAX_POOL + " must be at least 1, got " + maxPool);
        }
        if (minIdle < 0 || minIdle > maxPool) {
            throw new ConfigException(MIN_IDLE + " must be between 0 and " + MAX_POOL + " (" + maxPool + "), got "
                    + minIdle);
        }
        Duration timeout = env.getDuration(CONNECTION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
        if (timeout.toMillis() < 250) {
            throw new ConfigException(CONNECTION_TIMEOUT + " must be at least 250ms, got " + timeout);
        }
        return new DbSettings(url, env.get(USER, DEFAULT_USER), env.get(PASSWORD, ""), minIdle, maxPool, timeout);
    }

    @Override
    public String toString() {
        return "DbSettings[url=" + url.replaceAll("\\?.*", "?…") + ", user=" + user + ", pool=" + minimumIdle + ".."
                + maximumPoolSize + "]";
    }
}

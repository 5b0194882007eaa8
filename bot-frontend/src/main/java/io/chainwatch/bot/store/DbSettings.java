package io.chainwatch.bot.store;

import java.time.Duration;

import io.chainwatch.config.ConfigException;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;

/**
 * Where Postgres is and how the connection pool is sized.
 *
 * @param url JDBC URL ({@value #URL})
 * @param user user name ({@value #USER})
 * @param password password ({@value #PASSWORD}); never logged
 * @param minimumIdle idle connections kept ready ({@value #MIN_IDLE})
 * @param maximumPoolSize most connections ({@value #MAX_POOL})
 * @param connectionTimeout how long a command waits for a pooled connection, and a new connection may take to
 *            open, before the command is answered "unavailable" ({@value #CONNECTION_TIMEOUT})
 * @param socketTimeout how long a statement waits for Postgres's answer before its connection counts as dead
 *            ({@value #SOCKET_TIMEOUT})
 * @param probeInterval while Postgres is unreachable, how often a probe tries to reach it ({@value #PROBE_INTERVAL})
 */
public record DbSettings(String url, String user, String password, int minimumIdle, int maximumPoolSize,
        Duration connectionTimeout, Duration socketTimeout, Duration probeInterval) {

    public static final String URL = EnvNames.DB_URL;
    public static final String USER = "CHAINWATCH_DB_USER";
    public static final String PASSWORD = "CHAINWATCH_DB_PASSWORD";
    public static final String MIN_IDLE = "CHAINWATCH_DB_POOL_MIN_IDLE";
    public static final String MAX_POOL = "CHAINWATCH_DB_POOL_MAX_SIZE";
    public static final String CONNECTION_TIMEOUT = "CHAINWATCH_DB_CONNECTION_TIMEOUT";
    public static final String SOCKET_TIMEOUT = "CHAINWATCH_DB_SOCKET_TIMEOUT";
    public static final String PROBE_INTERVAL = "CHAINWATCH_DB_PROBE_INTERVAL";

    /** A local Postgres with a {@code chainwatch} database. */
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/chainwatch";
    /** Postgres's default superuser. */
    public static final String DEFAULT_USER = "postgres";
    /** Idle connections kept ready, as the previous bot ran. */
    public static final int DEFAULT_MIN_IDLE = 20;
    /** Pool ceiling, as the previous bot ran. */
    public static final int DEFAULT_MAX_POOL = 60;
    /**
     * Wait for a free connection, and for a new one to open. The old bot's 30 s left a user waiting half a minute
     * when Postgres was down (issue #13); a pool busy for longer than this is overloaded, and the user is better told
     * so at once.
     */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /**
     * Wait for an answer to a statement. The bot's statements take milliseconds; without a bound, a connection to a
     * host that stopped answering (no reset, no refusal) would hang a command for as long as TCP keeps trying.
     * Migrations run on a connection of their own without it, so a long migration is not cut off.
     */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(4);
    /** While Postgres is down, probe it this often: commands work again about this soon after it is back. */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(1);
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
        Duration socketTimeout = env.getDuration(SOCKET_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
        if (socketTimeout.toMillis() < 1_000 || socketTimeout.toMillis() % 1_000 != 0) {
            // pgjdbc takes whole seconds
            throw new ConfigException(SOCKET_TIMEOUT + " must be a whole number of seconds, at least 1s, got "
                    + socketTimeout);
        }
        Duration probeInterval = env.getDuration(PROBE_INTERVAL, DEFAULT_PROBE_INTERVAL);
        if (probeInterval.toMillis() < 100) {
            throw new ConfigException(PROBE_INTERVAL + " must be at least 100ms, got " + probeInterval);
        }
        return new DbSettings(url, env.get(USER, DEFAULT_USER), env.get(PASSWORD, ""), minIdle, maxPool, timeout,
                socketTimeout, probeInterval);
    }

    /** {@link #connectionTimeout()} in the whole seconds pgjdbc takes, rounded up. */
    int connectTimeoutSeconds() {
        return (int) Math.max(1, (connectionTimeout.toMillis() + 999) / 1_000);
    }

    @Override
    public String toString() {
        return "DbSettings[url=" + url.replaceAll("\\?.*", "?…") + ", user=" + user + ", pool=" + minimumIdle + ".."
                + maximumPoolSize + "]";
    }
}

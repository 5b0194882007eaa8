package io.chainwatch.bot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool, the schema migrations, the Jdbi handle factory and the {@link DatabaseGate} in front of them.
 * The pool starts even when Postgres is down (commands then answer "unavailable"); {@link #migrate()} runs before
 * the first connection is handed out, and again before each until it succeeds. Every connection Jdbi or a migration
 * asks for passes the gate, and every failure to get one or to run a statement is reported to it, so the first sign of
 * an outage refuses the next commands at once. Thread-safe.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final DataSource migrations;
    private final DatabaseGate gate;
    private final Jdbi jdbi;
    private volatile boolean migrated;

    public Database(DbSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public Database(DbSettings settings, Clock clock) {
        this.dataSource = new HikariDataSource(config(settings));
        this.migrations = direct(settings, 0, "chainwatch-bot-migrations");
        DataSource probes = direct(settings, settings.connectTimeoutSeconds(), "chainwatch-bot-probe");
        this.gate = new DatabaseGate(() -> probe(probes, settings.connectTimeoutSeconds()), settings.probeInterval(),
                clock).start();
        this.jdbi = Jdbi.create(this::connect).installPlugin(new PostgresPlugin()).setSqlLogger(new SqlLogger() {
            @Override
            public void logException(StatementContext context, SQLException ex) {
                gate.failed(ex);
            }
        });
    }

    static HikariConfig config(DbSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("chainwatch-bot");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMinimumIdle(settings.minimumIdle());
        config.setMaximumPoolSize(settings.maximumPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        // a pooled connection that does not answer within a second is dead; the next one is tried
        config.setValidationTimeout(Math.min(1_000, settings.connectionTimeout().toMillis()));
        // without these pgjdbc waits 10 s for TCP and forever for a server that accepts but never answers; strings,
        // because the driver reads them with Properties.getProperty, which sees no other type
        config.addDataSourceProperty("connectTimeout", Integer.toString(settings.connectTimeoutSeconds()));
        config.addDataSourceProperty("loginTimeout", Integer.toString(settings.connectTimeoutSeconds()));
        config.addDataSourceProperty("socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
        config.setMaxLifetime(DbSettings.MAX_LIFETIME.toMillis());
        config.setKeepaliveTime(DbSettings.KEEPALIVE.toMillis());
        config.setInitializationFailTimeout(-1); // start without a database; commands report it unavailable
        return config;
    }

    /** A connection of its own, outside the pool; {@code socketTimeoutSeconds} 0 waits for answers as long as needed. */
    private static DataSource direct(DbSettings settings, int socketTimeoutSeconds, String applicationName) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(settings.url());
        source.setUser(settings.user());
        source.setPassword(settings.password());
        source.setConnectTimeout(settings.connectTimeoutSeconds());
        source.setLoginTimeout(settings.connectTimeoutSeconds());
        source.setSocketTimeout(socketTimeoutSeconds);
        source.setApplicationName(applicationName);
        return source;
    }

    private static void probe(DataSource probes, int timeoutSeconds) throws SQLException {
        try (Connection c = probes.getConnection()) {
            if (!c.isValid(timeoutSeconds)) {
                throw new SQLTransientConnectionException("Postgres accepted the probe's connection but did not"
                        + " answer it", "08006");
            }
        }
    }

    private Connection connect() throws SQLException {
        gate.check();
        migrate(); // here, not before each statement: nothing of the bot runs without the schema
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            gate.failed(e);
            throw e;
        }
    }

    /**
     * Applies pending migrations once; cheap after the first success. The service calls it at
     * startup, and every connection handed out calls it first, so a bot started while Postgres was down migrates as
     * soon as it can.
     */
    public void migrate() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                try {
                    gate.check();
                    Flyway.configure().dataSource(migrations).locations("classpath:db/migration").load().migrate();
                } catch (DatabaseGate.ClosedException e) {
                    throw new ConnectionException(e);
                } catch (RuntimeException e) {
                    gate.failed(e);
                    throw e;
                }
                migrated = true;
            }
        }
    }

    /** Whether Postgres is known to be down; see {@link DatabaseGate}. */
    public DatabaseGate gate() {
        return gate;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        gate.close();
        dataSource.close();
    }
}

package io.chainwatch.bot;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool, the schema migrations and the Jdbi handle factory. The pool starts even when Postgres is down
 * (commands then answer "temporarily unavailable"); {@link #migrate()} is retried until it succeeds. Thread-safe.
 */
final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private volatile boolean migrated;

    Database(DbSettings settings) {
        this.dataSource = new HikariDataSource(config(settings));
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
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
        config.setValidationTimeout(Math.min(5_000, settings.connectionTimeout().toMillis()));
        config.setMaxLifetime(DbSettings.MAX_LIFETIME.toMillis());
        config.setKeepaliveTime(DbSettings.KEEPALIVE.toMillis());
        config.setInitializationFailTimeout(-1); // start without a database; commands report it unavailable
        return config;
    }

    /** Applies pending migrations once; cheap after the first success. */
    void migrate() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
                migrated = true;
            }
        }
    }

    boolean isMigrated() {
        return migrated;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

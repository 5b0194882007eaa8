package io.chainwatch.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The standalone mode's Postgres: an embedded server whose data stays under the data directory. Postgres refuses to
 * run as root, so as root (containers, CI) the launcher uses the local server at 127.0.0.1:5432 instead, in a database
 * named {@code chainwatch}, and says so.
 */
final class StandaloneDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneDatabase.class);
    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/";

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String user;

    private StandaloneDatabase(EmbeddedPostgres embedded, String jdbcUrl, String user) {
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    static StandaloneDatabase start(Path dataDir, int port) throws IOException {
        if (isRoot()) {
            LOG.info("Running as root, where Postgres refuses to start: using the local Postgres at 127.0.0.1:5432 "
                    + "(set CHAINWATCH_DB_URL to choose another)");
            return local();
        }
        Path dir = dataDir.resolve("postgres");
        Files.createDirectories(dir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(
                port).start();
        return new StandaloneDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres");
    }

    private static StandaloneDatabase local() {
        String user = Optional.ofNullable(System.getenv("PGUSER")).orElse("postgres");
        try (Connection c = DriverManager.getConnection(LOCAL_URL + "postgres", user, "");
                Statement s = c
                        .createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = 'chainwatch'");
            if (!rs.next()) {
                s.execute("create database chainwatch");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "No usable Postgres: as root the embedded one cannot run, and the local one "
                            + "at 127.0.0.1:5432 is not reachable (" + e.getMessage()
                            + "). Start it, or set CHAINWATCH_DB_URL.",
                    e);
        }
        return new StandaloneDatabase(null, LOCAL_URL + "chainwatch", user);
    }

    /** Where the standalone mode's database is when {@code CHAINWATCH_DB_URL} is not set. */
    static String defaultUrl(io.chainwatch.config.RuntimeEnv env) {
        return isRoot()
                ? LOCAL_URL + "chainwatch"
                : "jdbc:postgresql://127.0.0.1:" + env.getInt("CHAINWATCH_PG_PORT",
                        StandaloneSettings.DEFAULT_POSTGRES_PORT) + "/postgres";
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}

package io.chainwatch.config;

/**
 * The names of the environment variables every part of chainwatch shares (the runtime contract in
 * {@code DESIGN.md}; documented in {@code docs/configuration.md}, which {@code ConfigurationDocTest} keeps true).
 * Defined once here so that a service, the standalone launcher, the health command and the demo cannot spell one
 * differently. A variable only one service reads stays with that service's settings.
 */
public final class EnvNames {

    /** The bot's token; never logged. */
    public static final String TELEGRAM_BOT_TOKEN = "TELEGRAM_BOT_TOKEN";
    /** The Bot API base URL. */
    public static final String TELEGRAM_API_URL = "TELEGRAM_API_URL";
    /** The chains to watch, comma separated. */
    public static final String CHAINS = "CHAINWATCH_CHAINS";
    /** The Kafka bootstrap servers. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    /** Postgres, as a JDBC URL. */
    public static final String DB_URL = "CHAINWATCH_DB_URL";
    /** Redis, as {@code redis://host:port}. */
    public static final String REDIS_URL = "REDIS_URL";
    /** Where local state lives: the broker log, the database, Streams state, the local ledger. */
    public static final String DATA_DIR = "CHAINWATCH_DATA_DIR";

    private EnvNames() {
    }
}

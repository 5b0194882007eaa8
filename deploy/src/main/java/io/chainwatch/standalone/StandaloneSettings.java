package io.chainwatch.standalone;

import java.nio.file.Path;

import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;

/**
 * What the standalone launcher decides before any service starts.
 *
 * @param dataDir {@code CHAINWATCH_DATA_DIR}, default {@value #DEFAULT_DATA_DIR}
 * @param kafkaPort port of the embedded broker ({@code CHAINWATCH_KAFKA_PORT}, default {@value #DEFAULT_KAFKA_PORT})
 * @param postgresPort port of the embedded Postgres ({@code CHAINWATCH_PG_PORT}, default
 *        {@value #DEFAULT_POSTGRES_PORT})
 * @param httpPort port of /health and /prometheus ({@code CHAINWATCH_HTTP_PORT}, default {@value #DEFAULT_HTTP_PORT})
 */
record StandaloneSettings(Path dataDir, int kafkaPort, int postgresPort, int httpPort) {

    static final String DEFAULT_DATA_DIR = "./data";
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_POSTGRES_PORT = 54329;
    static final int DEFAULT_HTTP_PORT = 8080;

    static StandaloneSettings from(RuntimeEnv env) {
        return new StandaloneSettings(Path.of(env.get(EnvNames.DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath()
                .normalize(), env.getInt("CHAINWATCH_KAFKA_PORT", DEFAULT_KAFKA_PORT),
                env.getInt("CHAINWATCH_PG_PORT",
                        DEFAULT_POSTGRES_PORT),
                env.getInt("CHAINWATCH_HTTP_PORT", DEFAULT_HTTP_PORT));
    }
}

package io.chainwatch.standalone;

import java.util.HashMap;
import java.util.Map;

import io.chainwatch.config.EnvNames;
import io.chainwatch.kafka.KafkaSettings;

/**
 * The environment of a whole pipeline on a local devnet, as the end-to-end tests and the benchmarks run it: one
 * chain ({@code devnet}, 0 confirmations), the Bot API double instead of Telegram, a broker and a Postgres database
 * of the caller's. Returns a mutable map, so that each caller adds what is special about it (poll interval, pool
 * sizes, Redis, data dir).
 */
public final class DevnetPipelineEnv {

    private DevnetPipelineEnv() {
    }

    /**
     * @param rpcUrl the devnet node (anvil, ganache or the hardhat node)
     * @param telegramUrl the Bot API double's base URL
     * @param token the bot token the double accepts
     * @param bootstrapServers the broker
     * @param databaseUrl a JDBC URL of a database of the caller's, reached as user {@code postgres} with no password
     */
    public static Map<String, String> of(String rpcUrl, String telegramUrl, String token, String bootstrapServers,
            String databaseUrl) {
        Map<String, String> env = new HashMap<>();
        env.put(EnvNames.CHAINS, "devnet");
        env.put("CHAINWATCH_RPC_DEVNET", rpcUrl);
        env.put("CHAINWATCH_CONFIRMATIONS_DEVNET", "0");
        env.put(EnvNames.TELEGRAM_BOT_TOKEN, token);
        env.put(EnvNames.TELEGRAM_API_URL, telegramUrl);
        env.put(KafkaSettings.BOOTSTRAP, bootstrapServers);
        env.put(EnvNames.DB_URL, databaseUrl);
        env.put("CHAINWATCH_DB_USER", "postgres");
        env.put("CHAINWATCH_DB_PASSWORD", "");
        return env;
    }
}

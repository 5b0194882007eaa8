package io.chainwatch.standalone;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.testsupport.EmbeddedKafkaBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * {@code ./chainwatch up}: the whole pipeline in one process. Starts what is not configured (Kafka, Postgres), creates
 * the topics, then one Micronaut context with all four services, and logs one line when ready. Ctrl-C stops the
 * services first, then the broker and the database.
 */
public final class StandaloneLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneLauncher.class);

    private StandaloneLauncher() {
    }

    public static void main(String[] args) throws Exception {
        RuntimeEnv env = RuntimeEnv.system();
        StandaloneSettings settings = StandaloneSettings.from(env);
        List<ChainConfig> chains = ChainConfig.allFrom(env); // fail fast on a bad chain configuration
        Files.createDirectories(settings.dataDir());
        Map<String, String> overrides = new HashMap<>();
        overrides.put("CHAINWATCH_DATA_DIR", settings.dataDir().toString());
        if (env.get(KafkaSettings.INSTANCE_ID).isEmpty()) {
            // one process, restarted in place: static membership lets it take its partitions back at once
            overrides.put(KafkaSettings.INSTANCE_ID, "standalone");
        }

        EmbeddedKafkaBroker broker = null;
        if (env.get(KafkaSettings.BOOTSTRAP).isEmpty()) {
            broker = EmbeddedKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
            overrides.put(KafkaSettings.BOOTSTRAP, broker.bootstrapServers());
        }
        StandaloneDatabase database = null;
        if (env.get("CHAINWATCH_DB_URL").isEmpty()) {
            database = StandaloneDatabase.start(settings.dataDir(), settings.postgresPort());
            overrides.put("CHAINWATCH_DB_URL", database.jdbcUrl());
            overrides.put("CHAINWATCH_DB_USER", database.user());
            overrides.put("CHAINWATCH_DB_PASSWORD", "");
        }
        RuntimeEnv effective = env.with(overrides);
        TopicProvisioner.ensureAll(KafkaSettings.from(effective), (short) 1);

        ApplicationContext context = ApplicationContext.builder().environments("standalone").singletons(effective)
                .properties(Map.of("micronaut.server.port", settings.httpPort())).start();
        context.getBean(EmbeddedServer.class).start();
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown(context, broker, database), "chainwatch-shutdown"));

        LOG.info("chainwatch is up: chains {}, Kafka {}, data in {} — health http://localhost:{}/health, metrics "
                + "http://localhost:{}/prometheus{}", chains.stream().map(ChainConfig::name).toList(),
                KafkaSettings.from(
                        effective).bootstrapServers(),
                settings.dataDir(), settings.httpPort(), settings.httpPort(), env.get(
                        "TELEGRAM_BOT_TOKEN").isPresent()
                                ? ""
                                : " — no TELEGRAM_BOT_TOKEN: messages are logged, not sent");
    }

    private static Runnable shutdown(ApplicationContext context, EmbeddedKafkaBroker broker,
            StandaloneDatabase database) {
        return () -> {
            LOG.info("Stopping chainwatch…");
            context.close();
            try {
                if (broker != null) {
                    broker.close();
                }
                if (database != null) {
                    database.close();
                }
            } catch (Exception e) {
                LOG.warn("Shutdown was not clean: {}", e.getMessage());
            }
            LOG.info("chainwatch stopped");
        };
    }
}

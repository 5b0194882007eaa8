package io.chainwatch.standalone;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.EmbeddedKafkaBroker;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
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
        Running running = start(env);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "chainwatch-shutdown"));
        StandaloneSettings settings = running.settings();
        LOG.info("chainwatch is up: chains {}, Kafka {}, data in {} — health http://localhost:{}/health, metrics "
                + "http://localhost:{}/prometheus{}", running.chains().stream().map(ChainConfig::name).toList(),
                running.kafkaBootstrap(), settings.dataDir(), settings.httpPort(), settings.httpPort(), env.get(
                        EnvNames.TELEGRAM_BOT_TOKEN).isPresent()
                                ? ""
                                : " — no TELEGRAM_BOT_TOKEN: messages are logged, not sent");
    }

    /**
     * Starts what {@code env} does not point elsewhere (Kafka, Postgres), creates the topics and starts all four
     * services; {@code ./chainwatch demo} calls this with its own devnet environment.
     */
    public static Running start(RuntimeEnv env) throws Exception {
        StandaloneSettings settings = StandaloneSettings.from(env);
        List<ChainConfig> chains = ChainConfig.allFrom(env); // fail fast on a bad chain configuration
        Files.createDirectories(settings.dataDir());
        Map<String, String> overrides = new HashMap<>();
        overrides.put(EnvNames.DATA_DIR, settings.dataDir().toString());
        if (env.get(KafkaSettings.INSTANCE_ID).isEmpty()) {
            // one process, restarted in place: static membership lets it take its partitions back at once
            overrides.put(KafkaSettings.INSTANCE_ID, "standalone");
        }
        EmbeddedKafkaBroker broker = null;
        StandaloneDatabase database = null;
        try {
            if (env.get(KafkaSettings.BOOTSTRAP).isEmpty()) {
                broker = EmbeddedKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
                overrides.put(KafkaSettings.BOOTSTRAP, broker.bootstrapServers());
            }
            if (env.get(EnvNames.DB_URL).isEmpty()) {
                database = StandaloneDatabase.start(settings.dataDir(), settings.postgresPort());
                overrides.put(EnvNames.DB_URL, database.jdbcUrl());
                overrides.put("CHAINWATCH_DB_USER", database.user());
                overrides.put("CHAINWATCH_DB_PASSWORD", "");
            }
            RuntimeEnv effective = env.with(overrides);
            TopicProvisioner.ensureAll(KafkaSettings.from(effective));
            ApplicationContext context = ApplicationContext.builder().environments("standalone").singletons(
                    effective).properties(Map.of("micronaut.server.port", settings.httpPort())).start();
            Running running = new Running(settings, chains, effective, context, broker, database);
            context.getBean(EmbeddedServer.class).start();
            return running;
        } catch (Exception | Error e) {
            new Running(settings, chains, env, null, broker, database).close();
            throw e;
        }
    }

    /**
     * The running pipeline: the effective environment (with the embedded broker's and database's addresses) and a
     * {@link #close()} that stops the services first, then the broker and the database. Close it once.
     */
    public static final class Running implements AutoCloseable {
        private final StandaloneSettings settings;
        private final List<ChainConfig> chains;
        private final RuntimeEnv env;
        private final ApplicationContext context;
        private final EmbeddedKafkaBroker broker;
        private final StandaloneDatabase database;

        Running(StandaloneSettings settings, List<ChainConfig> chains, RuntimeEnv env, ApplicationContext context,
                EmbeddedKafkaBroker broker, StandaloneDatabase database) {
            this.settings = settings;
            this.chains = chains;
            this.env = env;
            this.context = context;
            this.broker = broker;
            this.database = database;
        }

        StandaloneSettings settings() {
            return settings;
        }

        List<ChainConfig> chains() {
            return chains;
        }

        /** The environment the services run with, including the embedded broker's and database's addresses. */
        public RuntimeEnv env() {
            return env;
        }

        public String kafkaBootstrap() {
            return KafkaSettings.from(env).bootstrapServers();
        }

        @Override
        public void close() {
            LOG.info("Stopping chainwatch…");
            if (context != null) {
                context.close();
            }
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
        }
    }
}

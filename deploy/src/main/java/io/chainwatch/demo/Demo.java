package io.chainwatch.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDoubleMain;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.standalone.StandaloneLauncher;

/**
 * Everything {@code ./chainwatch demo} runs, started in order and stopped in reverse: anvil (the chain), the Bot API
 * double (Telegram), the standalone pipeline pointed at both — with a fresh broker, database and state of its own,
 * so a demo never mixes with {@code ./chainwatch up}'s data — and the chat page. The page's person is private chat
 * {@value #CHAT_ID}.
 */
public final class Demo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    static final long CHAT_ID = 1001;
    /**
     * The database the demo creates on the local Postgres when it runs as root (where no embedded one can), and drops
     * when it stops; named after the process, so two demos (or a demo and its test) never share one.
     */
    static final String ROOT_DATABASE = "chainwatch_demo_" + ProcessHandle.current().pid();
    private static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Path dataDir;
    private AnvilNode anvil;
    private DemoServer server;

    private Demo(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts everything and serves the page on {@code port} of 127.0.0.1 (0: any free port). */
    public static Demo start(int port) throws Exception {
        Demo demo = new Demo(Files.createTempDirectory("chainwatch-demo"));
        try {
            demo.startAll(port);
            return demo;
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(int port) throws Exception {
        anvil = started(AnvilNode.start());
        BotApiDouble telegram = started(BotApiDouble.start(BotApiDoubleMain.DEFAULT_TOKEN));
        LOG.info("Devnet (anvil) at {}, Bot API stand-in at {}", anvil.rpcUrl(), telegram.baseUrl());
        StandaloneLauncher.Running pipeline = started(StandaloneLauncher.start(RuntimeEnv.of(pipelineEnv(telegram))));
        LiveWatches watches = started(LiveWatches.start(KafkaSettings.from(pipeline.env()), CHAT_ID));
        server = started(new DemoServer(port, telegram, CHAT_ID, new TestTransfers(anvil, Clock.systemUTC()), watches,
                new DevnetHead(anvil), Clock.systemUTC()));
    }

    private Map<String, String> pipelineEnv(BotApiDouble telegram) throws SQLException {
        Map<String, String> env = new HashMap<>();
        env.put(EnvNames.CHAINS, "devnet");
        env.put("CHAINWATCH_RPC_DEVNET", anvil.rpcUrl());
        env.put("CHAINWATCH_CONFIRMATIONS_DEVNET", "0");
        env.put(EnvNames.TELEGRAM_BOT_TOKEN, telegram.token());
        env.put(EnvNames.TELEGRAM_API_URL, telegram.baseUrl());
        env.put(EnvNames.DATA_DIR, dataDir.toString());
        env.put("CHAINWATCH_KAFKA_PORT", String.valueOf(freePort()));
        env.put("CHAINWATCH_PG_PORT", String.valueOf(freePort()));
        env.put("CHAINWATCH_HTTP_PORT", String.valueOf(freePort()));
        env.put(KafkaSettings.INSTANCE_ID, "demo");
        env.put("CHAINWATCH_DB_POOL_MIN_IDLE", "1");
        env.put("CHAINWATCH_DB_POOL_MAX_SIZE", "4");
        if ("root".equals(System.getProperty("user.name"))) {
            // Postgres refuses to run as root: use the local server, in a database of the demo's own
            env.put(EnvNames.DB_URL, recreateLocalDatabase());
            started(Demo::dropLocalDatabase);
            env.put("CHAINWATCH_DB_USER", "postgres");
            env.put("CHAINWATCH_DB_PASSWORD", "");
        }
        return env;
    }

    private static String recreateLocalDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(LOCAL_POSTGRES + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + ROOT_DATABASE + " with (force)");
            s.execute("create database " + ROOT_DATABASE);
        }
        return LOCAL_POSTGRES + ROOT_DATABASE;
    }

    private static void dropLocalDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(LOCAL_POSTGRES + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + ROOT_DATABASE + " with (force)");
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        started.push(part);
        return part;
    }

    /** The chat page. */
    public URI url() {
        return URI.create("http://localhost:" + server.port() + "/");
    }

    /** The devnet's JSON-RPC endpoint (for a wallet or {@code cast}). */
    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the page, the pipeline, the double and anvil, then deletes the demo's data. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.warn("Stopping the demo was not clean: {}", e.toString());
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete the demo's data in {}: {}", dataDir, e.toString());
        }
    }
}

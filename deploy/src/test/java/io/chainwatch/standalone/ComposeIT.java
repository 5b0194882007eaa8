package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.matcher.MatcherService;
import io.chainwatch.testsupport.TcpProxy;

/**
 * Issue #14: the real compose stack — {@code docker-compose.yml} as operators run it (three Kafka nodes, Postgres,
 * Redis, the four service images, Prometheus), on the images {@code deploy/docker/build-images} made without a
 * registry — started, healthy, used, scaled, broken and restarted. anvil and the Bot API double run on this host's
 * loopback; the containers reach them through proxies on their network's gateway.
 * <p>
 * Needs a Docker engine, docker-compose and the images: run by {@code deploy/docker/compose-test} (and by
 * {@code .ci/run}), which sets {@value #SWITCH}; skipped otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

    static final String SWITCH = "CHAINWATCH_COMPOSE_IT";
    static final Path ROOT = DeployFilesTest.ROOT;
    static final String TOKEN = EndToEndIT.TOKEN;
    static final long CHAT = 6161;
    /** Everything but Grafana, whose image cannot be made without a registry. */
    static final List<String> SERVICES = List.of("kafka-1", "kafka-2", "kafka-3", "postgres", "redis",
            "block-ingestor", "tx-matcher", "notifier", "bot-frontend", "prometheus");

    private final String project = "cwit" + UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newHttpClient();
    private AnvilNode anvil;
    private BotApiDouble telegram;
    private TcpProxy rpcProxy;
    private TcpProxy telegramProxy;
    private Path override;
    private String watched;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue("1".equals(System.getenv(SWITCH)), "the compose test runs with " + SWITCH
                + "=1 after deploy/docker/build-images: deploy/docker/compose-test");
        run(Duration.ofSeconds(30), "docker", "network", "create", project);
        String gateway = run(Duration.ofSeconds(10), "docker", "network", "inspect", project, "--format",
                "{{(index .IPAM.Config 0).Gateway}}").strip();
        anvil = AnvilNode.start();
        telegram = BotApiDouble.start(TOKEN);
        rpcProxy = TcpProxy.startOn(InetAddress.getByName(gateway), "127.0.0.1", URI.create(anvil.rpcUrl())
                .getPort());
        telegramProxy = TcpProxy.startOn(InetAddress.getByName(gateway), "127.0.0.1", telegram.port());
        override = Files.createTempFile("chainwatch-compose-it-", ".yml");
        // the stack joins the network made above (its gateway is where the proxies listen)
        Files.writeString(override, "networks:\n  default:\n    external: true\n    name: " + project + "\n");
        long began = System.nanoTime();
        compose(Duration.ofMinutes(3), concat(List.of("up", "-d"), SERVICES));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(this::allHealthy);
        System.out.printf("[compose IT] %d containers healthy %d s after docker-compose up%n", containers().size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
        Map<String, String> env = composeEnv();
        assertThat(env.get("CHAINWATCH_RPC_DEVNET")).isEqualTo(rpcProxy.url("http"));
    }

    @AfterAll
    void stop() throws Exception {
        if (override != null) {
            compose(Duration.ofMinutes(3), List.of("down", "-v", "--remove-orphans"));
            run(Duration.ofSeconds(30), "docker", "network", "rm", project);
            Files.deleteIfExists(override);
        }
        for (AutoCloseable part : Arrays.asList(telegramProxy, rpcProxy, telegram, anvil)) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    @Order(1)
    void shouldDeliverOneMessagePerTransactionThroughTheWholeStack() throws Exception {
        watched = anvil.accounts().get(6);
        telegram.userSends(CHAT, "/start");
        await().atMost(Duration.ofSeconds(60)).until(() -> !telegram.messagesTo(CHAT).isEmpty());
        say("/watch devnet " + watched + " compose wallet");
        assertThat(telegram.messagesTo(CHAT)).anyMatch(m -> m.text().contains("Watching"));
        // the subscription has travelled outbox → Kafka → the global store of every matcher Prometheus scrapes
        await().atMost(Duration.ofSeconds(60)).until(() -> prometheus("min(" + MatcherService.SUBSCRIPTION_UPDATES
                + "_total)") >= 1);

        List<String> hashes = send(5);

        awaitExactlyOnce(hashes, Duration.ofMinutes(2));
        assertThat(telegram.tooManyRequestsCount()).as("429s in the journey").isZero();
        printMemory();
    }

    @Test
    @Order(2)
    void shouldShareTheWorkAndLoseNothingWhenScaledReplicasAreKilled() throws Exception {
        int tooManyBefore = telegram.tooManyRequestsCount();
        compose(Duration.ofMinutes(2), List.of("up", "-d", "--no-recreate", "--scale", "tx-matcher=2", "--scale",
                "notifier=2", "tx-matcher", "notifier"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(this::allHealthy);
        // Prometheus finds every replica through Docker's DNS and scrapes it
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(upTargets("tx-matcher")).isEqualTo(2);
            assertThat(upTargets("notifier")).isEqualTo(2);
        });

        List<String> hashes = new ArrayList<>(send(3));
        run(Duration.ofSeconds(30), "docker", "kill", container("tx-matcher", 1));
        hashes.addAll(send(3));
        run(Duration.ofSeconds(30), "docker", "kill", container("notifier", 2));
        hashes.addAll(send(3));

        awaitExactlyOnce(hashes, Duration.ofMinutes(3));
        assertThat(telegram.tooManyRequestsCount() - tooManyBefore).as("429s while scaled and killed").isZero();
    }

    @Test
    @Order(3)
    void shouldKeepItsDataWhenContainersAreRecreatedOnTheirVolumes() throws Exception {
        // a new container on the same volume: Postgres still knows the watch, a Kafka node still has its partitions
        compose(Duration.ofMinutes(2), List.of("rm", "-s", "-f", "postgres", "kafka-2"));
        compose(Duration.ofMinutes(2), List.of("up", "-d", "postgres", "kafka-2"));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(this::allHealthy);
        assertThat(run(Duration.ofSeconds(30), "docker", "exec", container("kafka-2", 1), "ls", "/var/lib/kafka/data"))
                .contains("chainwatch.blocks-");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            say("/list");
            assertThat(last().text().toLowerCase()).contains(watched.toLowerCase().substring(2, 8));
        });
        awaitExactlyOnce(send(2), Duration.ofMinutes(2));
    }

    private void say(String command) {
        int before = telegram.messagesTo(CHAT).size();
        telegram.userSends(CHAT, command);
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.messagesTo(CHAT).size() > before);
        await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(2)).until(() -> true);
    }

    private SentMessage last() {
        List<SentMessage> all = telegram.messagesTo(CHAT);
        return all.get(all.size() - 1);
    }

    private List<String> send(int count) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(anvil.sendEth(anvil.accounts().get(i % 3), watched, BigInteger.valueOf(2_000_000L + i)));
        }
        return hashes;
    }

    private void awaitExactlyOnce(List<String> hashes, Duration within) {
        await().atMost(within).untilAsserted(() -> hashes.forEach(h -> assertThat(notificationsAbout(h)).as(h)
                .hasSize(1)));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> hashes.forEach(
                h -> assertThat(notificationsAbout(h)).as(h).hasSize(1)));
    }

    private List<SentMessage> notificationsAbout(String txHash) {
        return telegram.messagesTo(CHAT).stream().filter(m -> !m.edit() && m.text().toLowerCase().contains(txHash
                .toLowerCase())).toList();
    }

    /** The value of a PromQL query with one result, -1 while it has none (nothing scraped yet). */
    private double prometheus(String query) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9090/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode result = new ObjectMapper().readTree(body).path("data").path("result");
        return result.isEmpty() ? -1 : Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private int upTargets(String job) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9090/api/v1/targets?state=active"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        int up = 0;
        for (String target : body.split("\\{\"discoveredLabels\"")) {
            if (target.contains("\"job\":\"" + job + "\"") && target.contains("\"health\":\"up\"")) {
                up++;
            }
        }
        return up;
    }

    private boolean allHealthy() throws Exception {
        List<String> ids = containers();
        if (ids.size() < SERVICES.size()) {
            return false;
        }
        String states = run(Duration.ofSeconds(30), concat(List.of("docker", "inspect", "--format",
                "{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}"), ids));
        return states.lines().allMatch(line -> line.endsWith(" healthy") || line.endsWith(" running"));
    }

    private List<String> containers() throws Exception {
        return run(Duration.ofSeconds(30), "docker", "ps", "-q", "--filter", "label=com.docker.compose.project="
                + project).lines().filter(l -> !l.isBlank()).toList();
    }

    private String container(String service, int index) {
        return project + "_" + service + "_" + index;
    }

    private void printMemory() throws Exception {
        System.out.print("[compose IT] memory under load:\n" + run(Duration.ofSeconds(60), concat(List.of("docker",
                "stats", "--no-stream", "--format", "  {{.Name}} {{.MemUsage}}"), containers())));
    }

    /** The variables docker-compose gets: the offline images, a devnet, and the Bot API double. */
    private Map<String, String> composeEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("COMPOSE_PROJECT_NAME", project);
        env.put("CHAINWATCH_CHAINS", "devnet");
        env.put("CHAINWATCH_RPC_DEVNET", rpcProxy.url("http"));
        env.put("TELEGRAM_API_URL", telegramProxy.url("http"));
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        return env;
    }

    private String compose(Duration timeout, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", ROOT.resolve("docker-compose.yml")
                .toString(), "-f", override.toString(), "--env-file",
                ROOT.resolve(".docker-staging/offline.env")
                        .toString(),
                "--project-directory", ROOT.toString()));
        command.addAll(args);
        return run(timeout, composeEnv(), command);
    }

    private static String run(Duration timeout, String... command) throws Exception {
        return run(timeout, Map.of(), List.of(command));
    }

    private static String run(Duration timeout, List<String> command) throws Exception {
        return run(timeout, Map.of(), command);
    }

    private static String run(Duration timeout, Map<String, String> env, List<String> command) throws Exception {
        Path output = Files.createTempFile("compose-it-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output
                    .toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + process.exitValue() + ":\n" + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

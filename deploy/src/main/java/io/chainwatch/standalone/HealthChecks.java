package io.chainwatch.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.ingestor.rpc.EndpointStatus;
import io.chainwatch.ingestor.rpc.RpcPool;
import io.chainwatch.ingestor.rpc.RpcSettings;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.ReplicationAudit;
import io.chainwatch.kafka.ReplicationSettings;
import io.chainwatch.kafka.TopicInspector;
import io.chainwatch.matcher.MatcherTopology;
import io.chainwatch.schema.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import redis.clients.jedis.JedisPooled;

/**
 * What {@code ./chainwatch health} checks — the old bot's checks (database, Redis, the bot token accepted by
 * {@code getMe}, at least one working RPC node per chain and how many fallbacks) plus Kafka, topics, consumer lag and
 * ingest lag; per RPC endpoint its chain id, head, capabilities and last error. Each check becomes one row; nothing
 * here throws.
 */
final class HealthChecks {

    enum Status {
        OK, WARN, FAIL
    }

    record Row(String check, Status status, String detail) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RuntimeEnv env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    HealthChecks(RuntimeEnv env) {
        this.env = env;
    }

    List<Row> run() {
        return run(HealthScope.all(), Optional.empty());
    }

    /**
     * Runs the checks in {@code scope}; {@link HealthScope#SERVICE} asks {@code serviceHealth} (a service's own
     * {@code /health}).
     */
    List<Row> run(Set<HealthScope> scope, Optional<URI> serviceHealth) {
        List<Row> rows = new ArrayList<>();
        if (scope.contains(HealthScope.SERVICE)) {
            serviceHealth.ifPresent(url -> rows.add(service(url)));
        }
        Map<String, Long> heads = new HashMap<>();
        if (scope.contains(HealthScope.RPC) || scope.contains(HealthScope.INGEST_LAG)) {
            for (ChainConfig chain : ChainConfig.allFrom(env)) {
                List<Row> rpc = rpc(chain, heads);
                if (scope.contains(HealthScope.RPC)) {
                    rows.addAll(rpc);
                }
            }
        }
        if (scope.stream().anyMatch(HealthScope::needsKafka)) {
            rows.addAll(kafka(heads, scope));
        }
        if (scope.contains(HealthScope.POSTGRES)) {
            rows.add(database());
        }
        if (scope.contains(HealthScope.REDIS)) {
            rows.add(redis());
        }
        if (scope.contains(HealthScope.TELEGRAM)) {
            rows.add(telegram());
        }
        return rows;
    }

    private Row service(URI url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Row("service", response.statusCode() == 200 ? Status.OK : Status.FAIL, url + " answered HTTP "
                    + response.statusCode());
        } catch (Exception e) {
            return new Row("service", Status.FAIL, url + " not reachable: " + e.getClass().getSimpleName());
        }
    }

    /**
     * One row per chain (working endpoints, fallbacks, failing ones), then one per endpoint: its chain id, head,
     * capabilities and last error, found with the ingestor's own pool and probe, so the answer is the one the
     * ingestor would get.
     */
    private List<Row> rpc(ChainConfig chain, Map<String, Long> heads) {
        RpcSettings settings = RpcSettings.from(env.with(Map.of("CHAINWATCH_RPC_TIMEOUT", TIMEOUT.toSeconds() + "s")));
        boolean traces = env.getBoolean("CHAINWATCH_INTERNAL_TRANSFERS_" + chain.name().toUpperCase(
                java.util.Locale.ROOT), false);
        List<Row> endpointRows = new ArrayList<>();
        List<String> working = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        try (RpcPool pool = new RpcPool(chain, settings, new SimpleMeterRegistry(), java.time.Clock.systemUTC())) {
            long head = pool.refreshHeads();
            if (head >= 0) {
                heads.merge(chain.name(), head, Math::max);
            }
            pool.probeCapabilities(traces);
            for (EndpointStatus endpoint : pool.statuses(traces)) {
                boolean right = endpoint.chainId().orElse(-1) == chain.preset().chainId();
                if (right && endpoint.head() >= 0) {
                    working.add(endpoint.name());
                } else {
                    failing.add(endpoint.name() + " (" + (endpoint.chainId().isPresent() && !right
                            ? "serves chain id " + endpoint.chainId().getAsLong()
                            : endpoint.lastError().orElse("no answer")) + ")");
                }
                endpointRows.add(new Row("rpc " + chain.name() + " " + endpoint.name(), right && endpoint.head() >= 0
                        ? Status.OK
                        : Status.WARN, endpoint.describe()));
            }
        }
        String detail = working.size() + " of " + (working.size() + failing.size()) + " node(s) working"
                + (working.isEmpty()
                        ? ""
                        : ", head " + heads.get(chain.name()) + ", " + (working.size() - 1)
                                + " fallback(s)")
                + (failing.isEmpty() ? "" : "; failing: " + String.join(", ", failing));
        Status status = working.isEmpty() ? Status.FAIL : failing.isEmpty() ? Status.OK : Status.WARN;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("rpc " + chain.name(), status, detail));
        rows.addAll(endpointRows);
        return rows;
    }

    private List<Row> kafka(Map<String, Long> heads, Set<HealthScope> scope) {
        KafkaSettings kafka = KafkaSettings.from(env);
        List<Row> rows = new ArrayList<>();
        try (Admin admin = Admin.create(kafka.common("chainwatch-health"))) {
            int brokers = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
            rows.add(new Row("kafka", Status.OK, brokers + " broker(s) at " + kafka.bootstrapServers()));
            Set<String> topics = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<String> missing = Topics.ALL.stream().map(t -> t.name()).filter(t -> !topics.contains(t)).toList();
            if (scope.contains(HealthScope.TOPICS) || !missing.isEmpty()) {
                rows.add(new Row("topics", missing.isEmpty() ? Status.OK : Status.FAIL, missing.isEmpty()
                        ? Topics.ALL.size() + " chainwatch topics"
                        : "missing: " + String.join(", ", missing)));
            }
            if (scope.contains(HealthScope.TOPICS)) {
                rows.add(replication(admin));
            }
            if (missing.isEmpty()) {
                if (scope.contains(HealthScope.MATCHER_LAG)) {
                    String matcher = TopicInspector.matcherApplicationId(env);
                    // both stages: the blocks the matching stage has not read, the matches the stateful one has not
                    List<String> inputs = new ArrayList<>(List.of(Topics.BLOCKS.name()));
                    String matched = MatcherTopology.matchedBlocksTopic(matcher);
                    if (topics.contains(matched)) {
                        inputs.add(matched);
                    }
                    rows.add(lag(admin, matcher, inputs));
                }
                if (scope.contains(HealthScope.NOTIFIER_LAG)) {
                    rows.add(lag(admin, env.get("NOTIFIER_CONSUMER_GROUP", "chainwatch-notifier"), List.of(
                            Topics.ALERTS.name())));
                }
                if (scope.contains(HealthScope.INGEST_LAG)) {
                    rows.addAll(ingestLag(kafka, heads));
                }
            }
        } catch (Exception e) {
            rows.add(new Row("kafka", Status.FAIL, "not reachable at " + kafka.bootstrapServers() + ": " + e
                    .getClass().getSimpleName()));
        }
        return rows;
    }

    /**
     * The cluster's hold on chainwatch's topics: FAIL when a partition is offline (nobody can read or write it), WARN
     * when a topic keeps fewer copies than configured or a partition is under-replicated (one more lost broker may
     * stop or lose it).
     */
    private Row replication(Admin admin) {
        try {
            ReplicationAudit audit = TopicInspector.audit(admin, ReplicationSettings.from(env), TopicInspector
                    .matcherApplicationId(env));
            Status status = audit.offlinePartitions() > 0
                    ? Status.FAIL
                    : audit.needsAttention() ? Status.WARN : Status.OK;
            return new Row("replication", status, audit.summary());
        } catch (ConfigException e) {
            return new Row("replication", Status.FAIL, e.getMessage());
        } catch (Exception e) {
            return new Row("replication", Status.FAIL, "cannot describe the topics: " + e.getClass()
                    .getSimpleName());
        }
    }

    /** How far {@code group} is behind on each of {@code topics}: "N record(s) behind on a, M on b". */
    private Row lag(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS)
                .forEach((topic, description) -> description.partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec
                                .latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5,
                TimeUnit.SECONDS);
        Map<String, Long> lagByTopic = new java.util.LinkedHashMap<>();
        topics.forEach(topic -> lagByTopic.put(topic, 0L));
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lagByTopic.merge(end.getKey().topic(), Math.max(0, end.getValue().offset() - (done == null
                    ? 0
                    : done.offset())), Long::sum);
        }
        long lag = lagByTopic.values().stream().mapToLong(Long::longValue).sum();
        Status status = committed.isEmpty() ? Status.WARN : lag > 1000 ? Status.WARN : Status.OK;
        List<String> parts = new ArrayList<>();
        lagByTopic.forEach((topic, behind) -> parts.add(parts.isEmpty()
                ? behind + " record(s) behind on " + topic
                : behind + " on " + topic));
        return new Row("lag " + group, status, committed.isEmpty()
                ? "no committed offsets yet"
                : String.join(", ", parts));
    }

    private List<Row> ingestLag(KafkaSettings kafka, Map<String, Long> heads) {
        List<Row> rows = new ArrayList<>();
        for (ChainConfig chain : ChainConfig.allFrom(env)) {
            Optional<Long> cursor = IngestCursorReader.last(kafka, chain.name());
            Long head = heads.get(chain.name());
            if (cursor.isEmpty()) {
                rows.add(new Row("ingest " + chain.name(), Status.WARN, "no cursor yet"));
            } else if (head == null) {
                rows.add(new Row("ingest " + chain.name(), Status.WARN, "cursor at " + cursor.get()
                        + ", head unknown"));
            } else {
                long lag = Math.max(0, head - cursor.get());
                rows.add(new Row("ingest " + chain.name(), lag > 50 ? Status.WARN : Status.OK, "cursor " + cursor
                        .get() + ", head " + head + ", " + lag + " block(s) behind"));
            }
        }
        return rows;
    }

    private Row database() {
        String url = env.get(EnvNames.DB_URL).orElse(StandaloneDatabase.defaultUrl(env));
        try (Connection c = DriverManager.getConnection(url, env.get("CHAINWATCH_DB_USER", "postgres"), env.get(
                "CHAINWATCH_DB_PASSWORD", "")); var s = c.createStatement()) {
            s.setQueryTimeout(5);
            s.execute("select 1");
            return new Row("postgres", Status.OK, url.replaceAll("//[^/@]*@", "//"));
        } catch (Exception e) {
            return new Row("postgres", Status.FAIL, "cannot connect: " + e.getMessage());
        }
    }

    private Row redis() {
        Optional<String> url = env.get(EnvNames.REDIS_URL);
        if (url.isEmpty()) {
            return new Row("redis", Status.OK, "not configured: the notifier keeps its ledger in a file (standalone)");
        }
        try (JedisPooled redis = new JedisPooled(URI.create(url.get()))) {
            return new Row("redis", "PONG".equals(redis.ping()) ? Status.OK : Status.FAIL, "PING answered");
        } catch (Exception e) {
            return new Row("redis", Status.FAIL, "cannot reach Redis: " + e.getClass().getSimpleName());
        }
    }

    private Row telegram() {
        Optional<String> token = env.get(EnvNames.TELEGRAM_BOT_TOKEN);
        if (token.isEmpty()) {
            return new Row("telegram", Status.WARN, "no TELEGRAM_BOT_TOKEN: messages are logged, not sent");
        }
        String base = env.get(EnvNames.TELEGRAM_API_URL, "https://api.telegram.org");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/bot" + token.get()
                    + "/getMe")).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher username = Pattern.compile("\"username\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
            if (response.statusCode() == 200 && username.find()) {
                return new Row("telegram", Status.OK, "token accepted by getMe: @" + username.group(1));
            }
            return new Row("telegram", Status.FAIL, "getMe answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? ": the token was refused" : ""));
        } catch (Exception e) {
            return new Row("telegram", Status.FAIL, "Bot API not reachable at " + base + ": " + e.getClass()
                    .getSimpleName());
        }
    }

    /** The rows as a table, for people. */
    static String table(List<Row> rows) {
        int width = rows.stream().mapToInt(r -> r.check().length()).max().orElse(5);
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            out.append(String.format("%-" + width + "s  %-4s  %s%n", row.check(), row.status(), row.detail()));
        }
        return out.toString();
    }
}

package io.chainwatch.matcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.KafkaSettings;

/**
 * The tx-matcher's configuration, read from the environment and validated at startup.
 *
 * @param kafka where Kafka is
 * @param applicationId Kafka Streams application id ({@value #APPLICATION_ID}), also the consumer group
 * @param stateDir where RocksDB keeps the state stores ({@value #STATE_DIR})
 * @param standbyReplicas warm copies of each task's state on other instances ({@value #STANDBY_REPLICAS})
 * @param streamThreads processing threads of this instance ({@value #STREAM_THREADS})
 * @param rocksDbMemoryBytes block cache plus memtables shared by every store of the process
 *            ({@value #ROCKSDB_MEMORY_MB}, in MiB)
 * @param closeTimeout how long {@link MatcherService#close()} waits for the streams to stop ({@value #CLOSE_TIMEOUT})
 * @param rules what the topology does with blocks and subscriptions
 * @param commitInterval how often the streams commit ({@value #COMMIT_INTERVAL}): under exactly-once an alert is
 *            visible to the notifier only once its transaction commits, so this bounds the matcher's share of the
 *            latency; shorter costs more transactions (markers, fsyncs) per second
 */
public record MatcherSettings(KafkaSettings kafka, String applicationId, Path stateDir, int standbyReplicas,
        int streamThreads, long rocksDbMemoryBytes, Duration closeTimeout, MatchingRules rules,
        String processingGuarantee, Duration commitInterval) {

    public static final String APPLICATION_ID = "MATCHER_APPLICATION_ID";
    public static final String STATE_DIR = "MATCHER_STATE_DIR";
    public static final String DATA_DIR = EnvNames.DATA_DIR;
    public static final String STANDBY_REPLICAS = "MATCHER_STANDBY_REPLICAS";
    public static final String STREAM_THREADS = "MATCHER_STREAM_THREADS";
    public static final String ROCKSDB_MEMORY_MB = "MATCHER_ROCKSDB_MEMORY_MB";
    public static final String CLOSE_TIMEOUT = "MATCHER_CLOSE_TIMEOUT";
    public static final String DEDUP_TTL = "MATCHER_DEDUP_TTL";
    public static final String DEDUP_PURGE_INTERVAL = "MATCHER_DEDUP_PURGE_INTERVAL";
    public static final String LATE_AFTER = "MATCHER_LATE_AFTER";
    public static final String SUPPRESS_LATE = "MATCHER_SUPPRESS_LATE";
    public static final String REORG_WINDOW = "MATCHER_REORG_WINDOW";
    /** Comma-separated depths of the confirmation updates of 0-confirmation alerts, or {@code none}. */
    public static final String PROGRESS_DEPTHS = "MATCHER_PROGRESS_DEPTHS";
    /**
     * {@code exactly_once_v2} (default; what the guarantees rely on) or {@code at_least_once} (only for measuring
     * what exactly-once costs: duplicates become possible).
     */
    public static final String PROCESSING_GUARANTEE = "MATCHER_PROCESSING_GUARANTEE";
    /** How often the streams commit, e.g. {@code 100ms}. */
    public static final String COMMIT_INTERVAL = "MATCHER_COMMIT_INTERVAL";
    /**
     * Default commit interval: 20 ms, not Kafka Streams' 100 ms under exactly-once. An alert waits for the commit of
     * each of the matcher's two stages, so at 100 ms the matcher took ~138 ms of block → message at p50 in the soak
     * benchmark, at 20 ms ~25–32 ms, at about the same CPU under mainnet load (issue #19: p50 ≤ 150 ms under BSC's
     * rhythm). The price is catch-up throughput: each commit ends a transaction on every task, and {@code bench/run
     * match} measured 305,276 tx/s at 20 ms against ~400,000 at 100 ms (0.38 of a raw transactional pipe committing as
     * often, against 0.52–0.65; 2026-12-03, docs/benchmarks.md) — still over four times the ingestor's own ceiling
     * (69,338 tx/s), so the matcher is not what bounds a backfill. Set it higher for throughput (docs/configuration.md).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(20);

    /** Default application id and consumer group: {@value}. */
    public static final String DEFAULT_APPLICATION_ID = "chainwatch-matcher";
    /** Default data directory when {@value #DATA_DIR} is unset: {@value}; the state lives in its {@code streams}. */
    public static final String DEFAULT_DATA_DIR = "./data";
    /** Default standby replicas: none, a restarted instance restores from the changelogs. */
    public static final int DEFAULT_STANDBY_REPLICAS = 0;
    /**
     * Default stream threads: two, so that a chain's matching stage and its stateful stage run at once (see
     * {@link MatcherTopology}); more help only with more chains than threads.
     */
    public static final int DEFAULT_STREAM_THREADS = 2;
    /**
     * Default RocksDB memory: 32 MiB for all stores together (block cache and write buffers), to bring the matcher
     * toward a 256 MB container (2026-12-03: ~260 MB steady under mainnet load, docs/benchmarks.md) next to its heap (30 % of the container, see deploy/docker/Dockerfile) and the
     * JVM's own ~110 MB (metaspace, code, symbols, threads); RocksDB's own overhead outside the cache (the 24 stores'
     * table readers and memtable arenas, glibc's fragmentation) comes on top. 100,000 subscriptions fit in it; give a
     * million subscriptions more, and the container as much more (the match benchmark runs with 128).
     */
    public static final long DEFAULT_ROCKSDB_MEMORY_MB = 32;
    /** Default close timeout: 30 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default dedup memory: 7 days, as long as {@code chainwatch.blocks} is retained. */
    public static final Duration DEFAULT_DEDUP_TTL = Duration.ofDays(7);
    /** Default interval of the dedup purge: 10 minutes. */
    public static final Duration DEFAULT_DEDUP_PURGE_INTERVAL = Duration.ofMinutes(10);
    /** Default age after which a block's alerts are late: 10 minutes. */
    public static final Duration DEFAULT_LATE_AFTER = Duration.ofMinutes(10);
    /** Default reorg window: 128 blocks, deeper than any reorg Ethereum or BSC has seen since the merge. */
    public static final int DEFAULT_REORG_WINDOW = 128;
    /**
     * Default depths at which a 0-confirmation alert's message is updated: 3, 6 and 12 — three edits, each well
     * apart even at BNB Smart Chain's 0.45 s blocks, so they never crowd a chat's one message per second.
     */
    public static final List<Integer> DEFAULT_PROGRESS_DEPTHS = List.of(3, 6, 12);
    /** Recent counterparties remembered per watched address for lookalike detection. */
    public static final int DEFAULT_RECENT_COUNTERPARTIES = 16;

    public static MatcherSettings from(RuntimeEnv env) {
        Map<String, Integer> confirmations = new LinkedHashMap<>();
        for (ChainConfig chain : ChainConfig.allFrom(env)) {
            confirmations.put(chain.name(), chain.confirmations());
        }
        Path stateDir = env.get(STATE_DIR).map(Path::of)
                .orElseGet(() -> Path.of(env.get(DATA_DIR, DEFAULT_DATA_DIR), "streams"));
        MatchingRules rules = new MatchingRules(confirmations,
                positive(env, DEDUP_TTL, env.getDuration(DEDUP_TTL, DEFAULT_DEDUP_TTL)),
                positive(env, DEDUP_PURGE_INTERVAL, env.getDuration(DEDUP_PURGE_INTERVAL,
                        DEFAULT_DEDUP_PURGE_INTERVAL)),
                positive(env, LATE_AFTER, env.getDuration(LATE_AFTER, DEFAULT_LATE_AFTER)),
                env.getBoolean(SUPPRESS_LATE, false),
                range(REORG_WINDOW, env.getInt(REORG_WINDOW, DEFAULT_REORG_WINDOW), 1, 10_000),
                DEFAULT_RECENT_COUNTERPARTIES, List.of());
        rules = rules.withProgressDepths(progressDepths(env, rules.reorgWindow()));
        return new MatcherSettings(KafkaSettings.from(env), env.get(APPLICATION_ID, DEFAULT_APPLICATION_ID), stateDir,
                range(STANDBY_REPLICAS, env.getInt(STANDBY_REPLICAS, DEFAULT_STANDBY_REPLICAS), 0, 10),
                range(STREAM_THREADS, env.getInt(STREAM_THREADS, DEFAULT_STREAM_THREADS), 1, 64),
                range(ROCKSDB_MEMORY_MB, env.getInt(ROCKSDB_MEMORY_MB, (int) DEFAULT_ROCKSDB_MEMORY_MB), 8, 65_536)
                        * 1024L * 1024L,
                positive(env, CLOSE_TIMEOUT, env.getDuration(CLOSE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT)), rules,
                guarantee(env.get(PROCESSING_GUARANTEE, "exactly_once_v2")), positive(env, COMMIT_INTERVAL, env
                        .getDuration(COMMIT_INTERVAL, DEFAULT_COMMIT_INTERVAL)));
    }

    private static List<Integer> progressDepths(RuntimeEnv env, int reorgWindow) {
        List<String> items = env.getList(PROGRESS_DEPTHS, null);
        if (items == null) {
            return DEFAULT_PROGRESS_DEPTHS.stream().filter(depth -> depth <= reorgWindow).toList();
        }
        if (items.size() == 1 && (items.get(0).equalsIgnoreCase("none") || items.get(0).equalsIgnoreCase("off"))) {
            return List.of();
        }
        List<Integer> depths = new ArrayList<>();
        int previous = 1;
        for (String item : items) {
            int depth;
            try {
                depth = Integer.parseInt(item);
            } catch (NumberFormatException e) {
                depth = -1;
            }
            if (depth <= previous || depth > reorgWindow) {
                throw new ConfigException(PROGRESS_DEPTHS + " must list ascending depths from 2 up to "
                        + REORG_WINDOW + " (" + reorgWindow + "), or none; got '" + env.get(PROGRESS_DEPTHS, "")
                        + "'");
            }
            depths.add(depth);
            previous = depth;
        }
        return depths;
    }

    private static String guarantee(String value) {
        if (!value.equals("exactly_once_v2") && !value.equals("at_least_once")) {
            throw new ConfigException(PROCESSING_GUARANTEE + " must be exactly_once_v2 or at_least_once, got '"
                    + value + "'");
        }
        return value;
    }

    private static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static Duration positive(RuntimeEnv env, String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException(name + " must be a positive duration, got '" + env.get(name, "") + "'");
        }
        return value;
    }
}

package io.chainwatch.ingestor;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.ingestor.rpc.RpcErrorClassifier;
import io.chainwatch.ingestor.rpc.RpcException;
import io.chainwatch.ingestor.rpc.RpcFailure;
import io.chainwatch.ingestor.rpc.RpcPool;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.BlockRef;
import io.chainwatch.schema.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Follows one chain's head: fetches the blocks after the cursor (in parallel and ahead of publishing while catching
 * up, see {@link ReadAhead}), detects reorgs by parent hash, and publishes REVERTED then APPLIED events together with
 * the new cursor in one Kafka transaction whose {@code transactional.id} names the chain. A restart reads the cursor
 * back and continues right after it; a second instance for the same chain fences this one
 * ({@link IngestState.Fenced}). Runs on its own thread.
 */
final class ChainFollower implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);

    private final ChainConfig chain;
    private final IngestorSettings settings;
    private final RpcPool pool;
    private final BlockSource source;
    private final Clock clock;
    private final ExecutorService fetchers;
    private final ReadAhead readAhead;
    private final HeadSignal heads;
    private final Counter blocksPublished;
    private final Counter reorgs;
    private final Counter deepReorgs;
    private final DistributionSummary reorgDepth;
    private final AtomicLong lastBlockTimestamp = new AtomicLong();
    private volatile boolean running = true;
    private volatile IngestState state = new IngestState.Starting();
    private KafkaProducer<String, byte[]> producer;
    /** Volatile: the cursor gauge reads it from the metrics thread. */
    private volatile CanonicalWindow window;
    /** The head at which a reorg too deep to resync was refused: retries of it are not counted or logged again. */
    private BlockRef refusedAtHead;

    ChainFollower(ChainConfig chain, IngestorSettings settings, RpcPool pool, HeadSignal heads, Clock clock,
            MeterRegistry metrics) {
        this.heads = heads;
        this.chain = chain;
        this.settings = settings;
        this.pool = pool;
        this.source = new BlockSource(pool, clock, settings.internalTransfers(chain));
        this.clock = clock;
        this.fetchers = Executors.newFixedThreadPool(settings.fetchParallelism(), Thread.ofPlatform().name(
                "ingest-fetch-" + chain.name() + "-", 0).daemon().factory());
        this.readAhead = new ReadAhead(n -> source.fetch(n, false), fetchers, OrderedFetcher.windowFor(settings
                .fetchParallelism()));
        this.blocksPublished = metrics.counter("chainwatch_ingest_blocks", "chain", chain.name());
        this.reorgs = metrics.counter("chainwatch_ingest_reorgs", "chain", chain.name());
        this.deepReorgs = metrics.counter("chainwatch_ingest_deep_reorgs", "chain", chain.name());
        this.reorgDepth = DistributionSummary.builder("chainwatch_ingest_reorg_depth").tag("chain", chain.name())
                .register(metrics);
        Gauge.builder("chainwatch_ingest_head_lag_blocks", this, ChainFollower::lagBlocks).tag("chain", chain.name())
                .register(metrics);
        Gauge.builder("chainwatch_ingest_head_lag_seconds", this, f -> f.lastBlockTimestamp.get() == 0
                ? 0
                : Math.max(0, clock.millis() / 1000.0 - f.lastBlockTimestamp.get())).tag("chain", chain.name())
                .register(
                        metrics);
        Gauge.builder("chainwatch_ingest_cursor", this, f -> f.window == null
                ? -1
                : f.window.head().map(
                        BlockRef::getNumber).orElse(-1L))
                .tag("chain", chain.name()).register(metrics);
    }

    IngestState state() {
        return state;
    }

    String chainName() {
        return chain.name();
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (producer == null) {
                    connect();
                }
                step();
            } catch (RpcException e) {
                if (e.failure() == RpcFailure.FATAL) {
                    LOG.error("{}: RPC request refused as invalid, will retry: {}", chain.name(), e.getMessage());
                }
                waiting(e.getMessage()); // names each endpoint and what it answered
                pause(settings.pollInterval(chain).multipliedBy(4).plusSeconds(1));
            } catch (ReorgTooDeepException e) {
                if (!(state instanceof IngestState.Waiting w) || !w.reason().equals(e.getMessage())) {
                    LOG.error("{}: {}", chain.name(), e.getMessage());
                }
                refusedAtHead = window.head().orElse(null);
                state = new IngestState.Waiting(e.getMessage());
                pause(settings.pollInterval(chain).multipliedBy(4).plusSeconds(1));
            } catch (KafkaException e) {
                if (isFenced(e)) {
                    state = new IngestState.Fenced("another ingestor took over " + chain.name());
                    LOG.error("{}: fenced by another ingestor instance for the same chain; this one stops", chain
                            .name());
                    running = false;
                    resetProducer();
                    continue;
                }
                waiting("Kafka is not available: " + e.getMessage());
                resetProducer();
                pause(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.error("{}: unexpected ingest failure, retrying", chain.name(), e);
                resetProducer();
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private void connect() {
        Map<String, Object> props = settings.kafka().producer("chainwatch-ingestor-" + chain.name());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "chainwatch-ingestor-" + chain.name());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions(); // fences a predecessor and aborts what it left open
        window = CursorStore.lastCursor(settings.kafka(), chain.name()).map(c -> CanonicalWindow.fromCursor(c,
                settings.reorgWindow())).orElse(CanonicalWindow.empty(settings.reorgWindow()));
        LOG.info("{}: ingest cursor {}", chain.name(), window.head().map(h -> "at block " + h.getNumber() + " "
                + h.getHash()).orElse("not set; starting at " + settings.startBlock().stream().mapToObj(Long::toString)
                        .findFirst().orElse("the head")));
    }

    void step() {
        long head = pool.refreshHeads();
        if (head < 0) {
            waiting((pool.hasUsableEndpoint()
                    ? "no RPC endpoint of " + chain.name() + " told its head: "
                    : "every RPC endpoint of " + chain.name() + " serves another chain: ") + pool.lastErrors());
            pause(settings.pollInterval(chain).plusSeconds(1));
            return;
        }
        pool.probeCapabilities(settings.internalTransfers(chain)); // at first contact, then every recheck interval
        long next = window.head().map(h -> h.getNumber() + 1).orElse(settings.startBlock().orElse(head));
        if (next > head) {
            state = new IngestState.Following(head, next - 1);
            awaitNextHead(); // an older answer never moves the cursor back: just wait
            return;
        }
        List<FetchedBlock> blocks;
        try {
            blocks = readAhead.nextBatch(next, head, settings.batchBlocks()); // the following ones keep coming
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        try {
            publish(blocks); // after a reorg the cursor is below what was fetched ahead: the next batch refetches
        } catch (RuntimeException e) {
            readAhead.discard(); // the cursor stays where it was (or is read back on reconnect): fetch from it again
            throw e;
        }
        state = new IngestState.Following(head, window.head().map(BlockRef::getNumber).orElse(-1L));
    }

    private void publish(List<FetchedBlock> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        CanonicalWindow next = window;
        Map<Long, String> sentInTransaction = new HashMap<>();
        producer.beginTransaction();
        try {
            for (FetchedBlock block : blocks) {
                if (!next.extendedBy(block.number(), block.parentHash())) {
                    next = revertToCommonAncestor(next, sentInTransaction);
                    break; // the rest of the batch may belong to either branch: fetch again from the ancestor
                }
                send(block.event());
                sentInTransaction.put(block.number(), block.hash());
                next = next.push(block.number(), block.hash());
                lastBlockTimestamp.set(block.event().getTimestamp());
            }
            producer.send(new ProducerRecord<>(Topics.INGEST_CURSORS.name(), chain.name(), Topics.INGEST_CURSORS
                    .serializeValue(next.toCursor(chain.name()))));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            if (!isFenced(e)) {
                abortQuietly(); // a fenced producer must not touch the transaction again
            }
            throw e;
        }
        blocksPublished.increment(next.head().map(h -> h.getNumber() - window.head().map(BlockRef::getNumber).orElse(
                h.getNumber() - 1)).filter(n -> n > 0).orElse(0L));
        window = next;
    }

    /**
     * Walks back the window until a block whose hash is still canonical, publishing REVERTED for each orphaned block,
     * newest first. Deeper than the window: a loud log line, a metric, and a resync below it
     * ({@link #resyncBelowWindow}).
     *
     * @param sentInTransaction blocks applied earlier in the open transaction, by height: not yet readable from Kafka
     */
    private CanonicalWindow revertToCommonAncestor(CanonicalWindow current, Map<Long, String> sentInTransaction) {
        List<BlockRef> newestFirst = current.newestFirst();
        int depth = 0;
        for (int i = 0; i < newestFirst.size(); i++) {
            BlockRef ref = newestFirst.get(i);
            if (ref.getHash().equals(canonicalHashOrNull(ref.getNumber()))) {
                reorgs.increment();
                reorgDepth.record(depth);
                LOG.warn("{}: reorg of depth {} below block {}; common ancestor {} {}", chain.name(), depth, ref
                        .getNumber() + depth, ref.getNumber(), ref.getHash());
                return current.truncateAbove(ref.getNumber());
            }
            String parentHash = i + 1 < newestFirst.size() ? newestFirst.get(i + 1).getHash() : "";
            send(reverted(ref, parentHash));
            depth++;
        }
        long oldest = newestFirst.get(newestFirst.size() - 1).getNumber();
        if (current.head().orElseThrow().equals(refusedAtHead)) {
            return resyncBelowWindow(oldest, depth, current.capacity(), sentInTransaction); // said so already
        }
        deepReorgs.increment();
        LOG.error("{}: REORG DEEPER THAN THE WINDOW ({} blocks): every remembered block was orphaned; comparing the "
                + "published history below block {} with the node (at most CHAINWATCH_INGEST_MAX_RESYNC_DEPTH={} "
                + "blocks). Check the RPC nodes; consider a larger CHAINWATCH_INGEST_REORG_WINDOW.", chain.name(),
                newestFirst.size(), oldest, settings.maxResyncDepth());
        return resyncBelowWindow(oldest, depth, current.capacity(), sentInTransaction);
    }

    /**
     * Compares the hash published at each height below the window (read back from the topic) with the node's
     * canonical one to find where they agree again ({@link CommonAncestor}): that block is the common ancestor. Every
     * published block above it is reverted, newest first, and the new branch is then fetched from just above it, so
     * applying the topic's events still yields the node's chain. A height where nothing was ever published counts as
     * agreeing: the published chain began above it. No ancestor within {@code CHAINWATCH_INGEST_MAX_RESYNC_DEPTH}:
     * the transaction is aborted and the chain waits ({@link ReorgTooDeepException}).
     */
    private CanonicalWindow resyncBelowWindow(long oldest, int depthSoFar, int capacity,
            Map<Long, String> sentInTransaction) {
        long lowest = Math.max(0, oldest - settings.maxResyncDepth());
        Map<Long, String> published = new HashMap<>();
        if (oldest > lowest) {
            published.putAll(PublishedHistory.read(settings.kafka(), chain.name(), Math.max(0, lowest - 1), oldest
                    - 1));
        }
        sentInTransaction.forEach((number, hash) -> {
            if (number < oldest) {
                published.put(number, hash);
            }
        });
        long ancestor = CommonAncestor.highestAgreeing(lowest, oldest - 1, n -> !published.containsKey(n)
                || published.get(n).equals(canonicalHashOrNull(n)));
        if (ancestor < lowest) {
            throw new ReorgTooDeepException("reorg of " + chain.name() + " deeper than the reorg window plus "
                    + "CHAINWATCH_INGEST_MAX_RESYNC_DEPTH: no common ancestor at or above block " + lowest
                    + "; nothing is published until the nodes agree again or an operator checks them (a node on "
                    + "another fork or a reset devnet) and raises CHAINWATCH_INGEST_MAX_RESYNC_DEPTH or resets the "
                    + "cursor");
        }
        for (long n = oldest - 1; n > ancestor; n--) {
            send(reverted(new BlockRef(n, published.get(n)), published.getOrDefault(n - 1, "")));
        }
        int depth = depthSoFar + (int) (oldest - 1 - ancestor);
        reorgDepth.record(depth);
        String ancestorHash = published.get(ancestor);
        if (ancestorHash == null) {
            LOG.error("{}: nothing was published at block {}: every block published above it is reverted; following "
                    + "the node's chain from block {}", chain.name(), ancestor, ancestor + 1);
            ancestorHash = source.canonicalHash(ancestor);
        }
        LOG.error("{}: deep reorg resynced: depth {}, common ancestor {} {}", chain.name(), depth, ancestor,
                ancestorHash);
        return CanonicalWindow.empty(capacity).push(ancestor, ancestorHash);
    }

    /**
     * Whether Kafka says another producer with our transactional.id took over: then this instance must stop, not
     * reconnect (reconnecting would fence the newcomer in turn).
     */
    static boolean isFenced(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private String canonicalHashOrNull(long number) {
        try {
            return source.canonicalHash(number);
        } catch (RpcException e) {
            if (RpcErrorClassifier.classify(e) == RpcFailure.NOT_AVAILABLE) {
                return null; // the new branch is shorter: this block is gone
            }
            throw e;
        }
    }

    private BlockEvent reverted(BlockRef ref, String parentHash) {
        return BlockEvent.newBuilder().setChain(chain.name()).setType(BlockEventType.REVERTED).setNumber(ref
                .getNumber()).setHash(ref.getHash()).setParentHash(parentHash).setTimestamp(0)
                .setTransactions(List.of())
                .setObservedAtMillis(clock.millis()).build();
    }

    private void send(BlockEvent event) {
        producer.send(new ProducerRecord<>(Topics.BLOCKS.name(), chain.name(), Topics.BLOCKS.serializeValue(
                event)));
    }

    private long lagBlocks() {
        long best = pool.bestHead();
        return window == null || best < 0 ? 0 : Math.max(0, best - window.head().map(BlockRef::getNumber).orElse(best));
    }

    private void waiting(String reason) {
        if (!(state instanceof IngestState.Waiting w) || !w.reason().equals(reason)) {
            LOG.warn("{}: waiting — {}", chain.name(), reason);
        }
        state = new IngestState.Waiting(reason);
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            LOG.debug("{}: abort failed, the producer will be recreated", chain.name(), e);
            resetProducer();
        }
    }

    private void resetProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException ignored) {
                // closing a broken producer may fail; a new one fences it anyway
            }
            producer = null;
        }
    }

    /** Sleeps one poll interval, or less when a websocket announces a new head. */
    private void awaitNextHead() {
        try {
            heads.await(settings.pollInterval(chain));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        fetchers.shutdownNow();
    }

    void closeProducer() {
        resetProducer();
    }
}

package io.chainwatch.matcher;

import static io.chainwatch.matcher.DedupEntry.State.ORPHANED;
import static io.chainwatch.matcher.DedupEntry.State.PENDING;
import static io.chainwatch.matcher.DedupEntry.State.SENT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.MatchedAlert;
import io.chainwatch.schema.MatchedBlock;
import io.chainwatch.schema.Topics;

/**
 * The matcher's stateful stage: turns one chain's block events, reduced to their matches by the {@link MatchingStage},
 * into alerts. It drops what was announced already, flags lookalike counterparties, holds alerts until their block is
 * deep enough, retracts on REVERTED, and remembers what it announced so that a replay announces nothing twice.
 * <p>
 * One chain's events arrive in order on one partition, so every store below is only touched by the task that owns
 * that chain, and the head of each chain is simply the last event's block. One instance per task, single-threaded.
 */
final class BlockProcessor implements Processor<String, MatchedBlock, String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(BlockProcessor.class);
    private static final StringSerializer KEYS = new StringSerializer();
    /**
     * Announced alerts deeper than the reorg window are forgotten every this many blocks rather than at every block:
     * each store scan costs a RocksDB iterator (and Kafka Streams' iterator metrics), and keeping an alert a few
     * blocks longer only means a retraction stays possible a little longer.
     */
    static final int FORGET_EVERY_BLOCKS = 16;

    private final MatchingRules rules;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, Alert> pending;
    /**
     * Sent alerts, one record per block and block event ({@link SentAlerts}), as bytes: the sweep that forgets them,
     * the bulk of what is read back, then needs no decoding; reverts and progress decode.
     */
    private KeyValueStore<String, byte[]> sent;
    /**
     * The alerts announced while the current block event is processed, by the key prefix of their block
     * ({@link StoreKeys#sentOfBlock}), encoded: written to the sent store together by {@link #saveSent}.
     */
    private final Map<String, List<byte[]>> unsaved = new LinkedHashMap<>();
    private KeyValueStore<String, String> dedup;
    private KeyValueStore<String, String> counterparties;
    /**
     * The keys of the dedup and recent-counterparty stores ({@link KeyFilter}): nearly every alert is new and nearly
     * every watched address is new to the counterparty store, and a miss is the dearest lookup RocksDB has. Every put
     * below goes through {@link #remember} or {@link #rememberCounterparties}, which add the key first; the filters
     * are rebuilt from the stores in {@link #init}, which Kafka Streams calls once a task's stores are restored and
     * before it processes anything, and the dedup one again after each purge.
     */
    private final KeyFilter dedupKeys = new KeyFilter(PER_TASK_FILTER_MIN_KEYS);
    private final KeyFilter counterpartyKeys = new KeyFilter(PER_TASK_FILTER_MIN_KEYS);
    /** Two filters per task, a task per partition of the blocks topic: they start at 8 KB and grow with their store. */
    private static final int PER_TASK_FILTER_MIN_KEYS = 1 << 12;
    private KeyValueStore<String, Long> heads;
    /**
     * Per chain, a height no held alert is released below: the release scan is skipped while the head is lower.
     * Derived from the pending store, never the other way round: absent means unknown (scan), a value too low only
     * costs a scan, and it is forgotten whenever the task is (re)initialised or closed.
     */
    private final Map<String, Long> nextRelease = new HashMap<>();
    /**
     * Per chain, the numbers of the blocks with an alert announced at 0 confirmations in the sent store: the only
     * blocks whose depth is reported, so the progress scan runs only for them. Derived from the sent store like
     * {@link #nextRelease}; absent means unknown (rebuilt by one scan).
     */
    private final Map<String, NavigableSet<Long>> zeroConfirmationBlocks = new HashMap<>();
    /**
     * Per chain, the highest block whose announced alerts have been forgotten. The next sweep comes once the reorg
     * window has moved {@link #FORGET_EVERY_BLOCKS} past it and starts above it instead of at the chain's first key,
     * which would walk over the tombstones of everything deleted before (RocksDB keeps them until compaction; a
     * profile showed the sweep's seek as costly as its deletes). Absent: sweep from the start at the next block.
     */
    private final Map<String, Long> forgottenUpTo = new HashMap<>();

    BlockProcessor(MatchingRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        pending = context.getStateStore(MatcherTopology.PENDING_STORE);
        sent = context.getStateStore(MatcherTopology.SENT_STORE);
        dedup = context.getStateStore(MatcherTopology.DEDUP_STORE);
        counterparties = context.getStateStore(MatcherTopology.COUNTERPARTIES_STORE);
        heads = context.getStateStore(MatcherTopology.HEADS_STORE);
        context.schedule(rules.dedupPurgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::purgeDedup);
        forgetDerivedState();
        dedupKeys.rebuildFrom(dedup);
        counterpartyKeys.rebuildFrom(counterparties);
    }

    @Override
    public void close() {
        forgetDerivedState();
    }

    private void forgetDerivedState() {
        nextRelease.clear();
        zeroConfirmationBlocks.clear();
        forgottenUpTo.clear();
        unsaved.clear();
    }

    @Override
    public void process(Record<String, MatchedBlock> record) {
        MatchedBlock block = record.value();
        if (block == null) {
            return;
        }
        try {
            switch (block.getType()) {
                case APPLIED -> applied(block, record.timestamp());
                case REVERTED -> reverted(block, record.timestamp());
            }
        } catch (RuntimeException e) {
            throw new MatcherErrors.MatchingException(block.getChain(), block.getNumber(), block.getHash(), e);
        }
    }

    private void applied(MatchedBlock block, long timestamp) {
        String chain = block.getChain();
        long now = context.currentSystemTimeMs();
        Long known = heads.get(chain);
        long head;
        if (block.getBackfill()) {
            head = known == null ? block.getNumber() : Math.max(known, block.getNumber());
        } else {
            head = block.getNumber();
            heads.put(chain, head);
        }
        boolean late = block.getBackfill() || now - block.getTimestamp() * 1000 > rules.lateAfter().toMillis();
        for (MatchedAlert match : block.getMatches()) {
            try {
                admit(match, head, late, now, timestamp);
            } catch (RuntimeException e) {
                throw new MatcherErrors.MatchingException(chain, block.getNumber(), match.getAlert().getTxHash(), e);
            }
        }
        if (!block.getLastPart()) {
            saveSent(); // the rest of the block's matches follow in the next records
            return;
        }
        if (block.getBackfill()) {
            saveSent(); // a backfilled block is not the head: nothing is due, nothing deepens
            return;
        }
        release(chain, head, now, timestamp);
        saveSent(); // before the reads of the sent store below
        reportProgress(chain, head, now, timestamp);
        forgetSentBelow(chain, head - rules.reorgWindow());
    }

    /**
     * Writes the alerts announced while processing this block event to the sent store, one record (or a few, see
     * {@link SentAlerts#MAX_ALERTS}) per block. Keyed by the block and the event's offset, so that alerts of the same
     * block released by a later event (held ones reaching their depth) go in records of their own.
     */
    private void saveSent() {
        if (unsaved.isEmpty()) {
            return;
        }
        long offset = context.recordMetadata().orElseThrow().offset();
        unsaved.forEach((block, encoded) -> {
            List<byte[]> records = SentAlerts.encode(encoded);
            for (int part = 0; part < records.size(); part++) {
                sent.put(StoreKeys.sentRecord(block, offset, part), records.get(part));
            }
        });
        unsaved.clear();
    }

    private void admit(MatchedAlert match, long head, boolean late, long now, long timestamp) {
        Alert alert = match.getAlert();
        String identity = alert.getId();
        String chain = alert.getChain();
        DedupEntry seen = DedupEntry.decode(remembered(identity));
        int generation = 0;
        if (seen != null) {
            if (seen.state() == SENT || seen.blockHash().equals(alert.getBlockHash())) {
                return; // announced already, or a replay of the block it is held for or was orphaned from
            }
            if (seen.state() == PENDING) { // held for a block that left the chain: hold it for this one instead
                pending.delete(StoreKeys.pending(chain, seen.releaseAt(), seen.blockNumber(), seen.blockHash(),
                        identity));
            }
            generation = seen.generation();
        }
        if (late && rules.suppressLate()) {
            return;
        }
        List<String> flags = withSpamFlags(alert);
        if (isSpam(flags) && match.getHidesSpam()) {
            return;
        }
        // the alert was decoded for this call alone: set in place rather than deep-copied by a builder
        alert.setGeneration(generation);
        alert.setId(AlertIds.id(chain, alert.getTxHash(), alert.getChatId(), AlertIds.kindKey(alert.getKind(),
                alert.getLogIndex(), AlertPhase.CONFIRMED, generation)));
        alert.setLate(late);
        alert.setFlags(flags);
        int required = alert.getRequiredConfirmations();
        long depth = head - alert.getBlockNumber() + 1;
        if (required <= 1 || depth >= required) {
            emit(identity, alert, depth, now, timestamp);
        } else {
            long releaseAt = alert.getBlockNumber() + required - 1;
            pending.put(StoreKeys.pending(chain, releaseAt, alert.getBlockNumber(), alert.getBlockHash(), identity),
                    alert);
            nextRelease.computeIfPresent(chain, (c, next) -> Math.min(next, releaseAt));
            remember(identity, new DedupEntry(PENDING, generation, alert.getBlockNumber(), alert.getBlockHash(),
                    releaseAt, now));
        }
    }

    /** The alert's flags plus the lookalike flag when its counterparty imitates a recent one. */
    private List<String> withSpamFlags(Alert alert) {
        List<String> flags = new ArrayList<>(alert.getFlags());
        String counterparty = counterpartyOf(alert);
        if (counterparty != null) {
            String key = StoreKeys.counterparties(alert.getChain(), alert.getWatched());
            List<String> recent = SpamSignals.decode(counterpartyKeys.mightContain(key)
                    ? counterparties.get(key)
                    : null);
            if (SpamSignals.isLookalike(counterparty, recent)) {
                flags.add(SpamSignals.LOOKALIKE_COUNTERPARTY);
            } else if (!isSpam(flags)) { // learn only from clean transfers, or a poisoner would teach its address
                rememberCounterparties(key, recent, SpamSignals.remember(recent, counterparty, rules
                        .recentCounterparties()));
            }
        }
        return flags;
    }

    private static boolean isSpam(List<String> flags) {
        return flags.stream().anyMatch(flag -> !flag.equals(TransactionMatcher.BATCH));
    }

    private static String counterpartyOf(Alert alert) {
        return switch (alert.getKind()) {
            case NATIVE_IN, TOKEN_IN, NFT_IN, INTERNAL_IN -> alert.getFrom();
            case NATIVE_OUT, TOKEN_OUT, NFT_OUT, INTERNAL_OUT -> alert.getTo();
            default -> null;
        };
    }

    private void emit(String identity, Alert alert, long depth, long now, long timestamp) {
        // decoded from the matched block or the pending store for this call alone: set in place
        alert.setConfirmations((int) Math.min(Integer.MAX_VALUE, Math.max(1, depth)));
        byte[] encoded = send(alert, timestamp);
        Long forgotten = forgottenUpTo.get(alert.getChain());
        if (forgotten == null || alert.getBlockNumber() > forgotten) {
            // kept for a retraction while its block is within the reorg window; a block already below the swept
            // height (a backfilled or long-held one) is past it, and the sweeps, which only move up, would never see it
            unsaved.computeIfAbsent(StoreKeys.sentOfBlock(alert.getChain(), alert.getBlockNumber(), alert
                    .getBlockHash()), block -> new ArrayList<>()).add(encoded);
            if (alert.getRequiredConfirmations() == 0) {
                NavigableSet<Long> known = zeroConfirmationBlocks.get(alert.getChain());
                if (known != null) {
                    known.add(alert.getBlockNumber());
                }
            }
        }
        remember(identity, new DedupEntry(SENT, alert.getGeneration(), alert.getBlockNumber(), alert
                .getBlockHash(), 0, now));
        LOG.debug("Alert {} released at depth {}", alert.getId(), alert.getConfirmations());
    }

    /**
     * Forwards an alert to {@code chainwatch.alerts}, keyed by its chat, encoded here rather than by the sink: the
     * sent store keeps the same bytes.
     */
    private byte[] send(Alert alert, long timestamp) {
        byte[] encoded = Topics.ALERTS.serializeValue(alert);
        context.forward(new Record<>(String.valueOf(alert.getChatId()), encoded, timestamp));
        return encoded;
    }

    private void release(String chain, long head, long now, long timestamp) {
        Long next = nextRelease.get(chain);
        if (next != null && next > head) {
            return;
        }
        List<KeyValue<String, Alert>> due = new ArrayList<>();
        long earliestLeft = Long.MAX_VALUE;
        try (KeyValueIterator<String, Alert> held = pending.range(StoreKeys.chainStart(chain), StoreKeys.chainEnd(
                chain))) {
            while (held.hasNext()) {
                KeyValue<String, Alert> entry = held.next();
                long releaseAt = StoreKeys.releaseAtOfPending(chain, entry.key);
                if (releaseAt > head) {
                    earliestLeft = releaseAt;
                    break;
                }
                due.add(entry);
            }
        }
        for (KeyValue<String, Alert> entry : due) {
            pending.delete(entry.key);
            emit(identityOf(entry.value), entry.value, head - entry.value.getBlockNumber() + 1, now, timestamp);
        }
        nextRelease.put(chain, earliestLeft);
    }

    /**
     * For each progress depth, the alerts announced at 0 confirmations from the canonical block that has just reached
     * that depth get a {@link AlertPhase#PROGRESS} update. Remembered in the dedup store like announcements, so a
     * replay of the blocks does not repeat them.
     */
    private void reportProgress(String chain, long head, long now, long timestamp) {
        if (rules.progressDepths().isEmpty()) {
            return;
        }
        NavigableSet<Long> candidates = zeroConfirmationBlocks(chain);
        for (int depth : rules.progressDepths()) {
            long number = head - depth + 1;
            if (number < 0 || !candidates.contains(number)) {
                continue;
            }
            for (Alert alert : sentAlerts(collect(sent.range(StoreKeys.sentOfNumber(chain, number), StoreKeys.sentUpTo(
                    chain, number))))) {
                if (alert.getRequiredConfirmations() != 0 || alert.getConfirmations() >= depth) {
                    continue;
                }
                Alert progress = Alert.newBuilder(alert).setPhase(AlertPhase.PROGRESS).setConfirmations(depth).build();
                progress.setId(AlertIds.idOf(progress));
                String step = progress.getId();
                if (remembered(step) != null) {
                    continue;
                }
                send(progress, timestamp);
                remember(step, new DedupEntry(SENT, alert.getGeneration(), alert.getBlockNumber(), alert
                        .getBlockHash(), 0, now));
            }
        }
    }

    private void reverted(MatchedBlock block, long timestamp) {
        String chain = block.getChain();
        nextRelease.remove(chain);
        zeroConfirmationBlocks.remove(chain);
        long now = context.currentSystemTimeMs();
        heads.put(chain, block.getNumber() - 1);
        for (KeyValue<String, Alert> held : collect(pending.range(StoreKeys.chainStart(chain), StoreKeys.chainEnd(
                chain)))) {
            if (held.value.getBlockHash().equals(block.getHash())) {
                pending.delete(held.key);
                String identity = identityOf(held.value);
                int generation = held.value.getGeneration();
                if (generation == 0) {
                    dedup.delete(identity);
                } else {
                    remember(identity, new DedupEntry(ORPHANED, generation, block.getNumber(), block.getHash(), 0,
                            now));
                }
            }
        }
        List<KeyValue<String, byte[]>> announced = collect(sent.prefixScan(StoreKeys.sentOfBlock(chain, block
                .getNumber(), block.getHash()), KEYS));
        announced.forEach(record -> sent.delete(record.key));
        for (Alert alert : sentAlerts(announced)) {
            Alert orphaned = Alert.newBuilder(alert)
                    .setPhase(AlertPhase.ORPHANED)
                    .setId(AlertIds.id(chain, alert.getTxHash(), alert.getChatId(), AlertIds.kindKey(alert.getKind(),
                            alert.getLogIndex(), AlertPhase.ORPHANED, alert.getGeneration())))
                    .setConfirmations(0)
                    .setObservedAtMillis(block.getObservedAtMillis())
                    .build();
            send(orphaned, timestamp);
            remember(identityOf(alert), new DedupEntry(ORPHANED, alert.getGeneration() + 1, block.getNumber(), block
                    .getHash(), 0, now));
            LOG.debug("Alert {} orphaned by the revert of block {} ({})", alert.getId(), block.getNumber(), block
                    .getHash());
        }
    }

    /**
     * Forgets the announced alerts of blocks up to {@code blockNumber}, when a sweep is due (see
     * {@link #forgottenUpTo}).
     */
    private void forgetSentBelow(String chain, long blockNumber) {
        Long done = forgottenUpTo.get(chain);
        if (blockNumber < 0 || done != null && blockNumber - done < FORGET_EVERY_BLOCKS) {
            return;
        }
        String from = done == null ? StoreKeys.chainStart(chain) : StoreKeys.sentOfNumber(chain, done + 1);
        for (KeyValue<String, byte[]> old : collect(sent.range(from, StoreKeys.sentUpTo(chain, blockNumber)))) {
            sent.delete(old.key);
        }
        forgottenUpTo.put(chain, blockNumber);
        NavigableSet<Long> known = zeroConfirmationBlocks.get(chain);
        if (known != null) {
            known.headSet(blockNumber, true).clear();
        }
    }

    /** The numbers of {@code chain}'s blocks with a 0-confirmation alert in the sent store, scanned when unknown. */
    private NavigableSet<Long> zeroConfirmationBlocks(String chain) {
        return zeroConfirmationBlocks.computeIfAbsent(chain, c -> {
            NavigableSet<Long> numbers = new TreeSet<>();
            try (KeyValueIterator<String, byte[]> all = sent.range(StoreKeys.chainStart(c), StoreKeys.chainEnd(c))) {
                all.forEachRemaining(record -> {
                    for (Alert alert : SentAlerts.decode(record.value)) {
                        if (alert.getRequiredConfirmations() == 0) {
                            numbers.add(alert.getBlockNumber());
                        }
                    }
                });
            }
            return numbers;
        });
    }

    /**
     * Forgets announced and orphaned alerts older than the TTL; held ones stay until their block is decided. The
     * dedup filter is then rebuilt, so that the keys forgotten stop costing lookups.
     */
    private void purgeDedup(long now) {
        long cutoff = now - rules.dedupTtl().toMillis();
        List<String> expired = new ArrayList<>();
        long total = 0;
        try (KeyValueIterator<String, String> all = dedup.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                total++;
                DedupEntry decoded = DedupEntry.decode(entry.value);
                if (decoded.state() != PENDING && decoded.atMillis() < cutoff) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(dedup::delete);
        if (!expired.isEmpty()) {
            dedupKeys.rebuildFrom(dedup, total - expired.size());
            LOG.debug("Purged {} dedup entries older than {}", expired.size(), rules.dedupTtl());
        }
    }

    /** What the dedup store remembers of an alert identity or progress step, asked only if the filter allows. */
    private String remembered(String key) {
        return dedupKeys.mightContain(key) ? dedup.get(key) : null;
    }

    private void remember(String key, DedupEntry entry) {
        dedupKeys.add(key);
        dedup.put(key, entry.encode());
    }

    /** Writes the recent counterparties of a watched address, unless they are what the store holds already. */
    private void rememberCounterparties(String key, List<String> before, List<String> after) {
        if (after.equals(before)) {
            return;
        }
        counterpartyKeys.add(key);
        counterparties.put(key, SpamSignals.encode(after));
    }

    /** The identity of an alert across generations and phases: its first confirmed id. */
    static String identityOf(Alert alert) {
        return AlertIds.id(alert.getChain(), alert.getTxHash(), alert.getChatId(), AlertIds.kindKey(alert.getKind(),
                alert.getLogIndex(), AlertPhase.CONFIRMED, 0));
    }

    private static List<Alert> sentAlerts(List<KeyValue<String, byte[]>> records) {
        List<Alert> alerts = new ArrayList<>();
        records.forEach(record -> alerts.addAll(SentAlerts.decode(record.value)));
        return alerts;
    }

    private static <V> List<KeyValue<String, V>> collect(KeyValueIterator<String, V> iterator) {
        List<KeyValue<String, V>> items = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(items::add);
        }
        return items;
    }
}

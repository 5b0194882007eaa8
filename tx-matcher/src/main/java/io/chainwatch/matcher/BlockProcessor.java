package io.chainwatch.matcher;

import static io.chainwatch.matcher.DedupEntry.State.ORPHANED;
import static io.chainwatch.matcher.DedupEntry.State.PENDING;
import static io.chainwatch.matcher.DedupEntry.State.SENT;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.MatchedAlert;
import io.chainwatch.schema.MatchedBlock;
import io.chainwatch.schema.Topics;

/**
 * The matcher's stateful stage: turns one chain's block events, reduced to their matches by the {@link MatchingStage},
 * into alerts. It drops what was announced already, flags lookalike counterparties, holds alerts until their block is
 * deep enough, retracts on REVERTED, and remembers what it announced so that a replay announces nothing twice.
 * <p>
 * It only orchestrates: each store belongs to the class that keeps it and what is derived from it — {@link HeldAlerts},
 * {@link SentAlerts}, {@link Dedup}, {@link RecentCounterparties} — made anew in {@link #init}, which Kafka Streams
 * calls once a task's stores are restored and before it processes anything, so that the key filters are built from
 * the restored stores and nothing derived in memory outlives a restore. The heads store, one number per chain, is
 * read and written here.
 * <p>
 * One chain's events arrive in order on one partition, so every store is only touched by the task that owns that
 * chain, and the head of each chain is simply the last event's block. One instance per task, single-threaded.
 */
final class BlockProcessor implements Processor<String, MatchedBlock, String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(BlockProcessor.class);

    private final MatchingRules rules;
    private ProcessorContext<String, byte[]> context;
    private HeldAlerts held;
    private SentAlerts sent;
    private Dedup dedup;
    private RecentCounterparties counterparties;
    private KeyValueStore<String, Long> heads;

    BlockProcessor(MatchingRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        held = new HeldAlerts(context.getStateStore(MatcherTopology.PENDING_STORE));
        sent = new SentAlerts(context.getStateStore(MatcherTopology.SENT_STORE));
        dedup = new Dedup(context.getStateStore(MatcherTopology.DEDUP_STORE), rules.dedupTtl());
        counterparties = new RecentCounterparties(context.getStateStore(MatcherTopology.COUNTERPARTIES_STORE), rules
                .recentCounterparties());
        heads = context.getStateStore(MatcherTopology.HEADS_STORE);
        context.schedule(rules.dedupPurgeInterval(), PunctuationType.WALL_CLOCK_TIME, dedup::purge);
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
        for (Alert due : held.takeDue(chain, head)) {
            emit(identityOf(due), due, head - due.getBlockNumber() + 1, now, timestamp);
        }
        saveSent(); // before the reads of the sent store below
        reportProgress(chain, head, now, timestamp);
        sent.forgetUpTo(chain, head - rules.reorgWindow());
    }

    /** Saves the alerts announced while processing this block event ({@link SentAlerts#save}). */
    private void saveSent() {
        if (sent.hasUnsaved()) {
            sent.save(context.recordMetadata().orElseThrow().offset());
        }
    }

    private void admit(MatchedAlert match, long head, boolean late, long now, long timestamp) {
        Alert alert = match.getAlert();
        String identity = alert.getId();
        String chain = alert.getChain();
        DedupEntry seen = dedup.get(identity);
        int generation = 0;
        if (seen != null) {
            if (seen.state() == SENT || seen.blockHash().equals(alert.getBlockHash())) {
                return; // announced already, or a replay of the block it is held for or was orphaned from
            }
            if (seen.state() == PENDING) { // held for a block that left the chain: hold it for this one instead
                held.drop(chain, identity, seen.releaseAt(), seen.blockNumber(), seen.blockHash());
            }
            generation = seen.generation();
        }
        for (String legacy : match.getLegacyIds()) {
            // what the movements were as alerts of their own, before issue #16: announced or held then means now
            DedupEntry before = dedup.get(legacy);
            if (before == null) {
                continue;
            }
            if (before.state() == SENT || before.blockHash().equals(alert.getBlockHash())) {
                return;
            }
            if (before.state() == PENDING) {
                held.drop(chain, legacy, before.releaseAt(), before.blockNumber(), before.blockHash());
                dedup.forget(legacy);
            }
            generation = Math.max(generation, before.generation());
        }
        if (late && rules.suppressLate()) {
            return;
        }
        if (alert.getKind() == AlertKind.TRANSACTION) {
            if (!TransactionSpam.flag(alert, counterparties, match.getHidesSpam())) {
                return; // everything it said was hidden as spam
            }
        } else {
            List<String> flags = withSpamFlags(alert);
            if (isSpam(flags) && match.getHidesSpam()) {
                return;
            }
            alert.setFlags(flags);
        }
        // the alert was decoded for this call alone: set in place rather than deep-copied by a builder
        alert.setGeneration(generation);
        alert.setId(AlertIds.id(chain, alert.getTxHash(), alert.getChatId(), AlertIds.kindKey(alert.getKind(),
                alert.getLogIndex(), AlertPhase.CONFIRMED, generation)));
        alert.setLate(late);
        int required = alert.getRequiredConfirmations();
        long depth = head - alert.getBlockNumber() + 1;
        if (required <= 1 || depth >= required) {
            emit(identity, alert, depth, now, timestamp);
        } else {
            long releaseAt = alert.getBlockNumber() + required - 1;
            held.hold(identity, alert, releaseAt);
            dedup.remember(identity, new DedupEntry(PENDING, generation, alert.getBlockNumber(), alert.getBlockHash(),
                    releaseAt, now));
        }
    }

    /** The alert's flags plus the lookalike flag when its counterparty imitates a recent one. */
    private List<String> withSpamFlags(Alert alert) {
        List<String> flags = new ArrayList<>(alert.getFlags());
        String counterparty = counterpartyOf(alert);
        if (counterparty != null && counterparties.observe(alert.getChain(), alert.getWatched(), counterparty,
                !isSpam(flags))) {
            flags.add(SpamSignals.LOOKALIKE_COUNTERPARTY);
        }
        return flags;
    }

    static boolean isSpam(List<String> flags) {
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
        sent.add(alert, send(alert, timestamp));
        dedup.remember(identity, new DedupEntry(SENT, alert.getGeneration(), alert.getBlockNumber(), alert
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

    /**
     * For each progress depth, the alerts announced at 0 confirmations from the canonical block that has just reached
     * that depth get a {@link AlertPhase#PROGRESS} update. Remembered in the dedup store like announcements, so a
     * replay of the blocks does not repeat them.
     */
    private void reportProgress(String chain, long head, long now, long timestamp) {
        for (int depth : rules.progressDepths()) {
            long number = head - depth + 1;
            if (number < 0) {
                continue;
            }
            for (Alert alert : sent.announcedAtZeroConfirmations(chain, number)) {
                if (alert.getConfirmations() >= depth) {
                    continue;
                }
                Alert progress = Alert.newBuilder(alert).setPhase(AlertPhase.PROGRESS).setConfirmations(depth).build();
                progress.setId(AlertIds.idOf(progress));
                String step = progress.getId();
                if (dedup.contains(step)) {
                    continue;
                }
                send(progress, timestamp);
                dedup.remember(step, new DedupEntry(SENT, alert.getGeneration(), alert.getBlockNumber(), alert
                        .getBlockHash(), 0, now));
            }
        }
    }

    private void reverted(MatchedBlock block, long timestamp) {
        String chain = block.getChain();
        long now = context.currentSystemTimeMs();
        heads.put(chain, block.getNumber() - 1);
        for (Alert dropped : held.takeOfBlock(chain, block.getHash())) {
            String identity = identityOf(dropped);
            int generation = dropped.getGeneration();
            if (generation == 0) {
                dedup.forget(identity);
            } else {
                dedup.remember(identity, new DedupEntry(ORPHANED, generation, block.getNumber(), block.getHash(), 0,
                        now));
            }
        }
        for (Alert alert : sent.takeOfBlock(chain, block.getNumber(), block.getHash())) {
            Alert orphaned = Alert.newBuilder(alert)
                    .setPhase(AlertPhase.ORPHANED)
                    .setId(AlertIds.id(chain, alert.getTxHash(), alert.getChatId(), AlertIds.kindKey(alert.getKind(),
                            alert.getLogIndex(), AlertPhase.ORPHANED, alert.getGeneration())))
                    .setConfirmations(0)
                    .setObservedAtMillis(block.getObservedAtMillis())
                    .build();
            send(orphaned, timestamp);
            dedup.remember(identityOf(alert), new DedupEntry(ORPHANED, alert.getGeneration() + 1, block.getNumber(),
                    block.getHash(), 0, now));
            LOG.debug("Alert {} orphaned by the revert of block {} ({})", alert.getId(), block.getNumber(), block
                    .getHash());
        }
    }

    /** The identity of an alert across generations and phases: its first confirmed id. */
    static String identityOf(Alert alert) {
        return AlertIds.id(alert.getChain(), alert.getTxHash(), alert.getChatId(), AlertIds.kindKey(alert.getKind(),
                alert.getLogIndex(), AlertPhase.CONFIRMED, 0));
    }
}

package io.chainwatch.matcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.schema.MatchedAlert;
import io.chainwatch.schema.MatchedBlock;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.Watchers;

/**
 * The matcher's stateless stage: decodes each block event, matches its transactions against the global subscription
 * store and forwards the block reduced to its matches ({@link MatchedBlock}) — a few alerts instead of hundreds of
 * transactions — to the stateful {@link BlockProcessor}. A REVERTED event goes on as it is, with no matches.
 * <p>
 * It touches no task state, so it runs on whichever stream thread owns its task, beside the stateful stage of the
 * same chain (see {@link MatcherTopology}). A block with more than {@link #MATCHES_PER_RECORD} matches — one address
 * watched by thousands of chats, a block full of transfers to watched addresses — is forwarded in parts, so that no
 * record of the internal topic grows past what a broker accepts; only the last part ends the block.
 */
final class MatchingStage implements Processor<String, BlockEvent, String, MatchedBlock> {

    /** Matches per record of the internal topic: a few hundred bytes each, so a record stays well under 1 MB. */
    static final int MATCHES_PER_RECORD = 1_000;

    private final MatchingRules rules;
    private final KeyFilter watched;
    private ProcessorContext<String, MatchedBlock> context;
    /** The global subscription store behind {@link #watched}, which its updater keeps (read-only here). */
    private FilteredStore<Watchers> subscriptions;

    MatchingStage(MatchingRules rules, KeyFilter watched) {
        this.rules = rules;
        this.watched = watched;
    }

    @Override
    public void init(ProcessorContext<String, MatchedBlock> context) {
        this.context = context;
        subscriptions = FilteredStore.sharing(context.getStateStore(MatcherTopology.SUBSCRIPTIONS_STORE), watched);
    }

    @Override
    public void process(Record<String, BlockEvent> record) {
        BlockEvent block = record.value();
        if (block == null) {
            return;
        }
        List<MatchedAlert> matches = new ArrayList<>();
        if (block.getType() == BlockEventType.APPLIED) {
            int defaultConfirmations = rules.confirmationsFor(block.getChain());
            List<ChainTransaction> transactions = block.getTransactions();
            boolean[] candidates = candidates(block.getChain(), transactions);
            for (int i = 0; i < transactions.size(); i++) {
                if (!candidates[i]) {
                    continue;
                }
                ChainTransaction tx = transactions.get(i);
                try {
                    for (TransactionAlerts.Combined match : TransactionMatcher.match(block, tx, watchers,
                            defaultConfirmations)) {
                        matches.add(new MatchedAlert(match.alert(), AlertFilters.hidesSpam(match.watcher()
                                .getFilters()), match.legacyIds()));
                    }
                } catch (RuntimeException e) {
                    throw new MatcherErrors.MatchingException(block.getChain(), block.getNumber(), tx.getHash(), e);
                }
            }
        }
        int parts = Math.max(1, (matches.size() + MATCHES_PER_RECORD - 1) / MATCHES_PER_RECORD);
        for (int part = 0; part < parts; part++) {
            List<MatchedAlert> slice = matches.subList(part * MATCHES_PER_RECORD, Math.min(matches.size(), (part + 1)
                    * MATCHES_PER_RECORD));
            context.forward(record.withValue(MatchedBlock.newBuilder()
                    .setType(block.getType())
                    .setChain(block.getChain())
                    .setNumber(block.getNumber())
                    .setHash(block.getHash())
                    .setTimestamp(block.getTimestamp())
                    .setBackfill(block.getBackfill())
                    .setObservedAtMillis(block.getObservedAtMillis())
                    .setMatches(slice)
                    .setLastPart(part == parts - 1)
                    .build()));
        }
    }

    /**
     * Which of a block's transactions touch a key the subscription filter cannot rule out: only those are matched.
     * Nearly all are ruled out, and asking the filter about the whole block's keys at once ({@link
     * KeyFilter#mightContainEach}) overlaps the cache misses that asking key by key would wait for one after another.
     */
    private boolean[] candidates(String chain, List<ChainTransaction> transactions) {
        keys.start(addressPrefixes.computeIfAbsent(chain, Topics::addressKeyPrefix), txPrefixes.computeIfAbsent(
                chain, Topics::txKeyPrefix));
        for (int i = 0; i < transactions.size(); i++) {
            keys.owner = i;
            TransactionMatcher.forEachKey(transactions.get(i), keys);
        }
        boolean[] answers = keys.answers();
        subscriptions.mightContainEach(keys.hashes, keys.count, answers);
        boolean[] candidates = new boolean[transactions.size()];
        for (int k = 0; k < keys.count; k++) {
            candidates[keys.owners[k]] |= answers[k];
        }
        return candidates;
    }

    private final Map<String, String> addressPrefixes = new HashMap<>();
    private final Map<String, String> txPrefixes = new HashMap<>();
    private final BlockKeys keys = new BlockKeys();

    /** The filter hashes of a block's keys and the index of the transaction of each; arrays reused between blocks. */
    private static final class BlockKeys implements TransactionMatcher.KeyVisitor {
        long[] hashes = new long[1024];
        int[] owners = new int[1024];
        private boolean[] answers = new boolean[1024];
        int count;
        int owner;
        private String addressPrefix;
        private String txPrefix;

        void start(String addressPrefix, String txPrefix) {
            this.addressPrefix = addressPrefix;
            this.txPrefix = txPrefix;
            count = 0;
        }

        @Override
        public void transaction(String hash) {
            add(KeyFilter.hash(txPrefix, hash));
        }

        @Override
        public void address(String address) {
            add(KeyFilter.hash(addressPrefix, address));
        }

        private void add(long hash) {
            if (count == hashes.length) {
                hashes = java.util.Arrays.copyOf(hashes, 2 * count);
                owners = java.util.Arrays.copyOf(owners, 2 * count);
            }
            hashes[count] = hash;
            owners[count++] = owner;
        }

        /** An array for the answers about the keys, at least {@link #count} long. */
        boolean[] answers() {
            if (answers.length < count) {
                answers = new boolean[hashes.length];
            }
            return answers;
        }
    }

    /**
     * The subscription store behind the in-heap {@link KeyFilter} of its keys: nearly every address a transaction
     * touches is watched by nobody, and the filter says so without a key string or a RocksDB read; the key is only
     * built then.
     */
    private final TransactionMatcher.Subscriptions watchers = new TransactionMatcher.Subscriptions() {
        @Override
        public Watchers ofAddress(String chain, String address) {
            return lookup(addressPrefixes.computeIfAbsent(chain, Topics::addressKeyPrefix), address);
        }

        @Override
        public Watchers ofTransaction(String chain, String hash) {
            return lookup(txPrefixes.computeIfAbsent(chain, Topics::txKeyPrefix), hash);
        }

        private Watchers lookup(String prefix, String value) {
            return subscriptions.get(prefix, value);
        }
    };
}

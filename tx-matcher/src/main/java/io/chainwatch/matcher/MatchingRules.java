package io.chainwatch.matcher;

import java.time.Duration;
import java.util.Map;

import io.chainwatch.schema.ChainPresets;

/**
 * What the topology needs to know to match, hold, release and retract alerts; the part of
 * {@link MatcherSettings} that {@link MatcherTopology#build(MatchingRules)} reads. Immutable.
 *
 * @param defaultConfirmations per chain name, confirmations when a watcher sets none
 *            ({@code CHAINWATCH_CONFIRMATIONS_<CHAIN>} or the preset)
 * @param dedupTtl how long an announced alert is remembered, so that a replay does not announce it again
 * @param dedupPurgeInterval how often (wall-clock) forgotten dedup entries are purged
 * @param lateAfter a block older than this when it is matched makes its alerts late
 * @param suppressLate drop late alerts instead of flagging them
 * @param reorgWindow how many blocks deep an announced block is still watched for a reorg
 * @param recentCounterparties how many recent counterparties are kept per watched address for lookalike detection
 */
public record MatchingRules(Map<String, Integer> defaultConfirmations, Duration dedupTtl,
        Duration dedupPurgeInterval, Duration lateAfter, boolean suppressLate, int reorgWindow,
        int recentCounterparties) {

    public MatchingRules {
        defaultConfirmations = Map.copyOf(defaultConfirmations);
    }

    /** Rules with the defaults of {@link MatcherSettings} and the given per-chain confirmations; for tests. */
    public static MatchingRules defaults(Map<String, Integer> defaultConfirmations) {
        return new MatchingRules(defaultConfirmations, MatcherSettings.DEFAULT_DEDUP_TTL,
                MatcherSettings.DEFAULT_DEDUP_PURGE_INTERVAL, MatcherSettings.DEFAULT_LATE_AFTER, false,
                MatcherSettings.DEFAULT_REORG_WINDOW, MatcherSettings.DEFAULT_RECENT_COUNTERPARTIES);
    }

    /**
     * Confirmations of {@code chain} when the watcher sets none: the configured value, else the preset's, else 1 for
     * a chain nobody configured (its blocks should not arrive, but if they do, they are not held forever).
     */
    public int confirmationsFor(String chain) {
        Integer configured = defaultConfirmations.get(chain);
        if (configured != null) {
            return configured;
        }
        return ChainPresets.find(chain).map(p -> p.defaultConfirmations()).orElse(1);
    }

    public MatchingRules withSuppressLate(boolean suppress) {
        return new MatchingRules(defaultConfirmations, dedupTtl, dedupPurgeInterval, lateAfter, suppress, reorgWindow,
                recentCounterparties);
    }

    public MatchingRules withLateAfter(Duration after) {
        return new MatchingRules(defaultConfirmations, dedupTtl, dedupPurgeInterval, after, suppressLate, reorgWindow,
                recentCounterparties);
    }

    public MatchingRules withReorgWindow(int blocks) {
        return new MatchingRules(defaultConfirmations, dedupTtl, dedupPurgeInterval, lateAfter, suppressLate, blocks,
                recentCounterparties);
    }
}

package io.chainwatch.matcher;

import java.time.Duration;
import java.util.List;
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
 * @param progressDepths depths at which an alert announced at 0 confirmations is followed by a
 *            {@link io.chainwatch.schema.AlertPhase#PROGRESS} update (ascending, each above 1 and within the reorg
 *            window, where announced alerts are still remembered); empty: no updates
 */
public record MatchingRules(Map<String, Integer> defaultConfirmations, Duration dedupTtl,
        Duration dedupPurgeInterval, Duration lateAfter, boolean suppressLate, int reorgWindow,
        int recentCounterparties, List<Integer> progressDepths) {

    public MatchingRules {
        defaultConfirmations = Map.copyOf(defaultConfirmations);
        progressDepths = List.copyOf(progressDepths);
        int previous = 1;
        for (int depth : progressDepths) {
            if (depth <= previous || depth > reorgWindow) {
                throw new IllegalArgumentException("progress depths must ascend from 2 up to the reorg window ("
                        + reorgWindow + "), got " + progressDepths);
            }
            previous = depth;
        }
    }

    /** Rules with the defaults of {@link MatcherSettings} and the given per-chain confirmations; for tests. */
    public static MatchingRules defaults(Map<String, Integer> defaultConfirmations) {
        return new MatchingRules(defaultConfirmations, MatcherSettings.DEFAULT_DEDUP_TTL,
                MatcherSettings.DEFAULT_DEDUP_PURGE_INTERVAL, MatcherSettings.DEFAULT_LATE_AFTER, false,
                MatcherSettings.DEFAULT_REORG_WINDOW, MatcherSettings.DEFAULT_RECENT_COUNTERPARTIES,
                MatcherSettings.DEFAULT_PROGRESS_DEPTHS);
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
                recentCounterparties, progressDepths);
    }

    public MatchingRules withLateAfter(Duration after) {
        return new MatchingRules(defaultConfirmations, dedupTtl, dedupPurgeInterval, after, suppressLate, reorgWindow,
                recentCounterparties, progressDepths);
    }

    public MatchingRules withReorgWindow(int blocks) {
        return new MatchingRules(defaultConfirmations, dedupTtl, dedupPurgeInterval, lateAfter, suppressLate, blocks,
                recentCounterparties, progressDepths.stream().filter(depth -> depth <= blocks).toList());
    }

    public MatchingRules withProgressDepths(List<Integer> depths) {
        return new MatchingRules(defaultConfirmations, dedupTtl, dedupPurgeInterval, lateAfter, suppressLate,
                reorgWindow, recentCounterparties, depths);
    }
}

package io.chainwatch.schema;

import java.util.OptionalInt;

/**
 * Deterministic alert identities, shared by the matcher (dedup) and the notifier (idempotency keys
 * {@code notified:{chain}:{tx}:{chat}:{kind}}).
 */
public final class AlertIds {

    private static final String PROGRESS_MARKER = "@" + AlertPhase.PROGRESS.name();
    private static final String ORPHANED_MARKER = "@" + AlertPhase.ORPHANED.name();

    private AlertIds() {
    }

    /**
     * The kind part of an alert's identity: the kind, the log/trace index for transfers inside a transaction, the
     * phase when it is not the first announcement, and the generation when a tx was orphaned and landed again.
     */
    public static String kindKey(AlertKind kind, int logIndex, AlertPhase phase, int generation) {
        StringBuilder key = new StringBuilder(kind.name());
        if (logIndex >= 0) {
            key.append('#').append(logIndex);
        }
        if (phase != AlertPhase.CONFIRMED) {
            key.append('@').append(phase.name());
        }
        if (generation > 0) {
            key.append("~g").append(generation);
        }
        return key.toString();
    }

    /** {@code chain:tx:chat:kindKey}, the alert's id. */
    public static String id(String chain, String txHash, long chatId, String kindKey) {
        return chain + ":" + txHash + ":" + chatId + ":" + kindKey;
    }

    /**
     * The alert id of {@code alert}'s coordinates. A {@link AlertPhase#PROGRESS} update also names its depth
     * ({@code @PROGRESS6}), so that each step is delivered once.
     */
    public static String idOf(Alert alert) {
        String kindKey = kindKey(alert.getKind(), alert.getLogIndex(), alert.getPhase(), alert.getGeneration());
        if (alert.getPhase() == AlertPhase.PROGRESS) {
            kindKey = kindKey.replace("@" + AlertPhase.PROGRESS.name(), "@" + AlertPhase.PROGRESS.name() + alert
                    .getConfirmations());
        }
        return id(alert.getChain(), alert.getTxHash(), alert.getChatId(), kindKey);
    }

    /**
     * The id of the announcement that a follow-up id ({@code …@ORPHANED…}, {@code …@PROGRESS<depth>…}) refers to: the
     * phase marker removed. Any other id is its own announcement. Read from the id rather than rebuilt from an
     * alert's fields, so it still matches after the alert was re-addressed to a migrated chat.
     */
    public static String announcementIdOf(String followUpId) {
        int at = phaseMarkerAt(followUpId);
        return at < 0 ? followUpId : followUpId.substring(0, at) + followUpId.substring(phaseMarkerEnd(followUpId, at));
    }

    /** The id of the ORPHANED follow-up of the announcement that {@code followUpId} refers to. */
    public static String orphanedIdOf(String followUpId) {
        int at = phaseMarkerAt(followUpId);
        return at < 0
                ? followUpId
                : followUpId.substring(0, at) + ORPHANED_MARKER + followUpId.substring(phaseMarkerEnd(followUpId, at));
    }

    /** The depth a {@link AlertPhase#PROGRESS} id names, or empty when {@code alertId} is not one. */
    public static OptionalInt progressDepthOf(String alertId) {
        int at = alertId.lastIndexOf(PROGRESS_MARKER);
        if (at < 0 || phaseMarkerEnd(alertId, at) == at + PROGRESS_MARKER.length()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(alertId.substring(at + PROGRESS_MARKER.length(), phaseMarkerEnd(
                    alertId, at))));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Where a follow-up's phase marker starts, or -1 ({@code @PROGRESS} counts only with its depth). */
    private static int phaseMarkerAt(String id) {
        int orphaned = id.lastIndexOf(ORPHANED_MARKER);
        if (orphaned >= 0) {
            return orphaned;
        }
        int progress = id.lastIndexOf(PROGRESS_MARKER);
        return progress >= 0 && phaseMarkerEnd(id, progress) > progress + PROGRESS_MARKER.length() ? progress : -1;
    }

    /** Where the phase marker starting at {@code at} ends: after {@code @ORPHANED}, or after the depth's digits. */
    private static int phaseMarkerEnd(String id, int at) {
        if (id.startsWith(ORPHANED_MARKER, at)) {
            return at + ORPHANED_MARKER.length();
        }
        int end = at + PROGRESS_MARKER.length();
        while (end < id.length() && id.charAt(end) >= '0' && id.charAt(end) <= '9') {
            end++;
        }
        return end;
    }

    /** The notifier's Redis idempotency key for an alert id. */
    public static String notifiedKey(String alertId) {
        return "notified:" + alertId;
    }
}

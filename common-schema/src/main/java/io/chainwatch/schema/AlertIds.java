package io.chainwatch.schema;

/**
 * Deterministic alert identities, shared by the matcher (dedup) and the notifier (idempotency keys
 * {@code notified:{chain}:{tx}:{chat}:{kind}}).
 */
public final class AlertIds {

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

    /** The notifier's Redis idempotency key for an alert id. */
    public static String notifiedKey(String alertId) {
        return "notified:" + alertId;
    }
}

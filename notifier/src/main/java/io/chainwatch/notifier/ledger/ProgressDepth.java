package io.chainwatch.notifier.ledger;

/**
 * The stored form of {@link DeliveryLedger#progressKey(String)}: the confirmations a message shows after progress
 * edits, as a decimal number. Pure.
 */
final class ProgressDepth {

    private ProgressDepth() {
    }

    /** A stored depth back, or null when the value is missing or not a number. */
    static Integer decode(String stored) {
        try {
            return stored == null ? null : Integer.valueOf(stored.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

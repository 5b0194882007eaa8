package io.chainwatch.notifier.ledger;

/**
 * The Telegram message that announced an alert, as the {@link DeliveryLedger} remembers it: what a reorg follow-up
 * edits.
 *
 * @param chatId the chat the message went to
 * @param messageId its message id in that chat
 * @param alerts how many alerts the message announced: 1 for a single message, more for a digest (which is not
 *            edited for one of its alerts)
 */
public record MessageRef(long chatId, long messageId, int alerts) {

    /** {@code chatId messageId alerts}, the stored form. */
    String encode() {
        return chatId + " " + messageId + " " + alerts;
    }

    /** The stored form back, or null when it is not one (an older or torn value). */
    static MessageRef decode(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.strip().split(" ");
        if (parts.length != 3) {
            return null;
        }
        try {
            return new MessageRef(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

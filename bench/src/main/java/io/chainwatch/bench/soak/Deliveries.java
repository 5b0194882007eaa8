package io.chainwatch.bench.soak;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expected notifications against what the Bot API double received. A notification is a (chat, transaction) pair: a
 * transaction that touched an address the chat watches. A message (a single alert or a digest) delivers every
 * transaction hash its text names; edits deliver nothing new. Pure.
 */
public final class Deliveries {

    private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    /** A notification: chat and transaction hash (lower case). */
    public record Key(long chatId, String txHash) {
    }

    /** A message as the double recorded it. */
    public record Message(long chatId, String text, Instant at, boolean edit) {
    }

    /**
     * The reconciliation.
     *
     * @param deliveredAt when each expected notification was first delivered
     * @param lost expected, never delivered
     * @param duplicated delivered more than once (extra deliveries, counted per notification)
     * @param unexpected delivered to a chat for a transaction it was not expected for
     */
    public record Result(Map<Key, Instant> deliveredAt, Set<Key> lost, long duplicated, long unexpected,
            long messages, long edits) {
    }

    private Deliveries() {
    }

    public static Result reconcile(Set<Key> expected, Collection<Message> messages) {
        Map<Key, Instant> first = new HashMap<>();
        Map<Key, Integer> times = new HashMap<>();
        long unexpected = 0;
        long sent = 0;
        long edits = 0;
        for (Message m : messages) {
            if (m.edit()) {
                edits++;
                continue;
            }
            sent++;
            Matcher matcher = TX_HASH.matcher(m.text());
            Set<String> named = new HashSet<>();
            while (matcher.find()) {
                named.add(matcher.group().toLowerCase(Locale.ROOT));
            }
            for (String hash : named) {
                Key key = new Key(m.chatId(), hash);
                if (!expected.contains(key)) {
                    unexpected++;
                    continue;
                }
                first.merge(key, m.at(), (a, b) -> a.isBefore(b) ? a : b);
                times.merge(key, 1, Integer::sum);
            }
        }
        Set<Key> lost = new HashSet<>(expected);
        lost.removeAll(first.keySet());
        long duplicated = times.values().stream().mapToLong(n -> n - 1).sum();
        return new Result(first, lost, duplicated, unexpected, sent, edits);
    }

    /** How many of {@code expected} are delivered among {@code messages} so far (for the drain at the end). */
    public static long deliveredCount(Set<Key> expected, List<Message> messages) {
        return reconcile(expected, messages).deliveredAt().size();
    }
}

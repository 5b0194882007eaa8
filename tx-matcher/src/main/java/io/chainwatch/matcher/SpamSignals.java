package io.chainwatch.matcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Address-poisoning signals that need a watched address's history. Pure: the history is passed in and returned.
 * <p>
 * A poisoner sends dust, or a zero-value token transfer, from an address whose first and last hex characters copy
 * a counterparty the victim used recently, hoping the victim copies it from their history. The matcher flags a
 * counterparty that shares the first 4 and last 4 hex characters with a recent counterparty of the same watched
 * address but differs in between.
 */
final class SpamSignals {

    /** Flag set on an alert whose counterparty looks like, but is not, a recent counterparty. */
    static final String LOOKALIKE_COUNTERPARTY = "LOOKALIKE_COUNTERPARTY";

    private static final int EDGE = 4;

    private SpamSignals() {
    }

    /** Whether {@code counterparty} imitates one of {@code recent}. */
    static boolean isLookalike(String counterparty, List<String> recent) {
        if (!isAddress(counterparty)) {
            return false;
        }
        for (String known : recent) {
            if (isAddress(known) && !known.equals(counterparty) && head(known).equals(head(counterparty)) && tail(
                    known).equals(tail(counterparty))) {
                return true;
            }
        }
        return false;
    }

    /** {@code recent} with {@code counterparty} moved to the front, at most {@code limit} long. */
    static List<String> remember(List<String> recent, String counterparty, int limit) {
        List<String> updated = new ArrayList<>(limit);
        updated.add(counterparty);
        for (String known : recent) {
            if (updated.size() >= limit) {
                break;
            }
            if (!known.equals(counterparty)) {
                updated.add(known);
            }
        }
        return updated;
    }

    static List<String> decode(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split(","));
    }

    static String encode(List<String> recent) {
        return String.join(",", recent);
    }

    private static boolean isAddress(String s) {
        return s != null && s.length() == 42 && s.startsWith("0x");
    }

    private static String head(String address) {
        return address.substring(2, 2 + EDGE);
    }

    private static String tail(String address) {
        return address.substring(address.length() - EDGE);
    }
}

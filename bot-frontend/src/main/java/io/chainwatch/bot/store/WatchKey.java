package io.chainwatch.bot.store;

import java.util.Optional;

import io.chainwatch.schema.Topics;
import io.chainwatch.schema.WatchTarget;

/**
 * What is watched, independent of who watches it: the subscription key of {@code chainwatch.subscriptions}.
 *
 * @param chain canonical chain name
 * @param target address or transaction
 * @param value lower-case address or transaction hash
 */
public record WatchKey(String chain, WatchTarget target, String value) {

    String key() {
        return target == WatchTarget.TX ? Topics.txKey(chain, value) : Topics.addressKey(chain, value);
    }

    /** The inverse of {@link #key()}: {@code chain:0x..} or {@code chain:tx:0x..}. */
    static Optional<WatchKey> parse(String key) {
        String[] parts = key.split(":", -1);
        if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return Optional.of(new WatchKey(parts[0], WatchTarget.ADDRESS, parts[1]));
        }
        if (parts.length == 3 && parts[1].equals("tx") && !parts[0].isEmpty() && !parts[2].isEmpty()) {
            return Optional.of(new WatchKey(parts[0], WatchTarget.TX, parts[2]));
        }
        return Optional.empty();
    }
}

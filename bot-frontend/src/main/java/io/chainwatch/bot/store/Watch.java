package io.chainwatch.bot.store;

import io.chainwatch.schema.WatchTarget;

/**
 * One chat's watch of an address or a transaction, as stored.
 *
 * @param id the watch id (carried in alerts as {@code watchId})
 * @param chatId the chat that owns it
 * @param key what is watched
 * @param label the chat's name for it, or null
 * @param confirmations depth before notifying, or null for the chain's default
 * @param filtersJson the watch's filters as JSON, or null for everything
 */
public record Watch(long id, long chatId, WatchKey key, String label, Integer confirmations, String filtersJson) {

    public String chain() {
        return key.chain();
    }

    public String value() {
        return key.value();
    }

    public boolean isTx() {
        return key.target() == WatchTarget.TX;
    }
}

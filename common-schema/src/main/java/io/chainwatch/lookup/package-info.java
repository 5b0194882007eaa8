/**
 * {@link AsyncDirectory}: a bounded cache of lookups run in the background (token metadata, prices, ENS names), which
 * a message or a reply waits for only briefly; shared by the notifier and the bot. Depends on nothing else here.
 */
package io.chainwatch.lookup;

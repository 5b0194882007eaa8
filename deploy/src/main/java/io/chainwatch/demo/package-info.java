/**
 * {@code ./chainwatch demo}: the whole bot on a laptop with no token and no internet — anvil as the chain, the Bot API
 * double as Telegram, and a local chat page that stands in for the Telegram app.
 */
package io.chainwatch.demo;

/**
 * What the bot knows of the chains themselves, asked of their nodes and of the ingestor's cursors: gas fees, how far
 * each chain is processed, addresses and amounts as written on a chain, and how these facts read in a reply. Kept
 * apart from the commands so that {@code /gas}, {@code /status} and {@code /track} share one number and fee format.
 */
package io.chainwatch.bot.chain;

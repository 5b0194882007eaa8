/**
 * {@code /track}: a transaction's whole life told in one message. {@link io.chainwatch.bot.track.TxLookup} asks the
 * chain's nodes how a transaction stands (mined — succeeded or failed with its revert reason, block, confirmations,
 * finality, fee — pending, or unknown); {@link io.chainwatch.bot.track.Tracking} does so while the chat waits for the
 * answer; {@link io.chainwatch.bot.track.Tracker} then follows the transaction ({@code tracked_txs}, through
 * {@link io.chainwatch.bot.track.TrackedStore}) and edits the answer as {@link io.chainwatch.bot.track.TrackPolicy} —
 * a pure function — moves it on: mined, final, sped up, cancelled, replaced, left the pool, dropped, not found, moved
 * by a reorg. Plain Java that knows no other part of the bot: the nodes, the texts and Telegram come in as interfaces.
 */
package io.chainwatch.bot.track;

/**
 * What {@code /track} says about a transaction the moment it is asked: looked up on the chain's own nodes — mined
 * (succeeded or failed, with the revert reason where the node gives one; block, confirmations, finality, the fee
 * paid), pending in the node's pool (sender, nonce, fee offered) or not seen at all. Plain Java: the lookup asks a
 * {@link io.chainwatch.bot.track.ChainRpc}; {@code io.chainwatch.bot.chain.TrackTexts} says what it found with the
 * same number and fee formatting as {@code /gas}.
 */
package io.chainwatch.bot.track;

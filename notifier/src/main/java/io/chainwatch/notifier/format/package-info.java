/**
 * The message texts: {@link AlertFormatter} turns alerts into Telegram HTML (single messages, digests, and the edits
 * for a reorg or a new confirmation count) within Telegram's 4,096 characters, escaping every string that comes from an
 * alert ({@code Html}). Token amounts are shown in human units when the {@link AlertFormatter.TokenLookup} it is given
 * knows the token's {@link TokenMetadata}. Both types are defined here, by the side that uses them, so the texts do not
 * depend on how tokens are looked up ({@link io.chainwatch.notifier.erc20} does it). A transaction alert (issue #16)
 * is one message: {@code TransactionPatterns} recognises what the transaction was (failed, swap, approvals, a list of
 * movements) from its movements and approvals alone, {@code TransactionFormat} tells it with the lines of
 * {@code TransactionLines} and {@code ApprovalLines}.
 * <p>
 * Depends on nothing else in the notifier.
 */
package io.chainwatch.notifier.format;

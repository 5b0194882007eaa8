/**
 * ERC-20 token metadata for the message texts: {@link TokenDirectory} implements the formatter's {@link
 * io.chainwatch.notifier.format.AlertFormatter.TokenLookup} with a bounded cache of symbols and decimals, which
 * delivery fills before formatting ({@link TokenDirectory#prefetch}) and {@link TokenRpc} reads with {@code eth_call}
 * ({@code symbol()}, {@code decimals()}, decoded by {@code TokenAbi}).
 * <p>
 * Depends on the format package only: the lookup it implements and the {@link
 * io.chainwatch.notifier.format.TokenMetadata} it returns.
 */
package io.chainwatch.notifier.erc20;

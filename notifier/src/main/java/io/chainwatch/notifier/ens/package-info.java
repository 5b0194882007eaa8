/**
 * ENS names for the message texts: {@link EnsDirectory} implements the formatter's {@link
 * io.chainwatch.notifier.format.AlertFormatter.NameLookup} with a bounded cache of verified primary names, kept for a
 * TTL, which delivery fills before formatting ({@link EnsDirectory#prefetch}); names are read with common-schema's
 * {@link io.chainwatch.ens.EnsResolver} over {@code eth_call} on the chain's own nodes
 * ({@link io.chainwatch.notifier.lookup.NodeCalls}), only on chains with an ENS registry.
 * <p>
 * Depends on the format package (the lookup it implements) and the lookup package only.
 */
package io.chainwatch.notifier.ens;

/**
 * What the message texts look up on a chain's own nodes, shared by the parts that do it (token metadata, prices, ENS
 * names): {@link NodeCalls}, {@code eth_call} on a chain's http(s) endpoints within one deadline; the cache they fill
 * is common-schema's {@code io.chainwatch.lookup.AsyncDirectory}.
 * <p>
 * Depends on nothing else in the notifier.
 */
package io.chainwatch.notifier.lookup;

/**
 * What the message texts look up on a chain's own nodes, shared by the parts that do it (token metadata, ENS names):
 * {@link AsyncDirectory}, a bounded cache of asynchronous lookups that delivery waits for only briefly, and
 * {@link NodeCalls}, {@code eth_call} on a chain's http(s) endpoints within one deadline.
 * <p>
 * Depends on nothing else in the notifier.
 */
package io.chainwatch.notifier.lookup;

/**
 * The tx-matcher: a Kafka Streams topology that matches {@code chainwatch.blocks} against the subscriptions in
 * {@code chainwatch.subscriptions} and writes {@code chainwatch.alerts}. {@link io.chainwatch.matcher.MatcherTopology}
 * is the pure topology, {@link io.chainwatch.matcher.MatcherSettings} its validated configuration and
 * {@link io.chainwatch.matcher.MatcherService} runs it; the rest is package-private logic tested without I/O.
 */
package io.chainwatch.matcher;

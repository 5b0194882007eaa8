/**
 * What only the tests use, shared by every module instead of being copied; a test-scoped dependency everywhere, so
 * none of it reaches the product's classpath or an image:
 * <ul>
 * <li>{@link io.chainwatch.testsupport.TestBroker}: the one place an IT gets its broker, in-process (the devkit's
 * {@link io.chainwatch.devkit.EmbeddedKafkaBroker}) or, with {@code CHAINWATCH_TEST_KAFKA=testcontainers}, in a
 * container from Testcontainers' Kafka module (an optional dependency: only the ITs that choose it load it);</li>
 * <li>{@link io.chainwatch.testsupport.KafkaCluster}: a real KRaft cluster of N nodes, each its own JVM
 * ({@link io.chainwatch.testsupport.KafkaClusterNode}, run by {@link io.chainwatch.testsupport.JvmProcess}), whose
 * nodes a test can SIGKILL, wipe and restart;</li>
 * <li>{@link io.chainwatch.testsupport.GanacheNode} and {@link io.chainwatch.testsupport.HardhatNode}: the other
 * devnet implementations, beside the devkit's anvil, for the node compatibility tests;</li>
 * <li>{@link io.chainwatch.testsupport.TcpProxy}: a TCP proxy in front of a real service (Postgres, a websocket,
 * Redis) that a test switches mid-stream between passing through and an outage: refused, dropped, black-holed or
 * stalled.</li>
 * </ul>
 * The real parts the product runs too (the broker, the Bot API double, anvil) are in {@code io.chainwatch.devkit}.
 */
package io.chainwatch.testsupport;

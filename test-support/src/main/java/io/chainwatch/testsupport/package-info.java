/**
 * Real parts for tests and the local devkit, shared by every module instead of being copied:
 * <ul>
 * <li>{@link io.chainwatch.testsupport.EmbeddedKafkaBroker}: a real single-node Kafka 4.1 broker (KRaft, broker and
 * controller in one process) started in-process, restartable on the same log directory;</li>
 * <li>{@link io.chainwatch.testsupport.TestBroker}: the one place an IT gets its broker, in-process or, with
 * {@code CHAINWATCH_TEST_KAFKA=testcontainers}, in a container from Testcontainers' Kafka module (an optional
 * dependency: nothing the product runs loads it);</li>
 * <li>{@link io.chainwatch.testsupport.KafkaCluster}: a real KRaft cluster of N nodes, each its own JVM
 * ({@link io.chainwatch.testsupport.KafkaClusterNode}), whose nodes a test can SIGKILL, wipe and restart;</li>
 * <li>{@link io.chainwatch.testsupport.BotApiDouble}: a strict local stand-in for the Telegram Bot API that answers
 * like Telegram and enforces its limits (429 with {@code retry_after}, 400 for bad HTML, 403 when blocked), with
 * {@link io.chainwatch.testsupport.BotApiDoubleMain} to run it on its own;</li>
 * <li>{@link io.chainwatch.testsupport.DevnetNode}: real Ethereum devnet nodes from npm with a few JSON-RPC helpers
 * (send ether, send a contract call, mine): {@link io.chainwatch.testsupport.AnvilNode} (which also reorgs),
 * {@link io.chainwatch.testsupport.GanacheNode} and {@link io.chainwatch.testsupport.HardhatNode};</li>
 * <li>{@link io.chainwatch.testsupport.TcpProxy}: a TCP proxy in front of a real service (Postgres, a websocket,
 * Redis) that a test switches mid-stream between passing through and an outage: refused, dropped, black-holed or
 * stalled.</li>
 * </ul>
 * They live in main sources because the standalone launcher and the demo use them at runtime too.
 */
package io.chainwatch.testsupport;

/**
 * Real local parts that stand in for production infrastructure, used by the standalone mode ({@code ./chainwatch up}),
 * the demo ({@code ./chainwatch demo}), the benchmarks and the tests alike:
 * <ul>
 * <li>{@link io.chainwatch.devkit.EmbeddedKafkaBroker}: a real single-node Kafka 4.1 broker (KRaft, broker and
 * controller in one process) started in-process, restartable on the same log directory: the standalone mode's
 * broker;</li>
 * <li>{@link io.chainwatch.devkit.BotApiDouble}: a strict local stand-in for the Telegram Bot API that answers like
 * Telegram and enforces its limits (429 with {@code retry_after}, 400 for bad HTML, 403 when blocked), with
 * {@link io.chainwatch.devkit.BotApiDoubleMain} to run it on its own: the demo's Telegram;</li>
 * <li>{@link io.chainwatch.devkit.DevnetNode}: a real Ethereum devnet node from npm with a few JSON-RPC helpers (send
 * ether, send a contract call, mine); {@link io.chainwatch.devkit.AnvilNode} (which also reorgs) is the demo's
 * chain; {@link io.chainwatch.devkit.contracts} deploys test contracts on it (a price feed, ENS, tokens, a swap
 * pool).</li>
 * <li>{@link io.chainwatch.devkit.replay}: a replay node that serves a generated chain from memory, as fast as a client
 * reads, for the ingestor's own ceiling ({@code bench/run ingest-ceiling}).</li>
 * </ul>
 * What only tests use (the broker choice, Testcontainers, the multi-node cluster, ganache, hardhat, the TCP proxy) is
 * in the test-scoped {@code io.chainwatch.testsupport}; no service image carries either module.
 */
package io.chainwatch.devkit;

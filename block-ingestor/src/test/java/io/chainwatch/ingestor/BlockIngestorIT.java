package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.testsupport.JvmProcess;
import io.chainwatch.testsupport.TcpProxy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The ingestor against a real broker and a real node (anvil): no gap, no duplicate, reorgs, failover, fencing. */
class BlockIngestorIT extends IngestorOnAnvil {

    /** Waits until the ingestor's websockets have had {@code count} subscriptions accepted in all. */
    private void awaitHeadSubscriptions(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.find("chainwatch_ingest_head_subscriptions")
                .counters().stream().mapToDouble(c -> c.count()).sum() >= count);
    }

    private void sendTransactions(int count) {
        List<String> accounts = anvil.accounts();
        for (int i = 0; i < count; i++) {
            anvil.sendEth(accounts.get(0), accounts.get(1 + i % 5), BigInteger.valueOf(1_000 + i));
        }
    }

    /** Waits until the replayed topic equals anvil's canonical chain from block 0 to its head. */
    private void awaitTopicMatchesCanonicalChain(BlockLog log) {
        awaitTopicMatchesCanonicalChainFrom(log, 0);
    }

    /** Waits until the replayed topic equals anvil's canonical chain from block {@code first} to its head. */
    private void awaitTopicMatchesCanonicalChainFrom(BlockLog log, long first) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<BlockEvent> events = log.events();
            List<String> replayed = BlockLog.replay(events);
            long head = anvil.blockNumber();
            assertThat(BlockLog.firstNumber(events)).isEqualTo(first);
            assertThat(replayed).hasSize((int) (head - first + 1));
            for (long n = first; n <= head; n++) {
                assertThat(replayed.get((int) (n - first))).as("hash of block %d", n).isEqualTo(anvil.blockHash(n)
                        .orElseThrow());
            }
        });
    }

    @Test
    void shouldPublishEveryBlockOnceWithItsTransactions() {
        sendTransactions(5);
        try (IngestorService service = ingestor(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            awaitTopicMatchesCanonicalChain(log);
            sendTransactions(3);
            awaitTopicMatchesCanonicalChain(log);
            List<BlockEvent> applied = log.events().stream().filter(e -> e.getType() == BlockEventType.APPLIED)
                    .toList();
            assertThat(applied.stream().mapToInt(e -> e.getTransactions().size()).sum()).isEqualTo(8);
            assertThat(applied.get(1).getTransactions().get(0).getFrom()).isEqualTo(anvil.accounts().get(0)
                    .toLowerCase());
            assertThat(service.isHealthy()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void shouldRevertOrphanedBlocksNewestFirstAndApplyTheNewBranch(int depth) {
        sendTransactions(8);
        try (IngestorService service = ingestor(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            awaitTopicMatchesCanonicalChain(log);
            anvil.reorg(depth);
            sendTransactions(2);
            awaitTopicMatchesCanonicalChain(log);
            List<BlockEvent> reverted = log.events().stream().filter(e -> e.getType() == BlockEventType.REVERTED)
                    .toList();
            assertThat(reverted).hasSize(depth);
            assertThat(reverted).extracting(BlockEvent::getNumber).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        }
    }

    @Test
    void shouldResyncAReorgDeeperThanTheWindowFromThePublishedHistory() {
        sendTransactions(10);
        try (IngestorService service = ingestor(anvil.rpcUrl(), "100ms", Map.of("CHAINWATCH_INGEST_REORG_WINDOW",
                "4"));
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            awaitTopicMatchesCanonicalChain(log);
            long head = anvil.blockNumber();
            anvil.reorg(6); // two blocks deeper than the four remembered hashes
            sendTransactions(2);
            awaitTopicMatchesCanonicalChain(log);
            List<BlockEvent> reverted = log.events().stream().filter(e -> e.getType() == BlockEventType.REVERTED)
                    .toList();
            assertThat(reverted).extracting(BlockEvent::getNumber).containsExactly(head, head - 1, head - 2, head - 3,
                    head - 4, head - 5);
        }
    }

    /**
     * A reorg deeper than the window whose common ancestor lies below the first block this ingestor ever published (it
     * started above it): every published block is reverted, newest first, and the node's chain is followed again from
     * that first height — nothing below it is invented, nothing orphaned above it stays applied.
     */
    @Test
    void shouldResyncADeepReorgWhoseCommonAncestorIsBelowTheFirstPublishedBlock() {
        sendTransactions(10);
        long head = anvil.blockNumber();
        long firstPublished = head - 4;
        try (IngestorService service = ingestor(anvil.rpcUrl(), "100ms", Map.of("CHAINWATCH_INGEST_REORG_WINDOW", "4",
                "CHAINWATCH_INGEST_START_BLOCK", Long.toString(firstPublished)));
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            awaitTopicMatchesCanonicalChainFrom(log, firstPublished);
            anvil.reorg((int) (head - firstPublished) + 3); // the common ancestor is 3 blocks below the first published
            sendTransactions(2);
            awaitTopicMatchesCanonicalChainFrom(log, firstPublished);
            List<BlockEvent> reverted = log.events().stream().filter(e -> e.getType() == BlockEventType.REVERTED)
                    .toList();
            assertThat(reverted).extracting(BlockEvent::getNumber).containsExactly(head, head - 1, head - 2, head - 3,
                    firstPublished);
            assertThat(service.isHealthy()).isTrue();
        }
    }

    @Test
    void shouldPublishNothingAndSaySoWhenAReorgIsDeeperThanTheResyncLimit() {
        sendTransactions(10);
        try (IngestorService service = ingestor(anvil.rpcUrl(), "100ms", Map.of("CHAINWATCH_INGEST_REORG_WINDOW",
                "4", "CHAINWATCH_INGEST_MAX_RESYNC_DEPTH", "2"));
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            awaitTopicMatchesCanonicalChain(log);
            int published = log.events().size();
            anvil.reorg(8); // the ancestor is 8 blocks down: more than 4 remembered + 2 resynced
            sendTransactions(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.details().get("devnet").contains(
                    "MAX_RESYNC_DEPTH"));
            assertThat(log.events()).as("no partial revert escaped the aborted transaction").hasSize(published);
            assertThat(service.isHealthy()).isTrue();
        }
    }

    @Test
    void shouldContinueAfterRestartWithNoGapAndNoDuplicate() {
        sendTransactions(3);
        try (BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            try (IngestorService first = ingestor(anvil.rpcUrl())) {
                awaitTopicMatchesCanonicalChain(log);
            }
            sendTransactions(4); // mined while the ingestor is down
            try (IngestorService second = ingestor(anvil.rpcUrl())) {
                awaitTopicMatchesCanonicalChain(log);
            }
        }
    }

    /**
     * Issue #3, item 7: after downtime the follower catches up through many batches, fetching ahead of what it
     * publishes; a reorg mid-way orphans published blocks and blocks fetched ahead: those are discarded, never
     * published out of place.
     */
    @Test
    void shouldCatchUpAcrossBatchesAndDiscardWhatWasFetchedAheadWhenTheChainReorgsMidWay() throws Exception {
        Map<String, String> smallBatches = Map.of("CHAINWATCH_INGEST_BATCH_BLOCKS", "3",
                "CHAINWATCH_INGEST_PARALLELISM", "2");
        sendTransactions(2);
        try (SwitchableRpcProxy node = new SwitchableRpcProxy(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            try (IngestorService first = ingestor(node.url(), "100ms", smallBatches)) {
                awaitTopicMatchesCanonicalChain(log);
            }
            long cursor = anvil.blockNumber();
            sendTransactions(30); // mined while the ingestor is down: ten batches behind
            node.switchTo(SwitchableRpcProxy.Mode.SLOW); // so the reorg below lands while it is still catching up
            try (IngestorService second = ingestor(node.url(), "100ms", smallBatches)) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(
                        () -> publishedCursor(second) >= cursor + 6);
                long headBefore = anvil.blockNumber();
                Map<Long, java.util.Optional<String>> hashesBefore = new HashMap<>();
                for (long n = cursor; n <= cursor + 8; n++) {
                    hashesBefore.put(n, anvil.blockHash(n));
                }
                anvil.reorg(27); // the new branch forks a few blocks above the cursor: published, fetched-ahead, unread
                // where it really forked, read from the node rather than assumed from the heights
                long ancestor = cursor;
                while (ancestor + 1 <= cursor + 8 && hashesBefore.get(ancestor + 1).equals(anvil.blockHash(ancestor
                        + 1))) {
                    ancestor++;
                }
                assertThat(ancestor).as("fork point (head was %d)", headBefore).isLessThan(cursor + 6);
                sendTransactions(2);
                awaitTopicMatchesCanonicalChain(log);
                long forkedAt = ancestor;
                List<Long> reverted = log.events().stream().filter(e -> e.getType() == BlockEventType.REVERTED).map(
                        BlockEvent::getNumber).toList();
                assertThat(reverted).as("the published blocks above the fork at %d, newest first, and no other",
                        forkedAt).contains(cursor + 6).allMatch(n -> n > forkedAt).isSortedAccordingTo((a, b) -> Long
                                .compare(b, a));
                assertThat(reverted).containsAll(java.util.stream.LongStream.rangeClosed(forkedAt + 1, cursor + 6)
                        .boxed().toList());
            }
        }
    }

    private static long publishedCursor(IngestorService service) {
        java.util.regex.Matcher cursor = java.util.regex.Pattern.compile("cursor (\\d+)").matcher(service.details()
                .get("devnet"));
        return cursor.find() ? Long.parseLong(cursor.group(1)) : -1;
    }

    @Test
    void shouldFenceTheFirstInstanceWhenASecondStartsForTheSameChain() {
        sendTransactions(2);
        try (BlockLog log = new BlockLog(kafka.bootstrapServers()); IngestorService first = ingestor(anvil.rpcUrl())) {
            awaitTopicMatchesCanonicalChain(log);
            try (IngestorService second = ingestor(anvil.rpcUrl())) {
                // once the second has read the cursor it has fenced the first; new blocks make the first notice
                await().atMost(Duration.ofSeconds(30)).until(() -> second.details().get("devnet").startsWith(
                        "following"));
                sendTransactions(3);
                await().atMost(Duration.ofSeconds(30)).until(() -> !first.isHealthy());
                awaitTopicMatchesCanonicalChain(log);
                assertThat(second.isHealthy()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SwitchableRpcProxy.Mode.class, names = {"REFUSE", "HANG", "HTTP_429", "JSON_RPC_ERROR",
            "TRUNCATED"})
    void shouldFailOverToTheNextEndpointWithNoGapAndNoDuplicate(SwitchableRpcProxy.Mode fault) throws Exception {
        sendTransactions(3);
        try (SwitchableRpcProxy primary = new SwitchableRpcProxy(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka
                        .bootstrapServers());
                IngestorService service = ingestor(primary.url() + "," + anvil.rpcUrl())) {
            awaitTopicMatchesCanonicalChain(log);
            primary.switchTo(fault);
            sendTransactions(4);
            awaitTopicMatchesCanonicalChain(log);
            primary.switchTo(SwitchableRpcProxy.Mode.PASS);
            sendTransactions(2);
            awaitTopicMatchesCanonicalChain(log);
            if (fault != SwitchableRpcProxy.Mode.REFUSE) {
                assertThat(primary.faultsAnswered()).isPositive();
            }
        }
    }

    @Test
    void shouldBackfillARangeMarkedAsBackfillWithoutTouchingTheLiveCursor() {
        sendTransactions(6);
        Map<String, String> env = new HashMap<>();
        env.put("CHAINWATCH_CHAINS", "devnet");
        env.put("CHAINWATCH_RPC_DEVNET", anvil.rpcUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        List<Long> progress = new java.util.ArrayList<>();
        Backfill.Result result = Backfill.run(IngestorSettings.from(RuntimeEnv.of(env)), "devnet", 2, 5,
                new SimpleMeterRegistry(), (done, total, rate, txs) -> progress.add(done));
        assertThat(result.blocks()).isEqualTo(4);
        assertThat(result.transactions()).isEqualTo(4);
        assertThat(progress).last().isEqualTo(4L);
        try (BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(log.events()).hasSize(4));
            assertThat(log.events()).allMatch(BlockEvent::getBackfill).extracting(BlockEvent::getNumber)
                    .containsExactly(2L, 3L, 4L, 5L);
            assertThat(log.events()).extracting(BlockEvent::getHash).containsExactly(anvil.blockHash(2).orElseThrow(),
                    anvil.blockHash(3).orElseThrow(), anvil.blockHash(4).orElseThrow(),
                    anvil.blockHash(5).orElseThrow());
        }
        assertThat(CursorStore.lastCursor(new io.chainwatch.kafka.KafkaSettings(kafka.bootstrapServers()), "devnet"))
                .isEmpty();
    }

    @Test
    void shouldFollowNewHeadsAnnouncedOverWebsocketWithoutWaitingForThePollInterval() {
        sendTransactions(1);
        String ws = anvil.rpcUrl().replace("http://", "ws://");
        try (IngestorService service = ingestor(anvil.rpcUrl() + "," + ws, "20s");
                BlockLog log = new BlockLog(kafka
                        .bootstrapServers())) {
            awaitTopicMatchesCanonicalChain(log);
            awaitHeadSubscriptions(1);
            for (int i = 0; i < 3; i++) {
                sendTransactions(1);
                long head = anvil.blockNumber();
                // far sooner than the 20 s poll interval: the websocket woke the follower
                await().atMost(Duration.ofSeconds(3)).until(() -> log.events().stream().anyMatch(e -> e
                        .getNumber() == head));
            }
        }
    }

    /** Mines one block and waits for it far sooner than the poll interval: only a new-heads wake-up is that fast. */
    private void awaitBlockAnnouncedOverWebsocket(BlockLog log) {
        sendTransactions(1);
        long head = anvil.blockNumber();
        await().atMost(WS_WAKE_UP).until(() -> log.events().stream().anyMatch(e -> e.getNumber() == head));
    }

    private static final String WS_POLL_INTERVAL = "4s";
    private static final Duration WS_WAKE_UP = Duration.ofMillis(1500);

    @Test
    void shouldKeepIngestingByPollingWhileTheWebsocketIsDroppedAndResubscribeWhenItIsBack() throws Exception {
        sendTransactions(1);
        try (TcpProxy ws = TcpProxy.start(anvil.rpcUrl());
                IngestorService service = ingestor(anvil.rpcUrl() + "," + ws.url("ws"), WS_POLL_INTERVAL);
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            awaitTopicMatchesCanonicalChain(log);
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.passedConnections() == 1);
            awaitHeadSubscriptions(1);
            awaitBlockAnnouncedOverWebsocket(log);

            ws.switchTo(TcpProxy.Mode.DROP); // the socket goes, and every reconnect is dropped at once
            sendTransactions(3);
            awaitTopicMatchesCanonicalChain(log); // by polling alone

            ws.switchTo(TcpProxy.Mode.PASS);
            await().atMost(Duration.ofSeconds(40)).until(() -> ws.passedConnections() == 2);
            awaitHeadSubscriptions(2);
            for (int i = 0; i < 3; i++) {
                awaitBlockAnnouncedOverWebsocket(log);
            }
            awaitTopicMatchesCanonicalChain(log);
        }
    }

    @Test
    void shouldDetectAWebsocketThatStopsDeliveringHeadsWithinTheStallTimeoutAndPollMeanwhile() throws Exception {
        sendTransactions(1);
        Duration stallTimeout = Duration.ofSeconds(3);
        try (TcpProxy ws = TcpProxy.start(anvil.rpcUrl());
                IngestorService service = ingestor(anvil.rpcUrl() + "," + ws.url("ws"), WS_POLL_INTERVAL, Map.of(
                        "CHAINWATCH_WS_STALL_TIMEOUT", "3s"));
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            awaitTopicMatchesCanonicalChain(log);
            await().atMost(Duration.ofSeconds(10)).until(() -> ws.passedConnections() == 1);
            awaitHeadSubscriptions(1);
            awaitBlockAnnouncedOverWebsocket(log);
            // a quiet chain is no stall: the socket stays. anvil never hangs up a websocket by itself, so a
            // connection that ends on its own (endedByPeers) was ended by the ingestor
            await().during(stallTimeout.multipliedBy(2)).atMost(stallTimeout.multipliedBy(3)).until(() -> ws
                    .endedByPeers() == 0);

            ws.switchTo(TcpProxy.Mode.STALL); // open, but nothing comes through any more
            sendTransactions(2);
            // polling sees the new head within one interval; the stall is called within the timeout after that
            await().atMost(Duration.ofSeconds(4 + 3 + 1 + 2)).until(() -> ws.endedByPeers() >= 1);
            awaitTopicMatchesCanonicalChain(log);

            ws.switchTo(TcpProxy.Mode.PASS);
            await().atMost(Duration.ofSeconds(40)).until(() -> ws.passedConnections() >= 2);
            awaitHeadSubscriptions(2);
            for (int i = 0; i < 3; i++) {
                awaitBlockAnnouncedOverWebsocket(log);
            }
            awaitTopicMatchesCanonicalChain(log);
        }
    }

    @Test
    void shouldNeitherSkipNorRepeatABlockWhenTheIngestorProcessIsKilledWithSigkill() {
        Map<String, String> env = Map.of("CHAINWATCH_CHAINS", "devnet", "CHAINWATCH_RPC_DEVNET", anvil.rpcUrl(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "CHAINWATCH_INGEST_START_BLOCK", "0",
                "CHAINWATCH_POLL_INTERVAL", "50ms", "MICRONAUT_SERVER_PORT", "-1");
        sendTransactions(3);
        try (BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            for (int round = 1; round <= 3; round++) {
                JvmProcess ingestor = JvmProcess.start("ingestor-" + round,
                        io.chainwatch.ingestor.app.IngestorApplication.class, env);
                try {
                    awaitTopicMatchesCanonicalChain(log);
                    sendTransactions(4); // mined while the process publishes, then killed mid-stream
                    ingestor.kill9();
                } finally {
                    ingestor.close();
                }
                sendTransactions(2); // mined while nothing runs
            }
            try (JvmProcess last = JvmProcess.start("ingestor-last",
                    io.chainwatch.ingestor.app.IngestorApplication.class,
                    env)) {
                awaitTopicMatchesCanonicalChain(log);
            }
        }
    }

    @Test
    void shouldRefuseAnEndpointServingAnotherChainAndReadEverythingFromTheNextOne() throws Exception {
        sendTransactions(2);
        try (SwitchableRpcProxy impostor = new SwitchableRpcProxy(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka
                        .bootstrapServers())) {
            impostor.switchTo(SwitchableRpcProxy.Mode.WRONG_CHAIN);
            try (IngestorService service = ingestor(impostor.url() + "," + anvil.rpcUrl())) {
                awaitTopicMatchesCanonicalChain(log);
                sendTransactions(3);
                awaitTopicMatchesCanonicalChain(log);
            }
            assertThat(impostor.faultsAnswered()).as("eth_chainId asked").isPositive();
            assertThat(impostor.blockReads()).as("blocks read from the wrong chain").isZero();
        }
    }

    @Test
    void shouldNotFollowTheHeadThroughALaggingEndpoint() throws Exception {
        anvil.mine(30);
        try (SwitchableRpcProxy laggard = new SwitchableRpcProxy(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka
                        .bootstrapServers())) {
            laggard.switchTo(SwitchableRpcProxy.Mode.LAGGING);
            try (IngestorService service = ingestor(laggard.url() + "," + anvil.rpcUrl())) {
                awaitTopicMatchesCanonicalChain(log);
                laggard.resetCounts();
                sendTransactions(3);
                awaitTopicMatchesCanonicalChain(log);
            }
            // 20 blocks behind the best head (more than CHAINWATCH_RPC_MAX_LAG_BLOCKS=5): never asked for a block
            assertThat(laggard.blockReads()).isZero();
        }
    }

    private static final String RECIPIENT = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    /** A contract that forwards whatever it receives to {@link #RECIPIENT}: CALL(gas, recipient, callvalue, 0…). */
    private String deployForwarder() {
        String runtime = "6000600060006000347" + "3" + RECIPIENT.substring(2) + "5af100";
        String init = "0x6021600c60003960216000f3" + runtime;
        String deployTx = anvil.rpc("eth_sendTransaction", Map.of("from", anvil.accounts().get(0), "data", init))
                .asText();
        return await().atMost(Duration.ofSeconds(10)).until(() -> anvil.rpc("eth_getTransactionReceipt", deployTx),
                r -> !r.isNull()).get("contractAddress").asText();
    }

    private IngestorService tracingIngestor(String rpcUrls) {
        Map<String, String> env = new HashMap<>();
        env.put("CHAINWATCH_CHAINS", "devnet");
        env.put("CHAINWATCH_RPC_DEVNET", rpcUrls);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CHAINWATCH_INGEST_START_BLOCK", "0");
        env.put("CHAINWATCH_POLL_INTERVAL", "100ms");
        env.put("CHAINWATCH_INTERNAL_TRANSFERS_DEVNET", "true");
        return new IngestorService(IngestorSettings.from(RuntimeEnv.of(env)), new SimpleMeterRegistry(), Clock
                .systemUTC());
    }

    private static Optional<ChainTransaction> ingested(BlockLog log, String txHash) {
        return log.events().stream().flatMap(e -> e.getTransactions().stream()).filter(t -> t.getHash().equals(txHash
                .toLowerCase())).findFirst();
    }

    /**
     * Issue #20 review: the endpoint that serves the block cannot trace it (a pruned geth): its internal transfers come
     * from the next endpoint; with no other endpoint, the block is published without them instead of stalling.
     */
    @Test
    void shouldReadInternalTransfersFromAnotherEndpointWhenTheFirstCannotTraceTheBlockAndNeverStall()
            throws Exception {
        String forwarder = deployForwarder();
        String deployer = anvil.accounts().get(0);
        try (SwitchableRpcProxy pruned = new SwitchableRpcProxy(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            pruned.switchTo(SwitchableRpcProxy.Mode.PRUNED);
            try (IngestorService service = tracingIngestor(pruned.url() + "," + anvil.rpcUrl())) {
                service.start();
                String paid = anvil.sendEth(deployer, forwarder, BigInteger.valueOf(4096));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ingested(log, paid))
                        .hasValueSatisfying(tx -> assertThat(tx.getInternalTransfers()).singleElement().satisfies(
                                internal -> assertThat(internal.getTo()).isEqualTo(RECIPIENT))));
                assertThat(pruned.faultsAnswered()).as("the pruned endpoint was asked first").isPositive();
            }
            try (IngestorService service = tracingIngestor(pruned.url())) { // the only endpoint
                service.start();
                String paid = anvil.sendEth(deployer, forwarder, BigInteger.valueOf(4096));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ingested(log, paid))
                        .hasValueSatisfying(tx -> assertThat(tx.getInternalTransfers()).isEmpty()));
            }
        }
    }

    @Test
    void shouldReadInternalTransfersFromTheCallTracerWhereEnabled() {
        String forwarder = deployForwarder();
        String deployer = anvil.accounts().get(0);
        try (IngestorService service = tracingIngestor(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka
                        .bootstrapServers())) {
            service.start();
            String paid = anvil.sendEth(deployer, forwarder, BigInteger.valueOf(4096));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var found = log.events().stream().flatMap(e -> e.getTransactions().stream()).filter(t -> t.getHash()
                        .equals(paid.toLowerCase())).findFirst();
                assertThat(found).as("the paying transaction was ingested").isPresent();
                var tx = found.get();
                assertThat(tx.getInternalTransfers()).singleElement().satisfies(internal -> {
                    assertThat(internal.getFrom()).isEqualTo(forwarder.toLowerCase());
                    assertThat(internal.getTo()).isEqualTo(RECIPIENT);
                    assertThat(internal.getValue()).isEqualTo("4096");
                });
            });
        }
    }

    /** Issue #20: ganache's -32700 for eth_getBlockReceipts means "not offered here", learned from one call. */
    @Test
    void shouldFallBackToBatchedReceiptsOnANodeWithoutBlockReceiptsAfterOneRefusal() throws Exception {
        try (SwitchableRpcProxy oldNode = new SwitchableRpcProxy(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka
                        .bootstrapServers())) {
            oldNode.switchTo(SwitchableRpcProxy.Mode.NO_BLOCK_RECEIPTS);
            sendTransactions(4);
            try (IngestorService service = ingestor(oldNode.url())) { // the only endpoint
                awaitTopicMatchesCanonicalChain(log);
                assertThat(oldNode.faultsAnswered()).as("asked once, by the startup probe").isEqualTo(1);
                sendTransactions(3);
                awaitTopicMatchesCanonicalChain(log);
                assertThat(oldNode.faultsAnswered()).as("eth_getBlockReceipts not asked again").isEqualTo(1);
                assertThat(service.details()).hasEntrySatisfying("devnet " + oldNode.url(), endpoint -> assertThat(
                        endpoint).contains("chain id 31337",
                                "receipts: no, receipts are read with batched "
                                        + "eth_getTransactionReceipt (method not offered (JSON-RPC -32700: The method "
                                        + "eth_getBlockReceipts does not exist/is not available))",
                                "last error: none")
                        .doesNotContain("null"));
                assertThat(service.details().get("devnet")).startsWith("following");
            }
            assertThat(log.events().stream().flatMap(e -> e.getTransactions().stream())).hasSize(7).allMatch(
                    tx -> tx.getStatus() == io.chainwatch.schema.TxStatus.SUCCESS && tx.getGasUsed() > 0);
        }
    }

    @Test
    void shouldReadReceiptsInBatchesNoLargerThanTheEndpointTakes() throws Exception {
        try (SwitchableRpcProxy erigonLike = new SwitchableRpcProxy(anvil.rpcUrl());
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            erigonLike.switchTo(SwitchableRpcProxy.Mode.SMALL_BATCHES);
            anvil.setAutomine(false);
            sendTransactions(7);
            anvil.mine(1); // one block of 7 transactions: more than a batch of 2 can carry
            anvil.setAutomine(true);
            try (IngestorService service = ingestor(erigonLike.url())) {
                awaitTopicMatchesCanonicalChain(log);
                assertThat(log.events().stream().flatMap(e -> e.getTransactions().stream())).hasSize(7).allMatch(
                        tx -> tx.getStatus() == io.chainwatch.schema.TxStatus.SUCCESS && tx.getGasUsed() > 0);
                assertThat(erigonLike.largestBatchServed()).isEqualTo(SwitchableRpcProxy.BATCH_LIMIT);
                int refusals = erigonLike.faultsAnswered(); // eth_getBlockReceipts once, then batches of 7 and 3
                sendTransactions(3);
                awaitTopicMatchesCanonicalChain(log);
                assertThat(erigonLike.faultsAnswered()).as("the limit is remembered").isEqualTo(refusals);
                assertThat(service.details().get("devnet " + erigonLike.url())).contains("batches of up to 2");
            }
        }
    }
}

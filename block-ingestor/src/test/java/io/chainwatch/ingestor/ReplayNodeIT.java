package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.devkit.replay.LiveReplayChain;
import io.chainwatch.devkit.replay.ReplayChain;
import io.chainwatch.devkit.replay.ReplayNode;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.ChainTransaction;
import io.chainwatch.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The ingestor against the benchmarks' replay node ({@code bench/run ingest-ceiling}): the node's chain is one the
 * ingestor accepts, and what it publishes from it is the whole chain with every transaction, token transfer and
 * contract creation — so the benchmark measures real work; and against a live replay node (the soak's), followed over
 * its websocket's pushed heads, every block published once and in order.
 */
class ReplayNodeIT {

    private static final int BLOCKS = 30;
    private static final int TX_PER_BLOCK = 60;

    private TestBroker kafka;
    private ReplayNode node;

    @BeforeEach
    void start() {
        kafka = TestBroker.start();
        node = ReplayNode.start(ReplayChain.generate(31337, BLOCKS, TX_PER_BLOCK, 3), 2);
    }

    @AfterEach
    void stop() {
        node.close();
        kafka.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("CHAINWATCH_CHAINS", "devnet");
        env.put("CHAINWATCH_RPC_DEVNET", node.rpcUrl());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return env;
    }

    @Test
    void shouldFollowTheReplayedChainFromGenesisWithEveryTransaction() {
        Map<String, String> env = env();
        env.put("CHAINWATCH_INGEST_START_BLOCK", "0");
        env.put("CHAINWATCH_POLL_INTERVAL", "100ms");
        try (IngestorService ingestor = new IngestorService(IngestorSettings.from(RuntimeEnv.of(env)),
                new SimpleMeterRegistry(), Clock.systemUTC());
                BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            ingestor.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(BlockLog.replay(log.events()))
                    .hasSize(BLOCKS + 1));
            assertThat(BlockLog.replay(log.events())).containsExactlyElementsOf(LongStream.rangeClosed(0, BLOCKS)
                    .mapToObj(node.chain()::hash).toList());
            assertWholeBlocks(log.events().stream().filter(e -> e.getNumber() > 0).toList());
        }
    }

    @Test
    void shouldBackfillTheReplayedChainWithEveryTransaction() {
        Backfill.Result result = Backfill.run(IngestorSettings.from(RuntimeEnv.of(env())), "devnet", 1, BLOCKS,
                new SimpleMeterRegistry(), (done, total, rate, txs) -> {
                });
        assertThat(result.transactions()).isEqualTo((long) BLOCKS * TX_PER_BLOCK);
        try (BlockLog log = new BlockLog(kafka.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(log.events()).hasSize(BLOCKS));
            assertThat(log.events()).allMatch(BlockEvent::getBackfill);
            assertWholeBlocks(log.events());
        }
    }

    @Test
    void shouldFollowALiveReplayNodeOverItsWebsocketAndPublishEveryBlock() throws Exception {
        LiveReplayChain live = new LiveReplayChain(31337, 64, 11, Instant.now());
        try (ReplayNode liveNode = ReplayNode.start(live, 2)) {
            Map<String, String> env = env();
            env.put("CHAINWATCH_RPC_DEVNET", liveNode.wsUrl() + "," + liveNode.rpcUrl());
            env.put("CHAINWATCH_INGEST_START_BLOCK", "0");
            // a poll interval longer than the test: only the pushed heads can keep the ingestor at the head
            env.put("CHAINWATCH_POLL_INTERVAL", "120s");
            try (IngestorService ingestor = new IngestorService(IngestorSettings.from(RuntimeEnv.of(env)),
                    new SimpleMeterRegistry(), Clock.systemUTC());
                    BlockLog log = new BlockLog(kafka.bootstrapServers())) {
                ingestor.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> liveNode.headSubscriptions() == 1);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(log.events()).hasSize(1));
                String alice = "0x00000000000000000000000000000000000a11ce";
                int blocks = 40;
                for (int k = 1; k <= blocks; k++) {
                    live.append(List.of(LiveReplayChain.Tx.nativeTransfer(alice), LiveReplayChain.Tx.tokenTransfer(
                            alice), LiveReplayChain.Tx.nativeTransfer(alice)), Instant.now());
                    Thread.sleep(100);
                }
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(BlockLog.replay(log.events()))
                        .hasSize(blocks + 1));
                assertThat(BlockLog.replay(log.events())).containsExactlyElementsOf(LongStream.rangeClosed(0, blocks)
                        .mapToObj(n -> live.hash(n).orElseThrow()).toList());
                for (BlockEvent block : log.events()) {
                    List<ChainTransaction> txs = block.getTransactions();
                    assertThat(txs).extracting(ChainTransaction::getHash).containsExactlyElementsOf(live.txHashes(block
                            .getNumber()).orElseThrow());
                    if (block.getNumber() > 0) {
                        assertThat(txs.get(0).getTo()).isEqualTo(alice);
                        assertThat(txs.get(1).getTokenTransfers()).singleElement().satisfies(t -> assertThat(t.getTo())
                                .isEqualTo(alice));
                    }
                }
                assertThat(liveNode.headsPushed()).isGreaterThanOrEqualTo(blocks);
                assertThat(liveNode.refused()).doesNotContainKeys("eth_getBlockByNumber", "eth_getBlockReceipts",
                        "eth_subscribe newHeads");
            }
        }
    }

    /** Each block as generated: its transactions in order, every third an ERC-20 transfer, one in fifty a creation. */
    private void assertWholeBlocks(List<BlockEvent> events) {
        assertThat(events).hasSize(BLOCKS);
        for (BlockEvent block : events) {
            List<ChainTransaction> txs = block.getTransactions();
            assertThat(txs).extracting(ChainTransaction::getHash).containsExactlyElementsOf(node.chain().txHashes(block
                    .getNumber()));
            for (ChainTransaction tx : txs) {
                int i = tx.getIndex();
                boolean creation = i % 50 == 49;
                boolean token = !creation && i % 3 == 2;
                assertThat(tx.getTokenTransfers()).as("token transfers of tx %d", i).hasSize(token ? 1 : 0);
                assertThat(tx.getContractCreated() != null).as("creation at tx %d", i).isEqualTo(creation);
                assertThat(tx.getTo() == null).isEqualTo(creation);
                assertThat(tx.getStatus()).hasToString("SUCCESS");
                if (token) {
                    assertThat(tx.getTokenTransfers().get(0).getFrom()).isEqualTo(tx.getFrom());
                    assertThat(tx.getTokenTransfers().get(0).getToken()).isEqualTo(tx.getTo());
                }
            }
        }
    }
}

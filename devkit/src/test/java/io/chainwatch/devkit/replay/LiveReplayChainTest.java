package io.chainwatch.devkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.devkit.replay.LiveReplayChain.Tx;

class LiveReplayChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final String ALICE = "0x00000000000000000000000000000000000a11ce";

    @Test
    void shouldAppendBlocksThatNameTheirParentWithTheGivenTransactionsInOrder() throws Exception {
        LiveReplayChain chain = new LiveReplayChain(56, 16, 1, T0);
        assertThat(chain.head()).isZero();
        LiveReplayChain.Appended first = chain.append(List.of(Tx.nativeTransfer(ALICE), Tx.tokenTransfer(ALICE)), T0
                .plusMillis(450));
        LiveReplayChain.Appended second = chain.append(List.of(), T0.plusMillis(900));
        assertThat(first.number()).isEqualTo(1);
        assertThat(second.number()).isEqualTo(2);
        assertThat(chain.head()).isEqualTo(2);
        JsonNode block = JSON.readTree(chain.byNumber(1).orElseThrow().full());
        assertThat(block.path("parentHash").asText()).isEqualTo(chain.hash(0).orElseThrow());
        assertThat(JSON.readTree(chain.byNumber(2).orElseThrow().full()).path("parentHash").asText()).isEqualTo(first
                .hash());
        assertThat(block.path("timestamp").asText()).isEqualTo("0x" + Long.toHexString(T0.getEpochSecond()));
        JsonNode txs = block.path("transactions");
        assertThat(txs).hasSize(2);
        assertThat(txs.get(0).path("to").asText()).isEqualTo(ALICE);
        assertThat(txs.get(0).path("input").asText()).isEqualTo("0x");
        // the token transfer goes to the token, the recipient in its input and its receipt's Transfer log
        String token = chain.tokens().get(1).address();
        assertThat(txs.get(1).path("to").asText()).isEqualTo(token);
        assertThat(txs.get(1).path("input").asText()).startsWith("0xa9059cbb").contains(ALICE.substring(2));
        JsonNode receipts = JSON.readTree(chain.byNumber(1).orElseThrow().receipts());
        assertThat(receipts).hasSize(2);
        JsonNode log = receipts.get(1).path("logs").get(0);
        assertThat(log.path("address").asText()).isEqualTo(token);
        assertThat(log.path("topics").get(0).asText()).isEqualTo(ReplayChain.TRANSFER_TOPIC);
        assertThat(log.path("topics").get(2).asText()).endsWith(ALICE.substring(2));
        assertThat(receipts.get(0).path("logs")).isEmpty();
        // each receipt alone, as eth_getTransactionReceipt answers it
        for (int i = 0; i < 2; i++) {
            assertThat(JSON.readTree(chain.receipt(first.txHashes().get(i)).orElseThrow())).isEqualTo(receipts.get(
                    i));
        }
        assertThat(JSON.readTree(chain.byHash(first.hash()).orElseThrow().header()).path("transactions").get(1)
                .asText()).isEqualTo(first.txHashes().get(1));
    }

    @Test
    void shouldKeepOnlyTheLastWindowOfBlocksWithTheirReceipts() {
        LiveReplayChain chain = new LiveReplayChain(1, 8, 2, T0);
        List<LiveReplayChain.Appended> appended = new ArrayList<>();
        for (int k = 1; k <= 30; k++) {
            appended.add(chain.append(List.of(Tx.nativeTransfer(ALICE)), T0.plusSeconds(k * 12L)));
        }
        assertThat(chain.head()).isEqualTo(30);
        assertThat(chain.oldest()).isEqualTo(23);
        for (long n = 0; n <= 31; n++) {
            assertThat(chain.byNumber(n).isPresent()).as("block %d", n).isEqualTo(n >= 23 && n <= 30);
        }
        LiveReplayChain.Appended gone = appended.get(21); // block 22
        assertThat(chain.byHash(gone.hash())).isEmpty();
        assertThat(chain.receipt(gone.txHashes().get(0))).isEmpty();
        LiveReplayChain.Appended kept = appended.get(22); // block 23
        assertThat(chain.byHash(kept.hash())).isPresent();
        assertThat(chain.receipt(kept.txHashes().get(0))).isPresent();
        // timestamps follow the instants given, in seconds
        assertThat(appended.get(29).timestamp()).isEqualTo(T0.getEpochSecond() + 360);
    }

    @Test
    void shouldNeverLetATimestampGoBackNorAReaderSeeAHalfAppendedOrForeignBlock() throws Exception {
        LiveReplayChain chain = new LiveReplayChain(56, 64, 3, T0);
        chain.append(List.of(), T0.plusSeconds(5));
        assertThat(chain.append(List.of(), T0.plusSeconds(4)).timestamp()).isEqualTo(T0.getEpochSecond() + 5);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<Long>> checks = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            checks.add(readers.submit(() -> {
                long reads = 0;
                while (!done.get()) {
                    long head = chain.head();
                    for (long number = Math.max(0, head - 70); number <= head + 1; number++) {
                        long n = number;
                        var block = chain.byNumber(n);
                        if (block.isPresent()) {
                            assertThat(block.get().number()).isEqualTo(n);
                            assertThat(n).isLessThanOrEqualTo(chain.head());
                            var byHash = chain.byHash(block.get().hash());
                            byHash.ifPresent(b -> assertThat(b.number()).isEqualTo(n));
                            for (String tx : block.get().txHashes()) {
                                chain.receipt(tx).ifPresent(bytes -> assertThat(new String(bytes)).contains(tx)
                                        .startsWith("{").endsWith("}"));
                            }
                            reads++;
                        }
                    }
                }
                return reads;
            }));
        }
        for (int k = 0; k < 2_000; k++) {
            chain.append(List.of(Tx.nativeTransfer(ALICE), Tx.tokenTransfer(ALICE)), T0.plusSeconds(10 + k));
        }
        done.set(true);
        for (Future<Long> check : checks) {
            assertThat(check.get()).isPositive(); // rethrows a reader's failed assertion
        }
        readers.shutdown();
        assertThat(chain.head()).isEqualTo(2_002);
        assertThat(chain.byNumber(2_002 - 64)).isEmpty();
        assertThat(chain.byNumber(2_002 - 63)).isPresent();
    }
}

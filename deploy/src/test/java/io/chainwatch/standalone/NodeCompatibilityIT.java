package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.devkit.BotApiDouble;
import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.devkit.DevnetNode;
import io.chainwatch.schema.Topics;
import io.chainwatch.testsupport.GanacheNode;
import io.chainwatch.testsupport.HardhatNode;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * Issue #20: the end-to-end journey on other real nodes than anvil ({@link EndToEndIT} runs it there): ganache and the
 * hardhat node, which offer neither {@code eth_getBlockReceipts} nor the call tracer. With internal transfers asked
 * for, the whole standalone pipeline still delivers one message each for an incoming and an outgoing transfer of a
 * watched address, a token transfer to it and a tracked transaction, nothing about an unrelated one; {@code /health}
 * lists the node's chain id, head, what it lacks and its last error.
 */
class NodeCompatibilityIT {

    private static final long CHAT = StandalonePipeline.CHAT;
    /** keccak256("Transfer(address,address,uint256)"). */
    private static final String TRANSFER_TOPIC = "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    /**
     * A token in 58 bytes: any call emits {@code Transfer(caller, arg0, arg1)} and returns true, so
     * {@code transfer(to, amount)} moves tokens as far as the chain's logs tell.
     */
    private static final String TOKEN_RUNTIME = "602435600052600435337f" + TRANSFER_TOPIC
            + "60206000a3600160005260206000f3";
    private static final String TOKEN_INIT = "0x603a600c60003960" + "3a6000f3" + TOKEN_RUNTIME;

    static Stream<Arguments> nodes() {
        return Stream.of(Arguments.of("ganache", (Supplier<DevnetNode>) GanacheNode::start), Arguments.of("hardhat",
                (Supplier<DevnetNode>) HardhatNode::start));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void shouldDeliverOneMessagePerTransactionOfTheJourneyAndSayWhatTheNodeLacks(String name,
            Supplier<DevnetNode> launcher) throws Exception {
        long started = System.nanoTime();
        try (DevnetNode node = launcher.get(); Pipeline pipeline = new Pipeline(node)) {
            List<String> accounts = node.accounts();
            String watched = accounts.get(3);
            String token = deployToken(node, accounts.get(9));
            pipeline.say("/start");
            pipeline.say("/watch devnet " + watched + " cold wallet");

            node.setAutomine(false); // tracked before it is mined, as a user tracks a transaction just sent
            String tracked = node.sendEth(accounts.get(4), accounts.get(5), BigInteger.valueOf(7));
            pipeline.say("/track devnet " + tracked + " rent");
            pipeline.awaitTheMatcherSees(Topics.addressKey("devnet", watched));
            SentMessage answer = pipeline.answerAbout(tracked);
            assertThat(answer.text()).startsWith("⏳ <b>Pending</b> on <b>Devnet</b>");
            pipeline.notificationsFromNowOn();
            node.mine(1);
            node.setAutomine(true);

            String in = node.sendEth(accounts.get(0), watched, new BigInteger("1500000000000000000"));
            String out = node.sendEth(watched, accounts.get(2), new BigInteger("250000000000000000"));
            String tokenIn = node.sendData(accounts.get(1), Optional.of(token), "0xa9059cbb" + word(watched
                    .substring(2)) + word(Long.toHexString(5_000_000)));
            String unrelated = node.sendEth(accounts.get(6), accounts.get(7), BigInteger.ONE);

            List<String> expected = List.of(in, out, tokenIn);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> expected.forEach(tx -> assertThat(pipeline
                    .notificationsAbout(tx)).as("messages about %s", tx).hasSize(1)));
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                expected.forEach(tx -> assertThat(pipeline.notificationsAbout(tx)).as("later about %s", tx).hasSize(
                        1));
                assertThat(pipeline.notificationsAbout(unrelated)).isEmpty();
                assertThat(pipeline.notificationsAbout(tracked)).as("told in the answer, not in a message of its own")
                        .isEmpty();
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> pipeline.current(answer).startsWith(
                    "✅ <b>Succeeded</b> on <b>Devnet</b>"));

            long head = node.blockNumber();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pipeline.healthOf("devnet " + node
                    .rpcUrl())).contains("chain id 31337", "head " + head, "receipts: no, receipts are read with "
                            + "batched eth_getTransactionReceipt",
                            "traces: no, internal transfers are not read "
                                    + "from this endpoint",
                            "last error: none")
                    .doesNotContain("null"));
            assertThat(pipeline.healthOf("devnet " + webSocketUrl(node))).isEqualTo("newHeads: yes, last error: none");
            assertThat(pipeline.healthOf("devnet")).startsWith("following");
        } finally {
            System.out.printf("%s journey took %d ms%n", name, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String deployToken(DevnetNode node, String deployer) {
        String deployment = node.sendData(deployer, Optional.empty(), TOKEN_INIT);
        JsonNode receipt = await().atMost(Duration.ofSeconds(10))
                .until(() -> node.receipt(deployment), Optional::isPresent)
                .orElseThrow();
        return receipt.get("contractAddress").asText();
    }

    private static String webSocketUrl(DevnetNode node) {
        return node.rpcUrl().replace("http://", "ws://");
    }

    private static String word(String hex) {
        return "0".repeat(64 - hex.length()) + hex;
    }

    /** The standalone pipeline on {@code node} ({@link StandalonePipeline}), with what this test asks of it. */
    private static final class Pipeline implements AutoCloseable {
        private final StandalonePipeline base;
        private final BotApiDouble telegram;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Pipeline(DevnetNode node) throws Exception {
            // both endpoints serve both ways; internal transfers are asked for, though neither node can trace
            base = new StandalonePipeline(node.rpcUrl(), Map.of("CHAINWATCH_RPC_DEVNET", node.rpcUrl() + ","
                    + webSocketUrl(node), "CHAINWATCH_INTERNAL_TRANSFERS_DEVNET", "true"));
            telegram = base.telegram();
        }

        private int firstNotification;

        void notificationsFromNowOn() {
            firstNotification = telegram.messagesTo(CHAT).size();
        }

        /** New messages (not edits) about {@code txHash} since {@link #notificationsFromNowOn()}. */
        List<SentMessage> notificationsAbout(String txHash) {
            List<SentMessage> messages = telegram.messagesTo(CHAT);
            return messages.subList(firstNotification, messages.size()).stream().filter(m -> !m.edit() && m.text()
                    .toLowerCase().contains(txHash.toLowerCase())).toList();
        }

        /** The bot's answer that names {@code txHash}: the last new message about it. */
        SentMessage answerAbout(String txHash) {
            List<SentMessage> about = telegram.messagesTo(CHAT).stream().filter(m -> !m.edit() && m.text().contains(
                    txHash)).toList();
            assertThat(about).isNotEmpty();
            return about.get(about.size() - 1);
        }

        /** What {@code message} shows now: its last edit, or what it was sent with. */
        String current(SentMessage message) {
            return base.current(message.messageId());
        }

        /** Sends a command and waits for the answer, then a second, as a person would (1 message/s per chat). */
        void say(String command) {
            base.ask(command);
        }

        /** Waits until the chat's subscription {@code key} is in the matcher's global store. */
        void awaitTheMatcherSees(String key) {
            EndToEndIT.awaitTheMatcherSees(base.context(), key, CHAT, watcher -> true);
        }

        /** One entry of the ingestor's details in {@code /health}. */
        String healthOf(String key) throws Exception {
            URI health = base.context().getBean(EmbeddedServer.class).getURI().resolve("/health");
            String body = http.send(HttpRequest.newBuilder(health).GET().build(), HttpResponse.BodyHandlers
                    .ofString()).body();
            JsonNode value = new ObjectMapper().readTree(body).findValue("ingestor").path("details").path(key);
            assertThat(value.isTextual()).as("%s in %s", key, body).isTrue();
            return value.asText();
        }

        @Override
        public void close() throws Exception {
            base.close();
        }
    }
}

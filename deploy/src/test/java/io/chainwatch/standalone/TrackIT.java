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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.devkit.AnvilNode;
import io.chainwatch.devkit.BotApiDouble.SentMessage;

/**
 * Issue #15 on the whole pipeline: {@code /track} answers at once with what the node knows, and that one message tells
 * the rest of the transaction's life — mined before it was asked, pending then mined then final (across a restart of
 * every service), failed with its reason, sped up, cancelled, moved by a reorg, dropped — through the Bot API double,
 * on anvil.
 */
class TrackIT {

    /** Init code of a contract whose every call reverts with {@code Error("nope")}. */
    private static final String REVERTS_WITH_NOPE = "0x6057600c60003960576000f37f08c379a000000000000000000000000000000000"
            + "000000000000000000000000600052602060045260046024527f6e6f706500000000000000000000000000000000000000000000"
            + "00000000000060445260646000fd";

    private AnvilNode anvil;
    private StandalonePipeline pipeline;
    private List<String> accounts;

    @BeforeEach
    void start() throws Exception {
        anvil = AnvilNode.start();
        accounts = anvil.accounts();
        pipeline = new StandalonePipeline(anvil.rpcUrl(), Map.of("CHAINWATCH_TRACK_DROP_AFTER", "2s"));
        pipeline.ask("/start");
    }

    @AfterEach
    void stop() throws Exception {
        pipeline.close();
        anvil.close();
    }

    private void awaitShows(SentMessage answer, String text) {
        await().atMost(Duration.ofSeconds(20)).until(() -> pipeline.current(answer.messageId()).contains(text));
    }

    /** Messages, not edits, that name {@code hash}: one for the whole story. */
    private List<SentMessage> messagesAbout(String hash) {
        return pipeline.messages().stream().filter(m -> !m.edit() && m.text().contains(hash)).toList();
    }

    @Test
    void shouldAnswerAtOnceForATransactionMinedBeforeItWasTrackedAndEditTheAnswerUntilItIsFinal() {
        String hash = anvil.sendEth(accounts.get(0), accounts.get(1), BigInteger.TEN.pow(17));
        await().until(() -> anvil.receipt(hash), Optional::isPresent);
        anvil.mine(3);

        SentMessage answer = pipeline.ask("/track devnet " + hash + " rent");

        assertThat(answer.text()).startsWith("✅ <b>Succeeded</b> on <b>Devnet</b>\nBlock ").contains(
                " · 4 confirmations · not final yet\nFee paid: ", " · 0.1 ETH\n", hash,
                "I will keep this message up to date");
        anvil.mine(64);
        awaitShows(answer, " · final\n");
        assertThat(pipeline.current(answer.messageId())).doesNotContain("up to date");
        assertThat(messagesAbout(hash)).containsExactly(answer);
        assertThat(pipeline.ask("/list").text()).as("a finished story leaves the list").doesNotContain(hash);
    }

    @Test
    void shouldAnswerAFinalTransactionWithoutKeepingIt() {
        String hash = anvil.sendEth(accounts.get(0), accounts.get(2), BigInteger.ONE);
        await().until(() -> anvil.receipt(hash), Optional::isPresent);
        anvil.mine(70);

        SentMessage answer = pipeline.ask("/track devnet " + hash);

        assertThat(answer.text()).startsWith("✅ <b>Succeeded</b>").contains(" · final\n").doesNotContain(
                "up to date");
        assertThat(pipeline.ask("/list").text()).doesNotContain(hash);
    }

    @Test
    void shouldTellPendingThenMinedThenFinalInTheAnswerAcrossARestartOfEveryService() {
        anvil.setAutomine(false);
        String hash = anvil.sendEth(accounts.get(3), accounts.get(4), BigInteger.TWO);

        SentMessage answer = pipeline.ask("/track devnet " + hash);
        assertThat(answer.text()).startsWith("⏳ <b>Pending</b> on <b>Devnet</b>: waiting in the nodes' pool")
                .contains("nonce ");

        pipeline.restart();
        anvil.mine(1);
        awaitShows(answer, "✅ <b>Succeeded</b>");
        assertThat(pipeline.current(answer.messageId())).contains("1 confirmation · not final yet");
        pipeline.restart();
        anvil.mine(64);
        awaitShows(answer, " · final\n");
        assertThat(messagesAbout(hash)).containsExactly(answer);
        assertThat(pipeline.messages().stream().filter(m -> m.messageId() == answer.messageId() && m.edit()).map(
                SentMessage::text).toList()).as("no text shown twice across the restarts").doesNotHaveDuplicates();
    }

    @Test
    void shouldSayWhyAFailedTransactionFailedAndWhatItCost() {
        String deploy = anvil.sendData(accounts.get(5), Optional.empty(), REVERTS_WITH_NOPE);
        String contract = await().until(() -> anvil.receipt(deploy), Optional::isPresent).orElseThrow().path(
                "contractAddress").asText();
        String failing = anvil.sendData(accounts.get(5), Optional.of(contract), "0x12345678");
        await().until(() -> anvil.receipt(failing), Optional::isPresent);

        SentMessage answer = pipeline.ask("/track devnet " + failing);

        assertThat(answer.text()).startsWith("❌ <b>Failed</b> on <b>Devnet</b>: nope\n").contains(
                "Fee paid, though it failed: ");
    }

    @Test
    void shouldReportASpeedUpAndFollowTheReplacementInTheSameMessage() {
        anvil.setAutomine(false);
        String sender = accounts.get(6);
        long nonce = Long.decode(anvil.rpc("eth_getTransactionCount", sender, "pending").asText());
        String slow = send(sender, accounts.get(7), nonce, 2);
        SentMessage answer = pipeline.ask("/track devnet " + slow);
        assertThat(answer.text()).startsWith("⏳ <b>Pending</b>");

        String fast = send(sender, accounts.get(7), nonce, 40);
        anvil.mine(1);

        awaitShows(answer, "⚡ <b>Sped up</b>");
        assertThat(pipeline.current(answer.messageId())).contains("Was: <code>" + slow + "</code>", fast
                .toLowerCase(), "✅ <b>Succeeded</b>");
        assertThat(messagesAbout(slow)).containsExactly(answer);
    }

    @Test
    void shouldReportACancelInTheSameMessage() {
        anvil.setAutomine(false);
        String sender = accounts.get(2);
        long nonce = Long.decode(anvil.rpc("eth_getTransactionCount", sender, "pending").asText());
        String payment = send(sender, accounts.get(7), nonce, 2);
        SentMessage answer = pipeline.ask("/track devnet " + payment);

        String cancel = send(sender, sender, BigInteger.ZERO, nonce, 40);
        anvil.mine(1);

        awaitShows(answer, "🚫 <b>Cancelled</b>");
        assertThat(pipeline.current(answer.messageId())).contains(cancel.toLowerCase(), "✅ <b>Succeeded</b>");
    }

    @Test
    void shouldSayWhichBlockAReorgTookAndShowTheNewOne() {
        anvil.setAutomine(false);
        String sender = accounts.get(1);
        long nonce = Long.decode(anvil.rpc("eth_getTransactionCount", sender, "pending").asText());
        String hash = send(sender, accounts.get(3), nonce, 3);
        anvil.mine(1);
        long block = anvil.blockNumber();
        SentMessage answer = pipeline.ask("/track devnet " + hash);
        assertThat(answer.text()).startsWith("✅ <b>Succeeded</b>");

        anvil.reorg(1); // the block is replaced by an empty one of the same number
        awaitShows(answer, "was orphaned by a reorg");
        assertThat(send(sender, accounts.get(3), nonce, 3)).as("signed again, the same transaction").isEqualTo(hash);
        anvil.mine(1);

        awaitShows(answer, "Block #" + (block + 1) + " · ");
        assertThat(pipeline.current(answer.messageId())).startsWith("↩️ Block #" + block + " was orphaned by a reorg\n"
                + "✅ <b>Succeeded</b>");
        assertThat(messagesAbout(hash)).containsExactly(answer);
    }

    @Test
    void shouldReportATransactionThatLeftThePoolAsDropped() {
        anvil.setAutomine(false);
        String hash = anvil.sendEth(accounts.get(8), accounts.get(9), BigInteger.ONE);
        SentMessage answer = pipeline.ask("/track devnet " + hash);

        anvil.rpc("anvil_dropTransaction", hash);

        awaitShows(answer, "🗑 <b>Dropped</b> on <b>Devnet</b>");
        assertThat(pipeline.ask("/list").text()).doesNotContain(hash);
    }

    @Test
    void shouldGoOnInANewMessageThatNamesTheHashWhenTheAnswerWasDeleted() throws Exception {
        anvil.setAutomine(false);
        String hash = anvil.sendEth(accounts.get(9), accounts.get(0), BigInteger.ONE);
        SentMessage answer = pipeline.ask("/track devnet " + hash);

        String deletion = "{\"chat_id\":" + StandalonePipeline.CHAT + ",\"message_id\":" + answer.messageId() + "}";
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pipeline
                .telegram().baseUrl() + "/bot" + pipeline.telegram().token() + "/deleteMessage")).header(
                        "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(deletion))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(200);
        anvil.mine(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> messagesAbout(hash).size() == 2);
        assertThat(messagesAbout(hash).get(1).text()).startsWith("✅ <b>Succeeded</b> on <b>Devnet</b>");
    }

    private String send(String from, String to, long nonce, long gwei) {
        return send(from, to, BigInteger.ONE, nonce, gwei);
    }

    /** A transfer with its nonce and fee set, as a wallet's "speed up" and "cancel" send them. */
    private String send(String from, String to, BigInteger wei, long nonce, long gwei) {
        String fee = "0x" + BigInteger.valueOf(gwei).multiply(BigInteger.TEN.pow(9)).toString(16);
        return anvil.rpc("eth_sendTransaction", Map.of("from", from, "to", to, "value", "0x" + wei.toString(16),
                "nonce", "0x" + Long.toHexString(nonce), "gas", "0x5208", "maxFeePerGas", fee, "maxPriorityFeePerGas",
                fee)).asText();
    }
}

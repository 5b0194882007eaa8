package io.chainwatch.notifier.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.notifier.telegram.SendOutcome.ChatGone;
import io.chainwatch.notifier.telegram.SendOutcome.Delivered;
import io.chainwatch.notifier.telegram.SendOutcome.NotEditable;
import io.chainwatch.notifier.telegram.SendOutcome.Rejected;
import io.chainwatch.notifier.telegram.SendOutcome.RetryAfter;
import io.chainwatch.notifier.telegram.SendOutcome.Scope;
import io.chainwatch.notifier.telegram.SendOutcome.Transient;
import io.chainwatch.schema.ChatEventType;

class TelegramErrorClassifierTest {

    private final TelegramErrorClassifier classifier = new TelegramErrorClassifier();
    private final ObjectMapper json = new ObjectMapper();

    private SendOutcome answer(int status, String body) throws IOException {
        JsonNode node = body == null ? null : json.readTree(body);
        return classifier.classify(status, node);
    }

    private SendOutcome editAnswer(int status, String body) throws IOException {
        return classifier.classifyEdit(status, json.readTree(body), 31);
    }

    @Test
    void shouldFallBackToANewMessageWhenTheMessageToEditIsGoneOrTooOld() throws IOException {
        assertThat(editAnswer(400, "{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: message to edit not found\"}")).isInstanceOf(NotEditable.class);
        assertThat(editAnswer(400, "{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: message can't be edited\"}")).isInstanceOf(NotEditable.class);
    }

    @Test
    void shouldCountAnEditAsDoneWhenTheMessageAlreadyReadsSo() throws IOException {
        assertThat(editAnswer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: message is "
                + "not modified: specified new message content and reply markup are exactly the same\"}")).isEqualTo(
                        new Delivered(31));
    }

    @Test
    void shouldClassifyOtherEditAnswersAsSends() throws IOException {
        assertThat(editAnswer(200, "{\"ok\":true,\"result\":{\"message_id\":31}}")).isEqualTo(new Delivered(31));
        assertThat(editAnswer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: "
                + "retry after 3\",\"parameters\":{\"retry_after\":3}}")).isInstanceOf(RetryAfter.class);
        assertThat(editAnswer(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was "
                + "blocked by the user\"}")).isInstanceOf(ChatGone.class);
    }

    @Test
    void shouldReportTheMessageIdWhenTelegramAccepts() throws IOException {
        assertThat(answer(200, "{\"ok\":true,\"result\":{\"message_id\":17}}")).isEqualTo(new Delivered(17));
    }

    @Test
    void shouldPauseEverythingForRetryAfterWhenA429NamesNoChat() throws IOException {
        assertThat(answer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}")).isEqualTo(new RetryAfter(Scope.GLOBAL, Duration.ofSeconds(
                        7)));
    }

    @Test
    void shouldPauseOnlyTheChatWhenA429NamesTheChat() throws IOException {
        assertThat(answer(429, "{\"ok\":false,\"description\":\"Too Many Requests: too many messages to this chat\","
                + "\"parameters\":{\"retry_after\":3}}")).isEqualTo(new RetryAfter(Scope.CHAT, Duration.ofSeconds(3)));
    }

    @Test
    void shouldFallBackToADefaultWaitWhenA429HasNoRetryAfter() throws IOException {
        assertThat(answer(429, "{\"ok\":false}")).isEqualTo(new RetryAfter(Scope.GLOBAL,
                TelegramErrorClassifier.DEFAULT_RETRY_AFTER));
    }

    @Test
    void shouldRejectForGoodWhenTheHtmlCannotBeParsed() throws IOException {
        assertThat(answer(400, "{\"ok\":false,\"description\":\"Bad Request: can't parse entities: Unsupported start "
                + "tag \\\"x\\\" at byte offset 0\"}")).isInstanceOf(Rejected.class).extracting(o -> ((Rejected) o)
                        .reason())
                .asString().contains("can't parse entities");
        assertThat(answer(400, "{\"ok\":false,\"description\":\"Bad Request: message is too long\"}")).isInstanceOf(
                Rejected.class);
    }

    @Test
    void shouldReportABlockedChatWhenTelegramAnswers403() throws IOException {
        assertThat(answer(403, "{\"ok\":false,\"description\":\"Forbidden: bot was blocked by the user\"}")).isEqualTo(
                new ChatGone(ChatEventType.BLOCKED, Optional.empty(), "Forbidden: bot was blocked by the user"));
        assertThat(answer(403, "{\"ok\":false,\"description\":\"Forbidden: bot was kicked from the group chat\"}"))
                .extracting(o -> ((ChatGone) o).type()).isEqualTo(ChatEventType.BLOCKED);
        assertThat(answer(403, "{\"ok\":false,\"description\":\"Forbidden: user is deactivated\"}")).extracting(
                o -> ((ChatGone) o).type()).isEqualTo(ChatEventType.DELETED);
    }

    @Test
    void shouldReportAMigrationWithTheNewChatId() throws IOException {
        assertThat(answer(400, "{\"ok\":false,\"description\":\"Bad Request: group chat was upgraded to a supergroup "
                + "chat\",\"parameters\":{\"migrate_to_chat_id\":-1001234}}")).isEqualTo(new ChatGone(
                        ChatEventType.MIGRATED, Optional.of(-1001234L),
                        "Bad Request: group chat was upgraded to a supergroup chat"));
    }

    @Test
    void shouldReportADeletedChatWhenTheChatIsNotFound() throws IOException {
        assertThat(answer(400, "{\"ok\":false,\"description\":\"Bad Request: chat not found\"}")).extracting(
                o -> ((ChatGone) o).type()).isEqualTo(ChatEventType.DELETED);
    }

    @Test
    void shouldRetryServerErrorsAndUnreadableAnswers() throws IOException {
        assertThat(answer(502, "{\"ok\":false,\"description\":\"Bad Gateway\"}")).isEqualTo(new Transient(
                "Bad Gateway"));
        assertThat(answer(500, null)).isEqualTo(new Transient("HTTP 500"));
        assertThat(answer(200, null)).isInstanceOf(Transient.class);
    }

    @Test
    void shouldRetryTimeoutsAndRefusedConnections() {
        assertThat(classifier.classify(new HttpTimeoutException("request timed out"))).isInstanceOf(Transient.class)
                .extracting(o -> ((Transient) o).reason()).asString().startsWith("timeout");
        assertThat(classifier.classify(new IOException("wrapped", new ConnectException("refused")))).extracting(
                o -> ((Transient) o).reason()).asString().startsWith("connection refused");
    }

    @Test
    void shouldRedactTheTokenFromReasons() {
        assertThat(BotApiClient.redact("GET http://h/bot123:SECRET/sendMessage failed")).isEqualTo(
                "GET http://h/bot<redacted>/sendMessage failed");
    }
}

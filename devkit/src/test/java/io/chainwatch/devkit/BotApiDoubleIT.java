package io.chainwatch.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chainwatch.devkit.BotApiDouble.SentMessage;

class BotApiDoubleIT {

    private static final String TOKEN = "123456:secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final BotApiDouble api = BotApiDouble.start(TOKEN);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldAnswerGetMeWhenTokenIsValid() throws Exception {
        JsonNode me = call("getMe", Map.of());

        assertThat(me.get("ok").asBoolean()).isTrue();
        assertThat(me.at("/result/id").asLong()).isEqualTo(123456);
        assertThat(me.at("/result/is_bot").asBoolean()).isTrue();
        assertThat(me.at("/result/username").asText()).isEqualTo("chainwatch_test_bot");
    }

    @Test
    void shouldAnswer401WhenTokenIsWrong() throws Exception {
        HttpResponse<String> response = post("/bot123456:wrong/getMe", "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertError(JSON.readTree(response.body()), 401, "Unauthorized");
    }

    @Test
    void shouldDeliverMessageWhenSendIsValid() throws Exception {
        JsonNode answer = call("sendMessage", Map.of("chat_id", 42, "text", "<b>Tx</b> 0xab &amp; more",
                "parse_mode", "HTML", "reply_markup", Map.of("inline_keyboard", List.of())));

        assertThat(answer.get("ok").asBoolean()).isTrue();
        assertThat(answer.at("/result/message_id").asInt()).isEqualTo(1);
        assertThat(answer.at("/result/chat/type").asText()).isEqualTo("private");
        assertThat(answer.at("/result/text").asText()).isEqualTo("Tx 0xab & more");
        assertThat(api.messagesTo(42)).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("<b>Tx</b> 0xab &amp; more");
            assertThat(message.parseMode()).isEqualTo("HTML");
            assertThat(message.edit()).isFalse();
            assertThat(JSON.readTree(message.replyMarkup()).has("inline_keyboard")).isTrue();
        });
        assertThat(api.requestCount("sendMessage")).isEqualTo(1);
    }

    @Test
    void shouldAcceptFormEncodedParametersWhenSent() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/bot" + TOKEN + "/sendMessage"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("chat_id=-5&text=hello%20group"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(api.messagesTo(-5)).extracting(SentMessage::text).containsExactly("hello group");
    }

    @Test
    void shouldRecordSilentMessagesWhenDisableNotificationIsSet() throws Exception {
        assertThat(call("sendMessage", Map.of("chat_id", 7, "text", "quiet", "disable_notification", true)).get("ok")
                .asBoolean()).isTrue();
        assertThat(call("sendMessage", Map.of("chat_id", -7, "text", "loud", "disable_notification", "false")).get(
                "ok").asBoolean()).isTrue();
        assertError(call("sendMessage", Map.of("chat_id", 8, "text", "x", "disable_notification", "maybe")), 400,
                "Bad Request: wrong parameter disable_notification");

        assertThat(api.messagesTo(7)).singleElement().extracting(SentMessage::silent).isEqualTo(true);
        assertThat(api.messagesTo(-7)).singleElement().extracting(SentMessage::silent).isEqualTo(false);
        assertThat(api.messagesTo(8)).isEmpty();
    }

    @Test
    void shouldRefuseHtmlWhenTagIsUnsupported() throws Exception {
        JsonNode answer = call("sendMessage", Map.of("chat_id", 42, "text", "<div>x</div>", "parse_mode", "HTML"));

        assertError(answer, 400, "Bad Request: can't parse entities: Unsupported start tag \"div\" at byte offset 0");
        assertThat(api.sentMessages()).isEmpty();
    }

    @Test
    void shouldRefuseTextWhenTooLongOrEmpty() throws Exception {
        String longest = "<b>" + "x".repeat(4096) + "</b>";

        assertThat(call("sendMessage", Map.of("chat_id", 1, "text", longest, "parse_mode", "HTML")).get("ok")
                .asBoolean()).isTrue();
        assertError(call("sendMessage", Map.of("chat_id", 2, "text", "x".repeat(4097))), 400,
                "Bad Request: message is too long");
        assertError(call("sendMessage", Map.of("chat_id", 3, "text", "<b></b>", "parse_mode", "HTML")), 400,
                "Bad Request: message text is empty");
        assertError(call("sendMessage", Map.of("text", "no chat")), 400, "Bad Request: chat_id is empty");
    }

    @Test
    void shouldAnswer429WhenThirtyFirstMessageWithinOneSecond() {
        // 31 different private chats at once, so only the bot-wide limit of 30/s applies
        List<JsonNode> answers = IntStream.rangeClosed(1, 31)
                .mapToObj(chat -> CompletableFuture
                        .supplyAsync(() -> callUnchecked("sendMessage", Map.of("chat_id", chat, "text", "hi"))))
                .toList()
                .stream()
                .map(CompletableFuture::join)
                .toList();

        List<JsonNode> refused = answers.stream().filter(answer -> !answer.get("ok").asBoolean()).toList();
        assertThat(refused).singleElement().satisfies(answer -> {
            assertThat(answer.get("error_code").asInt()).isEqualTo(429);
            assertThat(answer.get("description").asText()).startsWith("Too Many Requests: retry after ");
            assertThat(answer.at("/parameters/retry_after").asInt()).isGreaterThanOrEqualTo(1);
        });
        assertThat(api.sentMessages()).hasSize(30);
        assertThat(api.tooManyRequestsCount()).isEqualTo(1);
    }

    @Test
    void shouldAnswer429WhenTwoMessagesToPrivateChatWithinOneSecond() throws Exception {
        assertThat(call("sendMessage", Map.of("chat_id", 7, "text", "first")).get("ok").asBoolean()).isTrue();

        JsonNode second = call("sendMessage", Map.of("chat_id", 7, "text", "second"));

        assertError(second, 429, "Too Many Requests: retry after 1");
        assertThat(second.at("/parameters/retry_after").asInt()).isEqualTo(1);
        assertThat(api.messagesTo(7)).extracting(SentMessage::text).containsExactly("first");
    }

    @Test
    void shouldCountEditsAndRefuseUnchangedEditWhenEditing() throws Exception {
        api.privateChatInterval(Duration.ofMillis(100));
        int messageId = call("sendMessage", Map.of("chat_id", 8, "text", "pending")).at("/result/message_id").asInt();

        await().atMost(Duration.ofSeconds(2))
                .until(() -> call("editMessageText",
                        Map.of("chat_id", 8, "message_id", messageId, "text", "confirmed")).get("ok").asBoolean());

        assertThat(api.messagesTo(8)).extracting(SentMessage::text, SentMessage::edit)
                .containsExactly(tuple("pending", false),
                        tuple("confirmed", true));
        assertThat(call("editMessageText", Map.of("chat_id", 8, "message_id", messageId, "text", "confirmed"))
                .get("description").asText()).startsWith("Bad Request: message is not modified");
    }

    @Test
    void shouldAnswer403WhenChatBlockedTheBot() throws Exception {
        api.blockChat(9);

        assertError(call("sendMessage", Map.of("chat_id", 9, "text", "hi")), 403,
                "Forbidden: bot was blocked by the user");
        assertThat(api.sentMessages()).isEmpty();
    }

    @Test
    void shouldAnswer400WithNewChatIdWhenGroupMigrated() throws Exception {
        api.migrateChat(-10, -1001234567890L);

        JsonNode answer = call("sendMessage", Map.of("chat_id", -10, "text", "hi"));

        assertError(answer, 400, "Bad Request: group chat was upgraded to a supergroup chat");
        assertThat(answer.at("/parameters/migrate_to_chat_id").asLong()).isEqualTo(-1001234567890L);
    }

    @Test
    void shouldReturnInjectedUpdateWhenLongPollingAndForgetItWhenConfirmed() throws Exception {
        CompletableFuture<JsonNode> poll = CompletableFuture
                .supplyAsync(() -> callUnchecked("getUpdates", Map.of("timeout", 10)));
        await().atMost(Duration.ofSeconds(5)).until(() -> api.requestCount("getUpdates") == 1);

        api.userSends(11, "/watch@chainwatch_test_bot ethereum 0xabc");

        JsonNode updates = poll.get().get("result");
        assertThat(updates).hasSize(1);
        JsonNode message = updates.get(0).get("message");
        assertThat(message.at("/chat/id").asLong()).isEqualTo(11);
        assertThat(message.at("/from/id").asLong()).isEqualTo(11);
        assertThat(message.at("/entities/0/type").asText()).isEqualTo("bot_command");
        assertThat(message.at("/entities/0/offset").asInt()).isZero();
        assertThat(message.at("/entities/0/length").asInt()).isEqualTo("/watch@chainwatch_test_bot".length());

        long next = updates.get(0).get("update_id").asLong() + 1;
        assertThat(call("getUpdates", Map.of("offset", next)).get("result")).isEmpty();
        assertThat(api.pendingUpdates()).isZero();
    }

    @Test
    void shouldDeliverCallbackQueryWhenUserPressesButton() throws Exception {
        int messageId = call("sendMessage", Map.of("chat_id", 12, "text", "watch?")).at("/result/message_id").asInt();
        String queryId = api.userPresses(12, messageId, "unwatch:1");

        JsonNode query = call("getUpdates", Map.of()).at("/result/0/callback_query");

        assertThat(query.get("id").asText()).isEqualTo(queryId);
        assertThat(query.get("data").asText()).isEqualTo("unwatch:1");
        assertThat(query.at("/message/message_id").asInt()).isEqualTo(messageId);
        assertThat(call("answerCallbackQuery", Map.of("callback_query_id", queryId)).get("ok").asBoolean()).isTrue();
    }

    @Test
    void shouldEndTheWaitingPollWith409WhenANewerPollArrives() throws Exception {
        CompletableFuture<JsonNode> first = CompletableFuture
                .supplyAsync(() -> callUnchecked("getUpdates", Map.of("timeout", 5)));
        await().atMost(Duration.ofSeconds(5)).until(() -> api.requestCount("getUpdates") == 1);

        CompletableFuture<JsonNode> second = CompletableFuture
                .supplyAsync(() -> callUnchecked("getUpdates", Map.of("timeout", 5)));

        // as on Telegram: the newer poller wins (a restarted bot is not locked out by its dead predecessor's poll)
        assertError(first.get(), 409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        api.userSends(1, "/start");
        assertThat(second.get().get("ok").asBoolean()).isTrue();
        assertThat(second.get().get("result").size()).isEqualTo(1);
    }

    @Test
    void shouldFailInjectedCallsAndHangWhilePaused() throws Exception {
        api.failNext(1, 502);
        assertError(call("sendMessage", Map.of("chat_id", 13, "text", "a")), 502, "Bad Gateway");

        api.pause();
        CompletableFuture<JsonNode> hanging = CompletableFuture
                .supplyAsync(() -> callUnchecked("sendMessage", Map.of("chat_id", 13, "text", "b")));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !hanging.isDone());
        api.resume();

        assertError(hanging.get(), 502, "Bad Gateway");
        assertThat(api.sentMessages()).isEmpty();
        assertThat(call("sendMessage", Map.of("chat_id", 13, "text", "c")).get("ok").asBoolean()).isTrue();
    }

    @Test
    void shouldListSentMessagesWhenControlApiIsAsked() throws Exception {
        assertThat(post("/control/updates", "{\"chat_id\":14,\"text\":\"/start\"}").statusCode()).isEqualTo(200);
        call("sendMessage", Map.of("chat_id", 14, "text", "welcome"));

        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(uri("/control/sent?chat_id=14")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(JSON.readTree(sent.body()).at("/result/0/text").asText()).isEqualTo("welcome");
        assertThat(api.pendingUpdates()).isEqualTo(1);
    }

    private JsonNode call(String method, Map<String, Object> params) throws IOException, InterruptedException {
        return JSON.readTree(post("/bot" + TOKEN + "/" + method, JSON.writeValueAsString(params)).body());
    }

    private JsonNode callUnchecked(String method, Map<String, Object> params) {
        try {
            return call(method, params);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(api.baseUrl() + path);
    }

    private static void assertError(JsonNode answer, int code, String description) {
        assertThat(answer.get("ok").asBoolean()).isFalse();
        assertThat(answer.get("error_code").asInt()).isEqualTo(code);
        assertThat(answer.get("description").asText()).isEqualTo(description);
    }
}

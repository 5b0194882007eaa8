package io.chainwatch.notifier.telegram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code sendMessage} and {@code editMessageText} over the Bot API with {@link HttpClient} and Jackson:
 * {@code POST {base}/bot{token}/<method>} with a JSON body ({@code parse_mode=HTML}, link previews disabled, {@code disable_notification} for a silent send). The answer, or the failure to get one, goes to
 * the {@link TelegramErrorClassifier}. The token never appears in what this class returns or logs. Thread-safe.
 */
public final class BotApiClient implements TelegramClient {

    private static final Pattern TOKEN_IN_PATH = Pattern.compile("/bot[^/\\s]+/");

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final URI sendMessage;
    private final URI editMessageText;
    private final Duration timeout;
    private final TelegramErrorClassifier classifier = new TelegramErrorClassifier();

    public BotApiClient(String apiUrl, String token, Duration timeout) {
        String base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.sendMessage = URI.create(base + "/bot" + token + "/sendMessage");
        this.editMessageText = URI.create(base + "/bot" + token + "/editMessageText");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public SendOutcome send(long chatId, String html, boolean silent) {
        ObjectNode body = json.createObjectNode().put("chat_id", chatId);
        if (silent) {
            body.put("disable_notification", true);
        }
        return call(sendMessage, body, html, -1);
    }

    @Override
    public SendOutcome edit(long chatId, long messageId, String html) {
        ObjectNode body = json.createObjectNode().put("chat_id", chatId).put("message_id", messageId);
        return call(editMessageText, body, html, messageId);
    }

    /** One call; {@code editedMessageId} is -1 for a send. */
    private SendOutcome call(URI method, ObjectNode body, String html, long editedMessageId) {
        try {
            body.put("text", html).put("parse_mode", "HTML");
            body.putObject("link_preview_options").put("is_disabled", true);
            HttpRequest request = HttpRequest.newBuilder(method).timeout(timeout).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = parse(response.body());
            return editedMessageId < 0
                    ? classifier.classify(response.statusCode(), answer)
                    : classifier.classifyEdit(response.statusCode(), answer, editedMessageId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Transient("interrupted");
        } catch (IOException | RuntimeException e) {
            return redacted(classifier.classify(e));
        }
    }

    @Override
    public boolean live() {
        return true;
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null; // a proxy's HTML error page, for example: the status decides
        }
    }

    /** Exception texts can quote the URL, and so the token: cut it out of any reason we pass on. */
    static String redact(String text) {
        return text == null ? null : TOKEN_IN_PATH.matcher(text).replaceAll("/bot<redacted>/");
    }

    private static SendOutcome redacted(SendOutcome outcome) {
        return outcome instanceof SendOutcome.Transient t ? new SendOutcome.Transient(redact(t.reason())) : outcome;
    }

    @Override
    public void close() {
        http.close();
    }
}

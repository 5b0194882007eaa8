package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.status.Status;

/** The shipped logback.xml, loaded into a real logback context: text or JSON lines, and never a bot token. */
class LogbackConfigTest {

    static final Path SHIPPED = Path.of("src/main/resources/logback.xml");
    static final String TOKEN = "123456789:AAEchainwatchLocalTestToken00000000";
    static final String SECRET = TOKEN.substring(TOKEN.indexOf(':') + 1);

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "JSON"})
    void shouldNeverWriteTheBotTokenInMessagesOrStackTracesWhenLoggingInEitherFormat(String format)
            throws Exception {
        Logged logged = logWith(format);

        assertThat(logged.output()).doesNotContain(SECRET).contains("<redacted>", "sendMessage", "getUpdates",
                "IOException");
        assertThat(logged.errors()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "Json"})
    void shouldWriteOneJsonObjectPerLineWhenTheFormatIsJson(String format) throws Exception {
        List<String> lines = logWith(format).output().lines().toList();

        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("loggerName").asText()).isEqualTo("io.chainwatch.notifier.TelegramClient");
        assertThat(first.get("formattedMessage").asText()).isEqualTo(
                "calling https://api.telegram.org/bot<redacted>/sendMessage for chat 42");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.get("level").asText()).isEqualTo("ERROR");
        assertThat(second.get("throwable").toString()).contains("java.io.IOException", "<redacted>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "xml"})
    void shouldWriteReadableLinesAndReportAnUnknownFormatWhenTheFormatIsNotJson(String format) throws Exception {
        Logged logged = logWith(format);

        assertThat(logged.output().lines().findFirst()).hasValueSatisfying(line -> assertThat(line).matches(
                "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO +TelegramClient +calling https://api.telegram.org/bot<redacted>/"
                        + "sendMessage for chat 42"));
        assertThat(logged.output()).contains("\tat io.chainwatch.standalone.LogbackConfigTest");
        if (format.equals("xml")) {
            assertThat(logged.errors()).singleElement().asString().contains("CHAINWATCH_LOG_FORMAT", "'xml'");
        }
    }

    record Logged(String output, List<String> errors) {
    }

    /**
     * Configures a fresh context from the shipped file with {@code CHAINWATCH_LOG_FORMAT=format}, logs an event and
     * an error with a token in its cause chain through the configured encoder, and returns what it wrote.
     */
    static Logged logWith(String format) throws JoranException, IOException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.getStatusManager().add(new NopStatusListener()); // errors are asserted, not printed
        context.putProperty("CHAINWATCH_LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(SHIPPED.toFile());
        try {
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
            Encoder<ILoggingEvent> shipped = console.getEncoder();
            // the shipped encoder, writing to memory instead of the console
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OutputStreamAppender<ILoggingEvent> memory = new OutputStreamAppender<>();
            memory.setContext(context);
            memory.setEncoder(shipped);
            memory.setOutputStream(out);
            memory.start();
            root.detachAppender(console); // not stopped: that would stop the encoder
            root.addAppender(memory);

            Logger log = context.getLogger("io.chainwatch.notifier.TelegramClient");
            log.info("calling {} for chat {}", "https://api.telegram.org/bot" + TOKEN + "/sendMessage", 42);
            log.error("getUpdates failed", new IOException("POST https://api.telegram.org/bot" + TOKEN
                    + "/getUpdates: connection reset", new IllegalStateException("token " + TOKEN + " rejected")));
            memory.stop();
            ch.qos.logback.core.util.StatusPrinter2 sp = new ch.qos.logback.core.util.StatusPrinter2();
            sp.print(context);
            List<String> errors = context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s
                    .getLevel() == Status.ERROR).map(Status::getMessage).toList();
            return new Logged(out.toString(StandardCharsets.UTF_8), errors);
        } finally {
            context.stop();
        }
    }
}

package io.chainwatch.logging;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.chainwatch.config.EnvNames;
import io.chainwatch.config.RuntimeEnv;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * A logback encoder that writes each event as a text line ({@code format} {@value #TEXT}, with {@code pattern}) or as
 * one JSON object per line ({@value #JSON}, logback's {@link JsonEncoder}), and masks bot tokens in the finished line
 * — message, arguments, MDC and stack trace alike — with {@link TokenRedaction}. An unknown format is reported through
 * logback's status and falls back to text, so a typo never silences the logs. Thread-safe once started.
 */
public class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    public static final String TEXT = "text";
    public static final String JSON = "json";
    public static final String DEFAULT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %-28logger{0} %msg%n";
    /** The variable the shipped logback.xml reads the format from. */
    public static final String FORMAT_VARIABLE = "CHAINWATCH_LOG_FORMAT";

    private String format = TEXT;
    private String pattern = DEFAULT_PATTERN;
    private Encoder<ILoggingEvent> delegate;
    private TokenRedaction redaction;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        String chosen = format == null ? TEXT : format.strip().toLowerCase(Locale.ROOT);
        if (!chosen.equals(TEXT) && !chosen.equals(JSON)) {
            addError(FORMAT_VARIABLE + " must be " + TEXT + " or " + JSON + ", got '" + format + "'; logging text");
            chosen = TEXT;
        }
        delegate = chosen.equals(JSON) ? json() : text();
        delegate.setContext(getContext());
        delegate.start();
        redaction = TokenRedaction.of(RuntimeEnv.system().get(EnvNames.TELEGRAM_BOT_TOKEN));
        super.start();
    }

    private Encoder<ILoggingEvent> text() {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setPattern(pattern);
        return text;
    }

    private static Encoder<ILoggingEvent> json() {
        JsonEncoder json = new JsonEncoder();
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false); // the formatted message instead of the template and its arguments
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        return json;
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] line = delegate.encode(event);
        return line == null
                ? null
                : redaction.redact(new String(line, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}

package io.chainwatch.schema;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;

/**
 * Prints chainwatch records as one JSON line each, for {@code kafka-console-consumer --formatter
 * io.chainwatch.schema.JsonFormatter}: {@code {"topic":..,"partition":..,"offset":..,"key":..,"value":{..}}}. The
 * value's type is chosen from the topic name; a tombstone prints as {@code null}; bytes it cannot decode print as a
 * quoted error instead of stopping the consumer.
 */
public final class JsonFormatter implements MessageFormatter {

    @Override
    public void writeTo(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
        output.println(format(record.topic(), record.partition(), record.offset(), record.key(), record.value()));
    }

    /** One JSON line for a raw record of {@code topic}. */
    public static String format(String topic, int partition, long offset, byte[] key, byte[] value) {
        String keyText = key == null ? "null" : quote(new String(key, StandardCharsets.UTF_8));
        return "{\"topic\":" + quote(topic) + ",\"partition\":" + partition + ",\"offset\":" + offset + ",\"key\":"
                + keyText + ",\"value\":" + valueJson(topic, value) + "}";
    }

    private static String valueJson(String topic, byte[] value) {
        if (value == null) {
            return "null";
        }
        Optional<Topic<?, ?>> known = Topics.byName(topic);
        if (known.isEmpty() || !(known.get().valueSerde() instanceof AvroSerde<?> serde)) {
            return quote(new String(value, StandardCharsets.UTF_8));
        }
        try {
            return SpecificData.get().toString(serde.decode(value));
        } catch (RuntimeException e) {
            return quote("undecodable " + serde.type().getSimpleName() + ": " + e.getMessage());
        }
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

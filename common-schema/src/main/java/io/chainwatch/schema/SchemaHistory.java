package io.chainwatch.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

/**
 * The schemas of earlier releases, kept as resources under {@code history/<generation>/} (a copy of
 * {@code src/main/avro} as released). Records written by an older release carry its schema's fingerprint;
 * {@link AvroSerde} registers these so a newer release reads them. Loaded once; immutable.
 */
public final class SchemaHistory {

    private static final String ROOT = "history/";
    /** Parse order of one generation: the files others import first, as in the avro-maven-plugin's imports. */
    private static final List<String> FILES = List.of("BlockEvent.avsc", "Subscriptions.avsc", "Alert.avsc",
            "MatchedBlock.avsc", "ChatEvent.avsc");

    private static final Map<String, List<Schema>> BY_NAME = load();

    private SchemaHistory() {
    }

    /** Every earlier schema of the record named {@code fullName}, oldest first; empty for a new record. */
    public static List<Schema> of(String fullName) {
        return BY_NAME.getOrDefault(fullName, List.of());
    }

    /** The generations kept, oldest first. */
    static List<String> generations() {
        return read(ROOT + "generations").lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static Map<String, List<Schema>> load() {
        Map<String, List<Schema>> byName = new LinkedHashMap<>();
        for (String generation : generations()) {
            Schema.Parser parser = new Schema.Parser();
            for (String file : FILES) {
                String path = ROOT + generation + "/" + file;
                if (SchemaHistory.class.getResource(path) != null) {
                    parser.parse(read(path));
                }
            }
            parser.getTypes().values().stream().filter(s -> s.getType() == Schema.Type.RECORD).forEach(
                    s -> byName.computeIfAbsent(s.getFullName(), n -> new ArrayList<>()).add(s));
        }
        byName.replaceAll((name, schemas) -> List.copyOf(schemas));
        return Map.copyOf(byName);
    }

    private static String read(String path) {
        try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema history resource missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema history " + path, e);
        }
    }
}

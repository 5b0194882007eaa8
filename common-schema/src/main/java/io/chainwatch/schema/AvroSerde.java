package io.chainwatch.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record, using Avro's single-object encoding (a two-byte marker and the schema
 * fingerprint before the binary body). No schema registry is needed: a reader resolves older writer schemas that are
 * registered with {@link #withHistoricalSchema(Schema)}, which is how a schema evolves compatibly; every schema of the
 * type's released generations ({@link SchemaHistory}) is registered from the start. {@code null} maps to
 * a tombstone. Thread-safe.
 * <p>
 * Decoding reads the header itself and the body straight from the array through a buffered {@link BinaryDecoder}:
 * Avro's own {@code BinaryMessageDecoder} wraps the bytes in a {@code ByteArrayInputStream} under a direct decoder
 * that reads them one call at a time, which a profile of the matcher showed as the largest part of decoding a block.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    /** Avro's single-object encoding: marker {@code C3 01}, then the writer schema's fingerprint (little-endian). */
    private static final int HEADER_BYTES = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final Class<T> type;
    private final SpecificData model;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    /** A reader per writer schema fingerprint: this type's own schema and each historical one. */
    private final Map<Long, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> reusedDecoder = new ThreadLocal<>();

    private AvroSerde(Class<T> type) {
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        readers.put(SchemaNormalization.parsingFingerprint64(schema), new SpecificDatumReader<>(schema, schema, model));
        SchemaHistory.of(schema.getFullName()).forEach(this::withHistoricalSchema);
    }

    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }

    /** Lets this serde read records written with an older version of the schema. */
    public AvroSerde<T> withHistoricalSchema(Schema writerSchema) {
        // today's own schema keeps its plain (non-resolving) reader
        readers.putIfAbsent(SchemaNormalization.parsingFingerprint64(writerSchema), new SpecificDatumReader<>(
                writerSchema, schema, model));
        return this;
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T value) {
        if (value == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    public T decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            if (bytes.length < HEADER_BYTES || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
                throw new IOException("not Avro single-object encoded");
            }
            long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            DatumReader<T> reader = readers.get(fingerprint);
            if (reader == null) {
                throw new IOException("written with an unknown schema (fingerprint " + Long.toHexString(fingerprint)
                        + ")");
            }
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length
                    - HEADER_BYTES, reusedDecoder.get());
            reusedDecoder.set(decoder);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + type.getSimpleName() + " (" + bytes.length + " bytes)",
                    e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> encode(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> decode(bytes);
    }
}

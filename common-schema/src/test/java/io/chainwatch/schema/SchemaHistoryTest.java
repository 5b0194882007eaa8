package io.chainwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** Every released generation of the schemas stays readable by today's classes. */
class SchemaHistoryTest {

    /** The records that travel on topics or sit in stores, by their generated class. */
    private static final List<Class<?>> RECORDS = List.of(BlockEvent.class, Watchers.class, Alert.class,
            ChatEvent.class, DeadLetter.class, IngestCursor.class, MatchedBlock.class);

    @Test
    void shouldKeepEveryGenerationResolvableToTodaysSchemas() {
        assertThat(SchemaHistory.generations()).isNotEmpty();
        for (Class<?> type : RECORDS) {
            Schema current = SpecificData.get().getSchema(type);
            List<Schema> older = SchemaHistory.of(current.getFullName());
            assertThat(older).as("%s has a released schema", type.getSimpleName()).isNotEmpty();
            for (Schema writer : older) {
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getType()).as(
                        "today's %s reads the %s written by an earlier release", type.getSimpleName(), type
                                .getSimpleName())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    @Test
    void shouldDecodeAnAlertWrittenWithTheFirstGeneration() throws Exception {
        Schema first = SchemaHistory.of(Alert.getClassSchema().getFullName()).get(0);
        Alert sample = AvroSerdeTest.sampleAlert();
        // the sample as an older producer wrote it: through the first generation's schema
        byte[] current = AvroSerde.of(Alert.class).encode(sample);
        GenericRecord asWritten = new GenericDatumReader<GenericRecord>(Alert.getClassSchema(), first).read(null,
                DecoderFactory.get().binaryDecoder(current, 10, current.length - 10, null));
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), first).encode(asWritten);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        assertThat(AvroSerde.of(Alert.class).decode(bytes)).isEqualTo(sample);
    }
}

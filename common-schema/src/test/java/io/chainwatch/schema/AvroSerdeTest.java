package io.chainwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    static Alert sampleAlert() {
        return Alert.newBuilder().setId("devnet:0xabc:42:NATIVE_IN").setChatId(42).setWatchId(7).setChain("devnet")
                .setKind(AlertKind.NATIVE_IN).setTxHash("0xabc").setBlockNumber(12).setBlockHash("0xb12")
                .setBlockTimestamp(1_700_000_000L).setConfirmations(1).setWatched("0x1111").setFrom("0x2222")
                .setTo("0x1111").setAmount("1000000000000000000").setLabel("<cold> & \"wallet\"").setFlags(List.of())
                .build();
    }

    @Test
    void shouldRoundTripAlert() {
        var serde = Topics.ALERTS.valueSerde();
        byte[] bytes = serde.serializer().serialize("t", sampleAlert());
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(sampleAlert());
    }

    @Test
    void shouldReadBytesWrittenWithARegisteredOlderSchemaAndRefuseThemOtherwise() throws Exception {
        // the Alert schema as it was before the label field: written by an older producer
        Schema current = Alert.getClassSchema();
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, current
                .getFields().stream().filter(field -> !field.name().equals("label")).map(field -> new Schema.Field(
                        field, field.schema()))
                .toList());
        GenericRecord old = new GenericData.Record(older);
        Alert sample = sampleAlert();
        older.getFields().forEach(field -> old.put(field.name(), GenericData.get().deepCopy(field.schema(), sample.get(
                field.name()))));
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old);
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        assertThat(AvroSerde.of(Alert.class).withHistoricalSchema(older).decode(bytes))
                .isEqualTo(Alert.newBuilder(sample).setLabel(null).build());
        assertThatThrownBy(() -> AvroSerde.of(Alert.class).decode(bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Alert")
                .hasStackTraceContaining("unknown schema");
    }

    @Test
    void shouldRejectTruncatedAndUnmarkedBytes() {
        byte[] bytes = Topics.ALERTS.valueSerde().serializer().serialize("t", sampleAlert());
        var deserializer = Topics.ALERTS.valueSerde().deserializer();
        assertThatThrownBy(() -> deserializer.deserialize("t", Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", Arrays.copyOf(bytes, 5)))
                .isInstanceOf(SerializationException.class);
        byte[] unmarked = bytes.clone();
        unmarked[0] = 0;
        assertThatThrownBy(() -> deserializer.deserialize("t", unmarked)).isInstanceOf(SerializationException.class)
                .hasStackTraceContaining("single-object");
    }

    @Test
    void shouldMapNullToTombstone() {
        assertThat(Topics.SUBSCRIPTIONS.valueSerde().serializer().serialize("t", null)).isNull();
        assertThat(Topics.SUBSCRIPTIONS.valueSerde().deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectBytesOfAnotherSchema() {
        byte[] alertBytes = Topics.ALERTS.valueSerde().serializer().serialize("t", sampleAlert());
        assertThatThrownBy(() -> Topics.BLOCKS.valueSerde().deserializer().deserialize("t", alertBytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("BlockEvent");
    }

    @Test
    void shouldFormatAnyTopicValueAsJson() {
        byte[] value = Topics.ALERTS.valueSerde().serializer().serialize("t", sampleAlert());
        String line = JsonFormatter.format(Topics.ALERTS.name(), 3, 99, "42".getBytes(StandardCharsets.UTF_8), value);
        assertThat(line).startsWith("{\"topic\":\"chainwatch.alerts\",\"partition\":3,\"offset\":99,\"key\":\"42\"")
                .contains("\"txHash\": \"0xabc\"").contains("\"kind\": \"NATIVE_IN\"");
    }

    @Test
    void shouldFormatTombstoneAndGarbageWithoutThrowing() {
        assertThat(JsonFormatter.format(Topics.SUBSCRIPTIONS.name(), 0, 1, "devnet:0x1".getBytes(), null))
                .endsWith("\"value\":null}");
        assertThat(JsonFormatter.format(Topics.BLOCKS.name(), 0, 1, null, new byte[]{1, 2, 3}))
                .contains("undecodable BlockEvent");
    }
}

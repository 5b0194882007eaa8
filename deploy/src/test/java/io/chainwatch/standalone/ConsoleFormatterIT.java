package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.consumer.ConsoleConsumer;
import org.apache.kafka.tools.consumer.ConsoleConsumerOptions;
import org.junit.jupiter.api.Test;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.BlockEvent;
import io.chainwatch.schema.BlockEventType;
import io.chainwatch.schema.ChatEvent;
import io.chainwatch.schema.ChatEventType;
import io.chainwatch.schema.Topics;
import io.chainwatch.schema.WatchTarget;
import io.chainwatch.schema.Watcher;
import io.chainwatch.schema.Watchers;
import io.chainwatch.testsupport.TestBroker;

/** The real kafka-console-consumer prints every chainwatch topic as JSON through the shipped formatter. */
class ConsoleFormatterIT {

    @Test
    void shouldPrintEveryTopicAsJsonWithKafkaConsoleConsumer() throws Exception {
        try (TestBroker kafka = TestBroker.start()) {
            KafkaSettings settings = new KafkaSettings(kafka.bootstrapServers());
            TopicProvisioner.ensureAll(settings);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producer("formatter-it"),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.BLOCKS.name(), "devnet", Topics.BLOCKS.serializeValue(
                        BlockEvent.newBuilder().setChain("devnet").setType(BlockEventType.APPLIED).setNumber(7).setHash(
                                "0xb7").setParentHash("0xb6").setTimestamp(1).build())));
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), "devnet:0xabc", Topics.SUBSCRIPTIONS
                        .serializeValue(Watchers.newBuilder().setChain("devnet").setTarget(WatchTarget.ADDRESS)
                                .setValue(
                                        "0xabc")
                                .setWatchers(List.of(Watcher.newBuilder().setChatId(1).setWatchId(2).setLabel(
                                        "cold").build()))
                                .build())));
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), "devnet:0xdead", null));
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), "1", Topics.ALERTS.serializeValue(Alert
                        .newBuilder().setId("devnet:0xt:1:NATIVE_IN").setChatId(1).setWatchId(2).setChain("devnet")
                        .setKind(AlertKind.NATIVE_IN).setTxHash("0xt").setBlockNumber(7).setBlockHash("0xb7")
                        .setBlockTimestamp(1).setConfirmations(1).setWatched("0xabc").setFrom("0xf").build())));
                producer.send(new ProducerRecord<>(Topics.CHAT_EVENTS.name(), "1", Topics.CHAT_EVENTS.serializeValue(
                        ChatEvent.newBuilder().setChatId(1).setType(ChatEventType.BLOCKED).setAtMillis(5).build())));
            }
            assertThat(consume(kafka, Topics.BLOCKS.name(), 1)).contains(
                    "\"topic\":\"chainwatch.blocks\"", "\"key\":\"devnet\"", "\"type\": \"APPLIED\"", "\"number\": 7");
            assertThat(consume(kafka, Topics.SUBSCRIPTIONS.name(), 2)).contains("\"label\": \"cold\"",
                    "\"key\":\"devnet:0xdead\",\"value\":null");
            assertThat(consume(kafka, Topics.ALERTS.name(), 1)).contains("\"kind\": \"NATIVE_IN\"",
                    "\"txHash\": \"0xt\"");
            assertThat(consume(kafka, Topics.CHAT_EVENTS.name(), 1)).contains("\"type\": \"BLOCKED\"");
        }
    }

    /** Runs kafka-console-consumer as an operator would, and returns what it printed. */
    private static String consume(TestBroker kafka, String topic, int messages) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ConsoleConsumer.run(new ConsoleConsumerOptions(new String[]{"--bootstrap-server", kafka
                    .bootstrapServers(), "--topic", topic, "--from-beginning", "--max-messages",
                    Integer.toString(
                            messages),
                    "--timeout-ms", "20000", "--formatter", "io.chainwatch.schema.JsonFormatter"}));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out.lines().filter(l -> l.startsWith("{")).count()).as(out).isEqualTo(messages);
        return out;
    }

}

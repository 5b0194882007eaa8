package io.chainwatch.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path tempDir;

    @Test
    void shouldDeliverRecordsWhenProducedAndConsumed() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            createTopic(broker, "plain");
            try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
                producer.send(new ProducerRecord<>("plain", "k1", "v1")).get();
                producer.send(new ProducerRecord<>("plain", "k2", "v2")).get();
            }

            assertThat(readAll(broker, "plain", "read_uncommitted", 2)).containsExactly("v1", "v2");
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());
        }
    }

    @Test
    void shouldShowOnlyCommittedRecordsWhenReadCommitted() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
            createTopic(broker, "tx");
            try (KafkaProducer<String, String> producer = producer(broker,
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingestor-devnet"))) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx", "k", "committed-1"));
                producer.send(new ProducerRecord<>("tx", "k", "committed-2"));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx", "k", "aborted"));
                producer.flush();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx", "k", "committed-3"));
                producer.commitTransaction();
            }

            assertThat(readAll(broker, "tx", "read_committed", 3)).containsExactly("committed-1", "committed-2",
                    "committed-3");
        }
    }

    @Test
    void shouldKeepRecordsAndCommittedOffsetsWhenRestartedOnSameDirAndPort() throws Exception {
        Path dir = tempDir.resolve("kafka");
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
            port = broker.port();
            createTopic(broker, "durable");
            try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
                producer.send(new ProducerRecord<>("durable", "k", "before-restart")).get();
            }
            try (KafkaConsumer<String, String> consumer = consumer(broker, "group-1", "read_committed")) {
                consumer.commitSync(Map.of(new TopicPartition("durable", 0), new OffsetAndMetadata(1)));
            }
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port)) {
            assertThat(broker.port()).isEqualTo(port);
            assertThat(readAll(broker, "durable", "read_committed", 1)).containsExactly("before-restart");
            try (KafkaConsumer<String, String> consumer = consumer(broker, "group-1", "read_committed")) {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer
                        .committed(Set.of(new TopicPartition("durable", 0)), Duration.ofSeconds(10));
                assertThat(committed.get(new TopicPartition("durable", 0)).offset()).isEqualTo(1);
            }
        }
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker, String group,
            String isolation) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"), new StringDeserializer(), new StringDeserializer());
    }

    /** Reads from the start with a fresh group until {@code expected} values arrived, then one more short poll. */
    private static List<String> readAll(EmbeddedKafkaBroker broker, String topic, String isolation, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(broker, "reader-" + UUID.randomUUID(), isolation)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.poll(Duration.ofMillis(300)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}

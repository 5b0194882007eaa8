package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.Topics;
import io.chainwatch.standalone.ReplayCommand.Request;
import io.chainwatch.standalone.ReplayCommand.Stage;
import io.chainwatch.standalone.ReplayPlan.From;
import io.chainwatch.testsupport.TestBroker;

/** {@code ./chainwatch replay} against a real broker: the committed offsets move, and a live group is left alone. */
class ReplayCommandIT {

    static final String TOPIC = Topics.ALERTS.name();
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    /** Record timestamps: an hour ago, within what the broker accepts. */
    static final Instant BASE = Instant.now().minus(Duration.ofHours(1));

    static TestBroker kafka;
    static KafkaSettings settings;
    static Admin admin;

    @BeforeAll
    static void startBrokerWithRecords() throws Exception {
        kafka = TestBroker.start();
        settings = new KafkaSettings(kafka.bootstrapServers());
        TopicProvisioner.ensureAll(settings);
        admin = Admin.create(settings.common("replay-it"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings.producer("replay-it"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 10; i++) { // partition 0: one record a second from BASE
                producer.send(new ProducerRecord<>(TOPIC, 0, BASE.plusSeconds(i).toEpochMilli(), "0", new byte[]{1}));
            }
            for (int i = 0; i < 5; i++) { // partition 1: older records only
                producer.send(new ProducerRecord<>(TOPIC, 1, BASE.minusSeconds(100 - i).toEpochMilli(), "1",
                        new byte[]{1}));
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        kafka.close();
    }

    @Test
    void shouldRewindAStoppedGroupToTheFirstRecordAtATime() {
        String group = groupThatReadEverythingAndStopped();

        int code = run(group, new From.At(BASE.plusSeconds(4)), false, new ByteArrayOutputStream());

        assertThat(code).isEqualTo(ReplayCommand.OK);
        // partition 1 has no record that new: it stays where it was, at its end
        assertThat(committed(group)).containsEntry(P0, 4L).containsEntry(P1, 5L).hasSize(2);
    }

    @Test
    void shouldRewindEveryPartitionToTheSameOffsetButOnlyPrintItInADryRun() {
        String group = groupThatReadEverythingAndStopped();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(run(group, new From.Offset(2), true, out)).isEqualTo(ReplayCommand.OK);
        assertThat(committed(group)).containsEntry(P0, 10L).containsEntry(P1, 5L);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("chainwatch.alerts-0 +10 -> +2").contains(
                "dry run");

        assertThat(run(group, new From.Offset(2), false, new ByteArrayOutputStream())).isEqualTo(ReplayCommand.OK);
        assertThat(committed(group)).containsEntry(P0, 2L).containsEntry(P1, 2L);
    }

    @Test
    void shouldRefuseAndChangeNothingWhileAMemberOfTheGroupIsRunning() {
        String group = groupThatReadEverythingAndStopped();
        try (KafkaConsumer<String, byte[]> running = consumer(group, "notifier-still-running")) {
            running.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                running.poll(Duration.ofMillis(100));
                return !running.assignment().isEmpty();
            });
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = ReplayCommand.run(admin, group, new Request(Stage.NOTIFY, new From.Earliest(), false, false),
                    Duration.ZERO, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                            StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(ReplayCommand.REFUSED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("notifier-still-running",
                    "stop the notifier services first");
            assertThat(committed(group)).containsEntry(P0, 10L).containsEntry(P1, 5L);
        }
    }

    private static int run(String group, From from, boolean dryRun, ByteArrayOutputStream out) {
        return ReplayCommand.run(admin, group, new Request(Stage.NOTIFY, from, false, dryRun), Duration.ZERO,
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }

    /** A group whose consumer joined, committed the end of partitions 0 and 1, and left. */
    private static String groupThatReadEverythingAndStopped() {
        String group = "replay-it-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> consumer = consumer(group, "notifier-" + group)) {
            consumer.subscribe(List.of(TOPIC));
            Map<TopicPartition, Long> read = new HashMap<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> read.merge(new TopicPartition(r.topic(), r
                        .partition()), 1L, Long::sum));
                return read.getOrDefault(P0, 0L) == 10 && read.getOrDefault(P1, 0L) == 5;
            });
            consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10), P1, new OffsetAndMetadata(5)));
        }
        return group;
    }

    private static KafkaConsumer<String, byte[]> consumer(String group, String clientId) {
        return new KafkaConsumer<>(settings.consumer(clientId, group), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static Map<TopicPartition, Long> committed(String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

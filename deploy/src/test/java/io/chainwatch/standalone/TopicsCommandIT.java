package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.ReplicationAudit;
import io.chainwatch.kafka.ReplicationSettings;
import io.chainwatch.kafka.TopicInspector;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.Topics;
import io.chainwatch.testsupport.KafkaCluster;

/**
 * Issue #13: topics an older version created with one copy each on a three-node cluster are reported (never changed)
 * by {@code ./chainwatch topics} and {@code ./chainwatch health} (FAIL, exit code 1, once a node that alone held
 * partitions is lost), and {@code --raise-replication} gives them three
 * copies and a min ISR of 2 through a partition reassignment, with its progress, losing no record.
 */
class TopicsCommandIT {

    static final String TOPIC = Topics.CHAT_EVENTS.name();
    static final int RECORDS = 300;

    private KafkaCluster cluster;
    private RuntimeEnv env;

    @BeforeEach
    void start() {
        cluster = KafkaCluster.start(3);
        env = RuntimeEnv.of(Map.of(KafkaSettings.BOOTSTRAP, cluster.bootstrapServers()));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void shouldReportTopicsWithOneCopyAndRaiseThemToThreeWithoutLosingARecord() throws Exception {
        // Given the topics of an older version: one copy each, no min ISR of their own
        TopicProvisioner.ensureAll(KafkaSettings.from(env.with(Map.of(ReplicationSettings.REPLICATION, "1"))));
        KafkaSettings kafka = KafkaSettings.from(env);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.producer("topics-it"),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "chat-" + i, "event " + i));
            }
        }
        // ... a chainwatch of today leaves them as they are (and says so)
        ReplicationAudit afterStart = TopicProvisioner.ensureAll(kafka);
        assertThat(afterStart.below()).hasSize(Topics.ALL.size());

        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        int listed = TopicsCommand.run(env, false, Duration.ofMinutes(2), new PrintStream(listing, true,
                StandardCharsets.UTF_8));

        assertThat(listed).isZero();
        assertThat(listing.toString(StandardCharsets.UTF_8))
                .contains("3 broker(s); configured replication 3, min ISR 2")
                .contains("← below the configured");
        assertThat(new HealthChecks(env).run(EnumSet.of(HealthScope.KAFKA, HealthScope.TOPICS), Optional.empty()))
                .anySatisfy(row -> {
                    assertThat(row.check()).isEqualTo("replication");
                    assertThat(row.status()).isEqualTo(HealthChecks.Status.WARN);
                    assertThat(row.detail()).contains("below it: chainwatch.alerts (replication 1, min ISR 1)");
                });

        // ... and a node lost now takes the partitions it alone held offline: health FAILs (exit code 1)
        cluster.kill9(3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(new HealthChecks(env).run(EnumSet.of(
                HealthScope.KAFKA, HealthScope.TOPICS), Optional.empty())).anySatisfy(row -> {
                    assertThat(row.check()).isEqualTo("replication");
                    assertThat(row.status()).isEqualTo(HealthChecks.Status.FAIL);
                    assertThat(row.detail()).contains("OFFLINE partition(s)");
                }));
        assertThat(TopicsCommand.run(env, false, Duration.ofMinutes(1), new PrintStream(new ByteArrayOutputStream(),
                true, StandardCharsets.UTF_8))).isEqualTo(1);
        cluster.restart(3);
        cluster.awaitFullyReplicated(Duration.ofMinutes(1));

        // When the operator raises them
        ByteArrayOutputStream raising = new ByteArrayOutputStream();
        int raised = TopicsCommand.run(env, true, Duration.ofMinutes(2), new PrintStream(raising, true,
                StandardCharsets.UTF_8));

        // Then every topic keeps three copies, acknowledged by two
        String printed = raising.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(raised).as(printed).isZero();
        assertThat(printed).contains("partition(s) in sync on their new replicas").contains(
                "min.insync.replicas set to 2 on " + Topics.ALL.size() + " topic(s)").contains("Done:");
        try (Admin admin = Admin.create(kafka.common("topics-it"))) {
            ReplicationAudit audit = TopicInspector.audit(admin, ReplicationSettings.DEFAULTS,
                    TopicInspector.DEFAULT_MATCHER_APPLICATION_ID);
            assertThat(audit.below()).isEmpty();
            assertThat(audit.topics()).allSatisfy(t -> assertThat(t.replication()).isEqualTo(3));
        }
        // ... and any one node may now go: every record is still there, every partition still led
        cluster.kill9(cluster.nodeIds().get(0));
        assertThat(readAll(kafka)).isEqualTo(RECORDS);
    }

    private static int readAll(KafkaSettings kafka) {
        Map<String, Object> props = kafka.consumer("topics-it-reader", "topics-it-" + System.nanoTime());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            int count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (count < RECORDS && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }
}

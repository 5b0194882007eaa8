package io.chainwatch.notifier;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.kafka.TopicProvisioner;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.Topic;
import io.chainwatch.schema.Topics;
import io.chainwatch.testsupport.TestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * One test's world: a shared broker, a fresh consumer group that starts where the topic ended when the test began
 * (so alerts of earlier tests are not re-read), a Redis key prefix of its own, and the services it started.
 */
public final class NotifierHarness implements AutoCloseable {

    static final String TOKEN = "123456:TEST-token_abcdefghijklmnopqrstu";
    public static final String REDIS_URL = "redis://127.0.0.1:6379";

    private final TestBroker broker;
    private final KafkaSettings kafka;
    private final String apiUrl;
    final String redisPrefix = "it-" + UUID.randomUUID() + ":";
    final String group = "chainwatch-notifier-it-" + UUID.randomUUID();
    final Map<TopicPartition, Long> alertsStart;
    private final Map<TopicPartition, Long> chatEventsStart;
    private final Map<TopicPartition, Long> dlqStart;
    private final List<NotifierService> services = new ArrayList<>();
    /** The meters of the service started last. */
    volatile SimpleMeterRegistry registry;
    private final KafkaProducer<String, Alert> producer;

    NotifierHarness(TestBroker broker, String apiUrl) {
        this.broker = broker;
        this.kafka = new KafkaSettings(broker.bootstrapServers());
        this.apiUrl = apiUrl;
        TopicProvisioner.ensureAll(kafka);
        this.alertsStart = endOffsets(Topics.ALERTS);
        this.chatEventsStart = endOffsets(Topics.CHAT_EVENTS);
        this.dlqStart = endOffsets(Topics.ALERTS_DLQ);
        startGroupAt(group, alertsStart);
        this.producer = new KafkaProducer<>(Map.copyOf(kafka.producer("it-producer")), new StringSerializer(),
                Topics.ALERTS.valueSerde().serializer());
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(KafkaSettings.BOOTSTRAP, broker.bootstrapServers());
        env.put(NotifierSettings.BOT_TOKEN, TOKEN);
        env.put(NotifierSettings.API_URL, apiUrl);
        env.put(NotifierSettings.REDIS_URL, REDIS_URL);
        env.put(NotifierSettings.REDIS_KEY_PREFIX, redisPrefix);
        env.put(NotifierSettings.CONSUMER_GROUP, group);
        return env;
    }

    /**
     * {@link #env()} with every alert its own message however many are queued for a chat (no time digests, see
     * {@code NOTIFIER_DIGEST_AFTER}): for the tests that count one message per alert.
     */
    Map<String, String> envWithSingleMessages() {
        Map<String, String> env = env();
        env.put(NotifierSettings.DIGEST_AFTER, "1h");
        return env;
    }

    NotifierService start() {
        return start(env());
    }

    NotifierService start(Map<String, String> env) {
        registry = new SimpleMeterRegistry();
        NotifierService service = new NotifierService(NotifierSettings.from(RuntimeEnv.of(env)), registry, Clock
                .systemUTC());
        services.add(service);
        service.start();
        return service;
    }

    void produce(List<Alert> alerts) {
        try {
            for (Alert alert : alerts) {
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), Long.toString(alert.getChatId()), alert));
            }
            producer.flush();
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Alerts with random tx hashes, {@code perChat} for each of {@code chats}. */
    static List<Alert> alerts(List<Long> chats, int perChat) {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < perChat; i++) {
            for (long chat : chats) {
                alerts.add(TestAlerts.alert().chat(chat).tx(randomHash()).observedAt(System.currentTimeMillis())
                        .build());
            }
        }
        return alerts;
    }

    static String randomHash() {
        return "0x" + (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    /** Chat ids no other test uses: positive for private chats, negative for groups. */
    static List<Long> chats(int count, boolean groups) {
        long base = 1_000_000L + (long) (Math.random() * 1_000_000_000L) * 1_000;
        return IntStream.range(0, count).mapToObj(i -> (groups ? -1 : 1) * (base + i)).toList();
    }

    <V> List<V> readFrom(Topic<String, V> topic) {
        Map<TopicPartition, Long> start = topic == Topics.CHAT_EVENTS ? chatEventsStart : dlqStart;
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.copyOf(kafka.consumer("it-reader",
                "it-reader-" + UUID.randomUUID())), new StringDeserializer(), topic.valueSerde().deserializer())) {
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            List<V> values = new ArrayList<>();
            Map<TopicPartition, Long> end = endOffsets(topic);
            while (start.keySet().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    Map<TopicPartition, Long> endOffsets(Topic<?, ?> topic) {
        try (Admin admin = Admin.create(kafka.common("it-admin"))) {
            int partitions = topic.settings().partitions();
            Map<TopicPartition, OffsetSpec> request = IntStream.range(0, partitions).boxed().collect(Collectors.toMap(
                    p -> new TopicPartition(topic.name(), p), p -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    void startGroupAt(String groupId, Map<TopicPartition, Long> offsets) {
        try (Admin admin = Admin.create(kafka.common("it-admin"))) {
            admin.alterConsumerGroupOffsets(groupId, offsets.entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<TopicPartition, Long> committed(String groupId) {
        try (Admin admin = Admin.create(kafka.common("it-admin"))) {
            return admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getValue() != null).collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()
                            .offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of a counter of the service started last, 0 when it was never incremented. */
    double counter(String name) {
        return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static <T> Map<T, Long> counts(List<T> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Override
    public void close() {
        services.forEach(NotifierService::close);
        producer.close();
        try (Jedis jedis = new Jedis(java.net.URI.create(REDIS_URL))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(redisPrefix + "*").count(1000));
                page.getResult().forEach(jedis::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    static Set<String> hashes(List<Alert> alerts) {
        return alerts.stream().map(Alert::getTxHash).collect(Collectors.toSet());
    }
}

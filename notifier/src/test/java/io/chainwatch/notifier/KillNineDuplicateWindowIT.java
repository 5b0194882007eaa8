package io.chainwatch.notifier;

import static io.chainwatch.notifier.NotifierHarness.alerts;
import static io.chainwatch.notifier.NotifierHarness.chats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.devkit.BotApiDouble.SentMessage;
import io.chainwatch.kafka.KafkaSettings;
import io.chainwatch.notifier.app.NotifierApplication;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.testsupport.JvmProcess;

import redis.clients.jedis.Jedis;

/**
 * Issue #5's crash test: the notifier runs as its own process (as in a container) against a real broker, the local
 * Redis and the strict Bot API double, and is killed with SIGKILL twice while it drains a backlog, then restarted.
 * <p>
 * The documented duplicate window is a message Telegram accepted whose {@code notified:} key was not yet written
 * when the process died. The test reads that set from the double and Redis right after each kill (the process is
 * dead, so neither can change any more), then asserts that nothing was lost, that every message sent twice belongs
 * to that set, and that the set never holds more than the sends that can be in flight ({@code
 * NOTIFIER_SEND_CONCURRENCY}). It also measures, for every delivery, the time from Telegram's acceptance to the
 * ledger write.
 */
class KillNineDuplicateWindowIT extends WithNotifierHarness {

    private static final Logger LOG = LoggerFactory.getLogger(KillNineDuplicateWindowIT.class);
    private static final int CHATS = 30;
    private static final int ALERTS_PER_CHAT = 10; // below the digest threshold: one message per alert
    private static final int CONCURRENCY = NotifierSettings.DEFAULT_SEND_CONCURRENCY;
    /** Messages delivered (in all) at which each kill happens: mid-drain, each time with sends in flight. */
    private static final List<Integer> KILL_AFTER = List.of(70, 170);

    private final List<JvmProcess> processes = new ArrayList<>();

    @AfterEach
    void closeProcesses() {
        processes.forEach(JvmProcess::close);
    }

    /** The notifier in its own JVM, with the same instance id each time (static membership: it takes over at once). */
    private JvmProcess launch(int generation) throws IOException {
        return launch(generation, telegram.baseUrl());
    }

    private JvmProcess launch(int generation, String apiUrl) throws IOException {
        Map<String, String> env = new HashMap<>(harness.envWithSingleMessages());
        env.put(NotifierSettings.API_URL, apiUrl);
        env.put(NotifierSettings.SEND_CONCURRENCY, Integer.toString(CONCURRENCY));
        env.put(KafkaSettings.INSTANCE_ID, "notifier-kill-test");
        env.put(NotifierSettings.DATA_DIR, Files.createTempDirectory("chainwatch-notifier-kill").toString());
        env.put("MICRONAUT_SERVER_PORT", "-1");
        JvmProcess process = JvmProcess.start("notifier-" + generation, NotifierApplication.class, env);
        processes.add(process);
        return process;
    }

    @Test
    void shouldLoseNothingAndDuplicateOnlyUnrecordedSendsWhenKilledMidDrain() throws IOException { // issue #5
        List<Alert> alerts = alerts(chats(CHATS, false), ALERTS_PER_CHAT);
        Map<String, Alert> byHash = alerts.stream().collect(Collectors.toMap(Alert::getTxHash, Function.identity()));
        JvmProcess notifier = launch(0);
        harness.produce(alerts);

        Set<String> unrecorded = new HashSet<>();
        for (int kill = 0; kill < KILL_AFTER.size(); kill++) {
            int threshold = KILL_AFTER.get(kill);
            JvmProcess running = notifier;
            await().atMost(Duration.ofSeconds(90)).until(() -> telegram.sentMessages().size() >= threshold
                    || !running.isAlive());
            assertThat(notifier.isAlive()).as(notifier::output).isTrue();
            notifier.kill9();
            // a request the dead process had fully written may still be answered: wait until the double is quiet
            await().pollInterval(Duration.ofMillis(100)).during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(new StableCount()::unchanged);
            Set<String> window = acceptedButUnrecorded(byHash);
            LOG.info("Kill {} after {} messages: {} accepted by Telegram without a ledger key {}", kill + 1, telegram
                    .sentMessages().size(), window.size(), window);
            assertThat(window).hasSizeLessThanOrEqualTo(CONCURRENCY);
            unrecorded.addAll(window);
            notifier = launch(kill + 1);
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> deliveries(byHash).keySet().size() == alerts.size());
        // nothing more arrives later either (a second copy would come within a pacing interval or two)
        await().pollInterval(Duration.ofMillis(200)).during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(new StableCount()::unchanged);

        Map<String, Long> deliveries = deliveries(byHash);
        Set<String> duplicated = deliveries.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        List<Long> window = acceptToLedgerMillis(byHash, unrecorded);
        LOG.info("Kill -9 twice mid-drain: {} alerts, {} messages, {} duplicate(s) {}; {} send(s) were in the window "
                + "at the kills; Telegram accepted -> ledger write started over {} deliveries: p50 {} ms, p99 {} ms, "
                + "max {} ms", alerts.size(), telegram.sentMessages().size(), duplicated.size(), duplicated,
                unrecorded
                        .size(),
                window.size(), percentile(window, 50), percentile(window, 99), percentile(window,
                        100));
        assertThat(deliveries).hasSize(alerts.size()); // nothing lost
        assertThat(deliveries.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(duplicated).isSubsetOf(unrecorded);
        assertThat(telegram.tooManyRequestsCount()).isZero();
        assertThat(notifier.isAlive()).as(notifier::output).isTrue();
    }

    /**
     * The worst case, made certain: every send in flight has been accepted by Telegram and its answer is held back
     * when the process dies. Exactly those messages, and no others, are sent again; there are no more of them than
     * {@code NOTIFIER_SEND_CONCURRENCY}.
     */
    @Test
    void shouldRepeatExactlyTheSendsInFlightWhenKilledWhileTheirAnswersAreOnTheWay() throws IOException { // issue #5
        List<Alert> alerts = alerts(chats(3 * CONCURRENCY, false), 1);
        Map<String, Alert> byHash = alerts.stream().collect(Collectors.toMap(Alert::getTxHash, Function.identity()));
        Set<String> window;
        try (AnswerHoldingProxy proxy = AnswerHoldingProxy.to(telegram.baseUrl())) {
            proxy.hold();
            JvmProcess notifier = launch(0, proxy.baseUrl());
            harness.produce(alerts);
            await().atMost(Duration.ofSeconds(60)).until(() -> telegram.sentMessages().size() >= CONCURRENCY
                    || !notifier.isAlive());
            // no further send can start: every sending slot waits for its answer
            await().pollInterval(Duration.ofMillis(100)).during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(new StableCount()::unchanged);
            assertThat(notifier.isAlive()).as(notifier::output).isTrue();
            notifier.kill9();
            window = acceptedButUnrecorded(byHash);
        }
        assertThat(window).hasSize(CONCURRENCY);

        launch(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries(byHash).size() == alerts.size());
        await().pollInterval(Duration.ofMillis(200)).during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(new StableCount()::unchanged);
        Map<String, Long> deliveries = deliveries(byHash);
        Set<String> duplicated = deliveries.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        LOG.info("Kill -9 with {} answers held: {} alerts, {} messages, {} duplicate(s)", CONCURRENCY, alerts.size(),
                telegram.sentMessages().size(), duplicated.size());
        assertThat(deliveries).hasSize(alerts.size());
        assertThat(deliveries.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
        assertThat(duplicated).isEqualTo(window);
        assertThat(telegram.tooManyRequestsCount()).isZero();
    }

    /** How many sent messages mention each alert's tx hash, by hash. */
    private Map<String, Long> deliveries(Map<String, Alert> byHash) {
        return telegram.sentMessages().stream().flatMap(m -> byHash.keySet().stream().filter(h -> m.text().contains(
                h))).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Hashes of alerts Telegram accepted whose {@code notified:} key is not in Redis. */
    private Set<String> acceptedButUnrecorded(Map<String, Alert> byHash) {
        Set<String> result = new HashSet<>();
        try (Jedis jedis = new Jedis(URI.create(NotifierHarness.REDIS_URL))) {
            for (String hash : deliveries(byHash).keySet()) {
                if (!jedis.exists(harness.redisPrefix + AlertIds.notifiedKey(byHash.get(hash).getId()))) {
                    result.add(hash);
                }
            }
        }
        return result;
    }

    /**
     * For each delivery the same process sent and recorded (all but {@code resent}), the time from the double
     * accepting the message to the notifier starting its ledger write (the key's value is that instant; both clocks
     * are this machine's).
     */
    private List<Long> acceptToLedgerMillis(Map<String, Alert> byHash, Set<String> resent) {
        Map<String, Long> firstAccepted = new HashMap<>();
        for (SentMessage message : telegram.sentMessages()) {
            byHash.keySet().stream().filter(h -> message.text().contains(h)).forEach(h -> firstAccepted.putIfAbsent(h,
                    message.at().toEpochMilli()));
        }
        List<Long> millis = new ArrayList<>();
        try (Jedis jedis = new Jedis(URI.create(NotifierHarness.REDIS_URL))) {
            firstAccepted.forEach((hash, accepted) -> {
                String written = jedis.get(harness.redisPrefix + AlertIds.notifiedKey(byHash.get(hash).getId()));
                if (written != null && !resent.contains(hash)) {
                    millis.add(Long.parseLong(written) - accepted);
                }
            });
        }
        millis.sort(null);
        return millis;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }

    /** True once the double's message count stayed the same since the previous call. */
    private final class StableCount {
        private int last = -1;

        boolean unchanged() {
            int now = telegram.sentMessages().size();
            boolean same = now == last;
            last = now;
            return same;
        }
    }
}

package io.chainwatch.notifier.delivery;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The notifier's meters; in Prometheus they read {@code chainwatch_notifier_sent_total},
 * {@code chainwatch_notifier_edits_total},
 * {@code chainwatch_notifier_alerts_delivered_total}, {@code chainwatch_notifier_too_many_requests_total},
 * {@code chainwatch_notifier_failures_total{outcome}}, {@code chainwatch_notifier_dead_letters_total},
 * {@code chainwatch_notifier_chat_events_total}, {@code chainwatch_notifier_queue_depth},
 * {@code chainwatch_notifier_oldest_queued_age_seconds}, {@code chainwatch_notifier_progress_deferred_total}
 * (confirmation updates held back behind new alerts), {@code chainwatch_notifier_progress_skipped_total{reason}}
 * (confirmation updates dropped without a Bot API call), {@code chainwatch_notifier_block_to_send_seconds} (with
 * percentiles) and {@code chainwatch_notifier_ledger_write_seconds} (the duplicate window: Telegram's answer to the
 * ledger write). Thread-safe.
 */
public final class NotifierMetrics {

    private final MeterRegistry registry;
    private final Supplier<Number> progressDeferred;
    private final Counter sent;
    private final Counter edits;
    private final Counter alertsDelivered;
    private final Counter tooManyRequests;
    private final Counter deadLetters;
    private final Counter chatEvents;
    private final Counter belowMinimum;
    private final Timer blockToSend;
    private final Timer ledgerWrite;

    public NotifierMetrics(MeterRegistry registry, Supplier<Number> queueDepth, Supplier<Number> oldestQueuedAgeSeconds,
            Supplier<Number> progressDeferred) {
        this.registry = registry;
        this.progressDeferred = progressDeferred; // the meter holds it weakly
        FunctionCounter.builder("chainwatch.notifier.progress.deferred", progressDeferred, s -> s.get().doubleValue())
                .description("Confirmation updates held back at least once because new alerts waited for the budget")
                .register(registry);
        this.sent = Counter.builder("chainwatch.notifier.sent").description("Messages Telegram accepted").register(
                registry);
        this.edits = Counter.builder("chainwatch.notifier.edits").description(
                "Messages edited (a confirmation update, or a reorg follow-up striking through the announcement)")
                .register(registry);
        this.alertsDelivered = Counter.builder("chainwatch.notifier.alerts.delivered").description(
                "Alerts delivered (a digest delivers several)").register(registry);
        this.tooManyRequests = Counter.builder("chainwatch.notifier.too.many.requests").description(
                "429 answers from Telegram").register(registry);
        this.deadLetters = Counter.builder("chainwatch.notifier.dead.letters").description(
                "Alerts written to chainwatch.alerts.dlq").register(registry);
        this.chatEvents = Counter.builder("chainwatch.notifier.chat.events").description(
                "Chat events (blocked, migrated, deleted) published").register(registry);
        this.belowMinimum = Counter.builder("chainwatch.notifier.below.minimum").description(
                "Alerts not sent because their dollar value is below the watch's /settings min").register(registry);
        this.blockToSend = Timer.builder("chainwatch.notifier.block.to.send").description(
                "From the ingestor seeing the block to Telegram accepting the message").publishPercentiles(0.5, 0.9,
                        0.99)
                .publishPercentileHistogram().register(registry);
        this.ledgerWrite = Timer.builder("chainwatch.notifier.ledger.write").description(
                "From Telegram's answer to the delivery being recorded: the window in which a crash can duplicate")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("chainwatch.notifier.queue.depth", () -> queueDepth.get()).description(
                "Alerts queued or in flight").register(registry);
        Gauge.builder("chainwatch.notifier.oldest.queued.age.seconds", () -> oldestQueuedAgeSeconds.get())
                .description("Age of the oldest queued alert").register(registry);
    }

    void sent(int alerts) {
        sent.increment();
        alertsDelivered.increment(alerts);
    }

    void edited() {
        edits.increment();
        alertsDelivered.increment();
    }

    void blockToSend(Duration latency) {
        blockToSend.record(latency);
    }

    void ledgerWrite(Duration window) {
        ledgerWrite.record(window);
    }

    void progressSkipped(Progress.SkipReason reason) {
        Counter.builder("chainwatch.notifier.progress.skipped").description(
                "Confirmation updates dropped without a Bot API call").tag("reason",
                        reason.name().toLowerCase(
                                java.util.Locale.ROOT))
                .register(registry).increment();
    }

    void tooManyRequests() {
        tooManyRequests.increment();
    }

    void failure(String outcome) {
        Counter.builder("chainwatch.notifier.failures").tag("outcome", outcome).register(registry).increment();
    }

    void deadLetters(int count) {
        deadLetters.increment(count);
    }

    void belowMinimum(int count) {
        belowMinimum.increment(count);
    }

    void chatEvent() {
        chatEvents.increment();
    }
}

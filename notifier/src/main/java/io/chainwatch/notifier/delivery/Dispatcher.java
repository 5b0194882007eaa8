package io.chainwatch.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chainwatch.notifier.delivery.ChatScheduler.Dispatch;
import io.chainwatch.notifier.delivery.KafkaSink.KafkaSinkException;
import io.chainwatch.notifier.format.AlertFormatter;
import io.chainwatch.notifier.format.AlertFormatter.Message;
import io.chainwatch.notifier.ledger.DeliveryLedger;
import io.chainwatch.notifier.ledger.MessageRef;
import io.chainwatch.notifier.ledger.StoreUnavailableException;
import io.chainwatch.notifier.telegram.SendOutcome;
import io.chainwatch.notifier.telegram.SendOutcome.ChatGone;
import io.chainwatch.notifier.telegram.SendOutcome.Delivered;
import io.chainwatch.notifier.telegram.SendOutcome.NotEditable;
import io.chainwatch.notifier.telegram.SendOutcome.Rejected;
import io.chainwatch.notifier.telegram.SendOutcome.RetryAfter;
import io.chainwatch.notifier.telegram.SendOutcome.Scope;
import io.chainwatch.notifier.telegram.SendOutcome.Transient;
import io.chainwatch.notifier.telegram.TelegramClient;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.ChatEvent;
import io.chainwatch.schema.ChatEventType;

/**
 * The sending side: takes the next due {@link Dispatch} from the {@link DeliveryState} and delivers it on a virtual
 * thread (at most {@code concurrency} at once). A delivery checks the ledger, waits (briefly) for the {@link Lookups}
 * its alerts need, drops those below their watch's dollar minimum, formats the message (a digest when the chat has a
 * backlog), takes a token from the global budget, sends, records the delivery (and the message's id) in
 * the ledger, and only then lets the alerts' offsets be committed. An ORPHANED alert whose announcement was a single
 * message edits that message instead (struck through, with the reorg explained); if it cannot, it is sent anew. A
 * PROGRESS alert only ever edits its announcement (a new confirmation count), as {@link Progress} decides, or is
 * dropped; such an edit takes a token only while no other dispatch waits for one, else gives its turn back. Every
 * {@link SendOutcome} is handled here. Thread-safe: the loop runs on one thread; deliveries share only thread-safe
 * collaborators.
 */
public final class Dispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long IDLE_WAIT_MILLIS = 200;
    /** How long sending pauses when Redis (or the ledger file) cannot be used, before trying again. */
    static final Duration STORE_RETRY = Duration.ofSeconds(1);

    private final DeliveryState state;
    private final DeliveryLedger ledger;
    private final GlobalRateLimiter budget;
    private final TelegramClient telegram;
    private final KafkaSink sink;
    private final NotifierMetrics metrics;
    private final Lookups lookups;
    private final AlertFormatter formatter;
    private final ProgressEdits progressEdits;
    private final ExecutorService executor;
    private final Semaphore permits;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean storeAvailable = new AtomicBoolean(true);
    /** ORPHANED alerts whose original message Telegram would not edit: they go out as new messages. */
    private final Set<String> uneditable = ConcurrentHashMap.newKeySet();

    public Dispatcher(DeliveryState state, DeliveryLedger ledger, GlobalRateLimiter budget, TelegramClient telegram,
            KafkaSink sink, NotifierMetrics metrics, ExecutorService executor, int concurrency,
            Lookups lookups) {
        this.lookups = lookups;
        this.formatter = lookups.formatter();
        this.state = state;
        this.ledger = ledger;
        this.budget = budget;
        this.telegram = telegram;
        this.sink = sink;
        this.metrics = metrics;
        this.executor = executor;
        this.permits = new Semaphore(concurrency);
        this.progressEdits = new ProgressEdits(ledger);
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                permits.acquire();
                var next = state.awaitNext(IDLE_WAIT_MILLIS);
                if (next.isEmpty() || !running.get()) {
                    next.ifPresent(d -> state.withScheduler(s -> s.abandoned(d)));
                    permits.release();
                    continue;
                }
                Dispatch dispatch = next.get();
                executor.execute(() -> {
                    try {
                        deliver(dispatch);
                    } catch (RuntimeException e) {
                        LOG.error("Delivery to chat {} failed unexpectedly; it will be retried", dispatch.chatId(), e);
                        state.withScheduler(s -> s.failedTransiently(dispatch, state.now()));
                    } finally {
                        permits.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking new dispatches; deliveries in flight finish (see
     * {@link io.chainwatch.notifier.NotifierService#close()}).
     */
    public void stop() {
        running.set(false);
        state.signal();
    }

    public boolean storeAvailable() {
        return storeAvailable.get();
    }

    void deliver(Dispatch dispatch) {
        Set<String> already;
        Map<String, MessageRef> originals;
        Map<String, Progress.Decision> progress;
        try {
            already = ledger.delivered(dispatch.alerts().stream().map(a -> a.alert().getId()).toList());
            originals = ledger.messages(dispatch.alerts().stream().filter(a -> !already.contains(a.alert().getId()))
                    .map(QueuedAlert::alert).filter(Reorgs::isOrphaned).map(Reorgs::originalId).toList());
            progress = progressEdits.decide(dispatch, already);
            storeUp();
        } catch (StoreUnavailableException e) {
            storeDown(dispatch, e);
            return;
        }
        progress.values().forEach(decision -> {
            if (decision instanceof Progress.Skip(Progress.SkipReason reason)) {
                metrics.progressSkipped(reason);
            }
        });
        // a progress step that cannot be shown is handled without a message, like one delivered before
        List<QueuedAlert> handled = dispatch.alerts().stream().filter(a -> already.contains(a.alert().getId())
                || progress.get(a.alert().getId()) instanceof Progress.Skip).toList();
        List<QueuedAlert> pending = dispatch.alerts().stream().filter(a -> !handled.contains(a)).toList();
        if (!pending.isEmpty()) {
            lookups.await(pending.stream().map(QueuedAlert::alert).toList());
        }
        // below the watch's dollar minimum, now that the price is known: handled without a message
        List<QueuedAlert> belowMinimum = pending.stream().filter(a -> lookups.prices().belowMinimum(a.alert()))
                .toList();
        if (!belowMinimum.isEmpty()) {
            metrics.belowMinimum(belowMinimum.size());
        }
        List<QueuedAlert> skipped = concat(handled, belowMinimum);
        List<QueuedAlert> todo = pending.stream().filter(a -> !belowMinimum.contains(a)).toList();
        if (todo.isEmpty()) {
            state.completed(dispatch, skipped, false);
            return;
        }
        if (progress.get(todo.get(0).alert().getId()) instanceof Progress.Edit(MessageRef message)) {
            editProgress(dispatch, todo.get(0), message, skipped);
            return;
        }
        Optional<MessageRef> original = editable(todo.get(0), originals, dispatch.chatId());
        if (original.isPresent()) {
            editOriginal(dispatch, todo.get(0), original.get(), skipped);
            return;
        }
        // a digest stops before the next alert that edits its own message
        int sendable = 1;
        while (sendable < todo.size() && editable(todo.get(sendable), originals, dispatch.chatId()).isEmpty()) {
            sendable++;
        }
        Message message = formatter.firstMessage(todo.subList(0, sendable).stream().map(QueuedAlert::alert)
                .toList());
        List<QueuedAlert> included = todo.subList(0, message.alerts().size());
        if (!awaitBudget(dispatch)) {
            return;
        }
        SendOutcome outcome = telegram.send(dispatch.chatId(), message.text(), QuietHoursPolicy.silent(message
                .alerts(), Instant.ofEpochMilli(state.now())));
        handle(dispatch, outcome, included, skipped, false);
    }

    /**
     * The message to edit for {@code queued}: it is an ORPHANED alert whose announcement was a single message (not a
     * digest) to this very chat, and no edit of it was refused before.
     */
    private Optional<MessageRef> editable(QueuedAlert queued, Map<String, MessageRef> originals, long chatId) {
        Alert alert = queued.alert();
        if (!Reorgs.isOrphaned(alert) || uneditable.contains(alert.getId())) {
            return Optional.empty();
        }
        return Optional.ofNullable(originals.get(Reorgs.originalId(alert))).filter(ref -> ref.alerts() == 1 && ref
                .chatId() == chatId);
    }

    /**
     * Strikes through the original announcement of an orphaned alert. An edit is paced like a send (the global
     * budget, the chat's interval). If Telegram cannot edit the message (deleted, too old) or refuses the edit, the
     * alert stays queued and goes out as a new message at the chat's next turn.
     */
    private void editOriginal(Dispatch dispatch, QueuedAlert orphaned, MessageRef original,
            List<QueuedAlert> skipped) {
        if (!awaitBudget(dispatch)) {
            return;
        }
        SendOutcome outcome = telegram.edit(original.chatId(), original.messageId(), formatter.orphanedEdit(orphaned
                .alert()));
        if (outcome instanceof NotEditable || outcome instanceof Rejected) {
            String reason = outcome instanceof NotEditable(String r) ? r : ((Rejected) outcome).reason();
            LOG.info("Cannot edit message {} in chat {} for alert {} ({}); sending a new message instead", original
                    .messageId(), original.chatId(), orphaned.alert().getId(), reason);
            metrics.failure("not_editable");
            uneditable.add(orphaned.alert().getId());
            long now = state.now();
            state.withScheduler(s -> s.chatRetryAt(dispatch, now + s.interval(dispatch.chatId()).toMillis()));
            return;
        }
        handle(dispatch, outcome, List.of(orphaned), skipped, true);
    }

    /**
     * Shows a new confirmation count on the message that announced an alert at 0 confirmations; paced like a send.
     * A step Telegram will not apply (message deleted, too old, refused) is dropped: it never becomes a message.
     */
    private void editProgress(Dispatch dispatch, QueuedAlert progress, MessageRef original,
            List<QueuedAlert> skipped) {
        if (!awaitBudget(dispatch)) {
            return;
        }
        SendOutcome outcome = telegram.edit(original.chatId(), original.messageId(), formatter.progressEdit(progress
                .alert()));
        if (outcome instanceof NotEditable || outcome instanceof Rejected) {
            LOG.info("Cannot show confirmations of alert {} on message {} in chat {} ({}); dropping the update",
                    progress.alert().getId(), original.messageId(), original.chatId(), outcome);
            state.completed(dispatch, concat(List.of(progress), skipped), true);
            return;
        }
        handle(dispatch, outcome, List.of(progress), skipped, true);
    }

    private void handle(Dispatch dispatch, SendOutcome outcome, List<QueuedAlert> included,
            List<QueuedAlert> skipped, boolean edit) {
        long now = state.now();
        long answeredAtNanos = System.nanoTime();
        switch (outcome) {
            case Delivered(long messageId) -> {
                if (!markDelivered(included, new MessageRef(dispatch.chatId(), messageId, included.size()))) {
                    return; // shutting down with the ledger unreachable: stays pending, see markDelivered
                }
                metrics.ledgerWrite(Duration.ofNanos(System.nanoTime() - answeredAtNanos));
                if (edit) {
                    metrics.edited();
                } else {
                    metrics.sent(included.size());
                }
                included.forEach(a -> uneditable.remove(a.alert().getId()));
                included.stream().mapToLong(a -> a.alert().getObservedAtMillis()).filter(t -> t > 0).forEach(
                        t -> metrics.blockToSend(Duration.ofMillis(Math.max(0, now - t))));
                state.completed(dispatch, concat(included, skipped), true);
            }
            case RetryAfter(Scope scope, Duration after) -> {
                metrics.tooManyRequests();
                LOG.warn("Telegram asked to wait {} s ({} scope) after a message to chat {}", after.toSeconds(),
                        scope, dispatch.chatId());
                state.withScheduler(s -> {
                    if (scope == Scope.GLOBAL) {
                        s.pauseAll(now + after.toMillis());
                    }
                    s.chatRetryAt(dispatch, now + after.toMillis());
                });
            }
            case Transient(String reason) -> {
                metrics.failure("transient");
                LOG.warn("Sending to chat {} failed ({}); backing off", dispatch.chatId(), reason);
                state.withScheduler(s -> s.failedTransiently(dispatch, now));
            }
            case Rejected(String reason) -> rejected(dispatch, included, skipped, reason);
            case NotEditable(String reason) -> throw new IllegalStateException("a send answered as an edit: "
                    + reason);
            case ChatGone gone -> chatGone(dispatch, gone, skipped);
        }
    }

    private void rejected(Dispatch dispatch, List<QueuedAlert> included, List<QueuedAlert> skipped, String reason) {
        metrics.failure("rejected");
        if (included.size() > 1) {
            LOG.warn("Telegram refused a digest for chat {} ({}); sending its alerts one by one", dispatch.chatId(),
                    reason);
            state.withScheduler(s -> s.digestRejected(dispatch));
            return;
        }
        Alert alert = included.get(0).alert();
        LOG.warn("Telegram refused alert {} for chat {} ({}); dead-lettering it", alert.getId(), dispatch.chatId(),
                reason);
        try {
            sink.deadLetters(List.of(alert), "telegram rejected the message: " + reason, state.now());
            metrics.deadLetters(1);
            state.completed(dispatch, concat(included, skipped), false);
        } catch (KafkaSinkException e) {
            LOG.warn("Could not dead-letter alert {}: {}", alert.getId(), e.getMessage());
            state.withScheduler(s -> s.failedTransiently(dispatch, state.now()));
        }
    }

    private void chatGone(Dispatch dispatch, ChatGone gone, List<QueuedAlert> skipped) {
        metrics.failure("chat_gone");
        long chatId = dispatch.chatId();
        ChatEvent event = new ChatEvent(chatId, gone.type(), gone.newChatId().orElse(null), gone.reason(), state
                .now());
        try {
            sink.chatEvent(event);
            metrics.chatEvent();
        } catch (KafkaSinkException e) {
            LOG.warn("Could not publish the {} event of chat {}: {}", gone.type(), chatId, e.getMessage());
            state.withScheduler(s -> s.failedTransiently(dispatch, state.now()));
            return;
        }
        if (gone.type() == ChatEventType.MIGRATED && gone.newChatId().isPresent()) {
            long to = gone.newChatId().get();
            LOG.info("Chat {} migrated to {}; re-sending its alerts there", chatId, to);
            state.migrated(chatId, to);
            state.withScheduler(s -> s.migrate(dispatch, to, state.now()));
            return;
        }
        List<QueuedAlert> removed = state.removeChat(dispatch);
        List<QueuedAlert> undeliverable = removed.stream().filter(a -> !skipped.contains(a)).toList();
        LOG.info("Chat {} is gone ({}: {}); dead-lettering its {} queued alert(s)", chatId, gone.type(), gone
                .reason(), undeliverable.size());
        try {
            sink.deadLetters(undeliverable.stream().map(QueuedAlert::alert).toList(), "chat " + gone.type().name()
                    .toLowerCase(java.util.Locale.ROOT) + ": " + gone.reason(), state.now());
            metrics.deadLetters(undeliverable.size());
            removed.forEach(a -> state.offsets().done(a.partition(), a.offset()));
        } catch (KafkaSinkException e) {
            LOG.warn("Could not dead-letter the alerts of chat {}: {}; they stay queued", chatId, e.getMessage());
            removed.forEach(a -> state.withScheduler(s -> s.enqueue(a, state.now())));
        }
    }

    /**
     * Waits for a token of the global budget and for any global pause to end; false if the dispatch was dropped. A
     * progress edit takes a token only while no other dispatch waits for one, and otherwise gives its turn back to the
     * scheduler, which hands it out again once the new alerts have their tokens (see {@link ChatScheduler}).
     */
    private boolean awaitBudget(Dispatch dispatch) {
        boolean edit = dispatch.progressEdit();
        try {
            while (running.get()) {
                long pausedFor = state.globalPausedUntil() - state.now();
                if (pausedFor > 0) {
                    Thread.sleep(Math.min(pausedFor, IDLE_WAIT_MILLIS));
                    continue;
                }
                if (edit && state.deferEditIfNewAlertsWait(dispatch)) {
                    return false;
                }
                Duration wait = budget.tryAcquire();
                if (wait.isZero()) {
                    if (!edit) {
                        state.withScheduler(s -> s.budgetTaken(dispatch));
                    }
                    return true;
                }
                Thread.sleep(Math.max(1, Math.min(wait.toMillis(), IDLE_WAIT_MILLIS)));
            }
        } catch (StoreUnavailableException e) {
            storeDown(dispatch, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state.withScheduler(s -> s.abandoned(dispatch));
        return false;
    }

    /**
     * Records a delivery, retrying while the ledger is unreachable (sending is paused meanwhile). Only if the service
     * is being closed and the ledger is still down does it give up: the alerts stay pending, so their offsets are not
     * committed, and a later replay may send them again — the one duplicate window this design accepts.
     */
    private boolean markDelivered(List<QueuedAlert> alerts, MessageRef message) {
        List<String> ids = alerts.stream().map(a -> a.alert().getId()).toList();
        while (true) {
            try {
                ledger.markDelivered(ids, message);
                storeUp();
                return true;
            } catch (StoreUnavailableException e) {
                if (storeAvailable.compareAndSet(true, false)) {
                    LOG.warn("Delivery ledger unavailable ({}); sending paused until it is back", e.getMessage());
                }
                state.withScheduler(s -> s.pauseAll(state.now() + STORE_RETRY.toMillis()));
                try {
                    Thread.sleep(STORE_RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    LOG.error("Shutting down before alerts {} could be recorded as delivered: a replay may repeat "
                            + "them", ids);
                    return false;
                }
            }
        }
    }

    private void storeDown(Dispatch dispatch, StoreUnavailableException e) {
        if (storeAvailable.compareAndSet(true, false)) {
            LOG.warn("Delivery ledger or shared rate budget unavailable ({}); sending paused until it is back", e
                    .getMessage());
        }
        state.withScheduler(s -> {
            s.abandoned(dispatch);
            s.pauseAll(state.now() + STORE_RETRY.toMillis());
        });
    }

    private void storeUp() {
        if (storeAvailable.compareAndSet(false, true)) {
            LOG.info("Delivery ledger reachable again; sending resumes");
        }
    }

    private static List<QueuedAlert> concat(List<QueuedAlert> a, List<QueuedAlert> b) {
        List<QueuedAlert> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

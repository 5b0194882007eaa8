package io.chainwatch.notifier.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;

/**
 * The per-chat FIFO queues and the choice of what to send next. Pure: time is passed in (epoch millis from the
 * service's clock), nothing blocks, and every send outcome comes back through one of the completion methods.
 * <p>
 * Fairness: a chat becomes eligible when it has queued alerts, nothing in flight, and its own pacing allows a message
 * (private chats one per {@code privateInterval}, groups one per {@code groupInterval}); among eligible chats the one
 * that has been eligible the longest goes first. So a chat with a thousand queued alerts takes one turn per pacing
 * interval while every other chat gets its turn in between: no head-of-line blocking.
 * <p>
 * Digests: when a chat's turn comes, {@link DigestRule} decides whether its dispatch carries the head of its queue
 * alone or several alerts (up to {@code maxDigestBatch}): a backlog above {@code digestThreshold}, or one that would
 * keep an alert waiting longer than {@code digestAfter} if sent one message per interval, goes as a digest. The caller
 * packs as many as fit into one message and reports which were sent. Because the choice is made when the chat's turn
 * comes (its interval over and a sender free, the senders being held by dispatches waiting for the global budget), a
 * chat's queue keeps folding while the bot's budget is the bottleneck.
 * <p>
 * Confirmation edits yield across chats: a chat whose next dispatch would edit a message for a {@link Progress} step
 * is served only when no other chat is eligible and no other dispatch is still on its way to the global budget
 * ({@link #budgetTaken}); an edit that finds one waiting gives its turn back ({@link #deferEdit}), and at most
 * {@code maxEditsInFlight} edits are in flight. So a new alert never queues for a token (or a sender) behind a depth
 * update, while the updates use whatever budget the new alerts leave. A step with a deeper step of the same
 * announcement queued behind it, or queued for longer than {@code progressMaxWait}, is handed out to be skipped (no
 * Bot API call): the first is shown by the deeper step, the second bounds how long a deferred step holds its
 * partition's offsets.
 * <p>
 * Not thread-safe: the service guards it with one lock.
 */
public final class ChatScheduler {

    /**
     * How fast each kind of chat may be written to, and when to switch to digests.
     *
     * @param digestThreshold a chat backlog above this many alerts goes as digests
     * @param digestAfter the longest an alert should wait in its chat's queue: a backlog of two or more new alerts
     *            that, sent one per interval, would keep one waiting longer goes as a digest (see {@link DigestRule})
     * @param progressQuiet how long after a chat's last new alert its messages may be edited with confirmation updates:
     *            an edit takes the chat's slot for one interval, so it must not come while new alerts are flowing
     * @param progressMaxWait how long a confirmation step may wait (from being queued) for the budget new alerts leave
     *            before it is skipped
     * @param maxEditsInFlight how many progress edits may be in flight at once: fewer than the sends in flight, so
     *            that a new alert always finds a sender free rather than waiting for an edit to finish
     */
    public record Pacing(Duration privateInterval, Duration groupInterval, int digestThreshold, Duration digestAfter,
            int maxDigestBatch, Duration progressQuiet, Duration progressMaxWait, int maxEditsInFlight) {
    }

    /**
     * What goes to one chat next: alerts of one chat handed out for one message; the chat has nothing else in flight
     * until it completes.
     *
     * @param progressSkip set when the {@link Progress} steps of this dispatch are to be skipped without reading the
     *            ledger: {@code BACKLOGGED} when an alert that is not a step waits behind it in the chat's queue, or
     *            one was sent to the chat less than {@link Pacing#progressQuiet} ago (a confirmation update never takes
     *            the slot a new alert needs); {@code SUPERSEDED} when a deeper step of the same announcement is queued
     *            behind it; {@code WAITED_TOO_LONG} when it has been queued for {@link Pacing#progressMaxWait}
     */
    record Dispatch(long chatId, List<QueuedAlert> alerts, Optional<Progress.SkipReason> progressSkip) {

        Dispatch(long chatId, List<QueuedAlert> alerts) {
            this(chatId, alerts, Optional.empty());
        }

        boolean digest() {
            return alerts.size() > 1;
        }

        boolean chatBusy() {
            return progressSkip.equals(Optional.of(Progress.SkipReason.BACKLOGGED));
        }

        /** A single confirmation step that may edit its announcement: the one kind that yields the global budget. */
        boolean progressEdit() {
            return alerts.size() == 1 && Progress.isProgress(alerts.get(0).alert()) && progressSkip.isEmpty();
        }
    }

    private final Pacing pacing;
    /** Chats remembered as recently announced to before the stale ones are swept. */
    private static final int ANNOUNCEMENTS_REMEMBERED = 4_096;

    private final Map<Long, ChatQueue> chats = new HashMap<>();
    /** When each chat last got a new alert (not a confirmation update), kept for {@link Pacing#progressQuiet}. */
    private final Map<Long, Long> lastAnnouncedAt = new HashMap<>();
    private long globalPausedUntil;
    private long coldStartAt = Long.MIN_VALUE;
    private long sequence;
    private int size;
    /** Dispatches in flight that are not progress edits and have not taken their token of the global budget yet. */
    private int beforeBudget;
    private int editsInFlight;
    /** Progress steps held back behind new alerts at least once. */
    private long progressDeferred;

    public ChatScheduler(Pacing pacing) {
        this.pacing = pacing;
    }

    void enqueue(QueuedAlert alert, long now) {
        ChatQueue chat = chats.computeIfAbsent(alert.chatId(), id -> new ChatQueue(id, coldStartAt == Long.MIN_VALUE
                ? 0
                : coldStartAt + interval(id).toMillis()));
        if (chat.queue.isEmpty() && chat.inFlight == null) {
            chat.eligibleSince = now;
            chat.sequence = sequence++;
        }
        chat.queue.addLast(alert);
        chat.partition = alert.partition();
        size++;
    }

    /**
     * Partitions were (re)assigned at {@code now}: their chats may have been written to by the previous owner a
     * moment ago, so a chat first seen now waits one pacing interval from {@code now} before its first message.
     */
    void coldStart(long now) {
        coldStartAt = now;
    }

    /**
     * The next message to send at {@code now}, if any chat may be written to. Chats whose dispatch would be a progress
     * edit come last, and not at all while another dispatch is on its way to the global budget.
     */
    Optional<Dispatch> next(long now) {
        if (now < globalPausedUntil) {
            return Optional.empty();
        }
        ChatQueue best = null;
        ChatQueue bestEdit = null;
        List<ChatQueue> edits = new ArrayList<>();
        for (Iterator<ChatQueue> it = chats.values().iterator(); it.hasNext();) {
            ChatQueue chat = it.next();
            if (chat.inFlight != null || chat.readyAt > now) {
                continue;
            }
            if (chat.queue.isEmpty()) {
                it.remove(); // idle and past its pacing: forgetting it loses nothing
                continue;
            }
            if (wouldEdit(chat, now)) {
                edits.add(chat);
                bestEdit = first(bestEdit, chat);
            } else {
                best = first(best, chat);
            }
        }
        if (best != null || beforeBudget > 0) {
            edits.forEach(held -> heldBack(held, held.queue.peekFirst())); // behind new alerts, not other edits
        } else if (!editsHeld()) {
            best = bestEdit;
        }
        if (best == null) {
            return Optional.empty();
        }
        int take = take(best, now);
        List<QueuedAlert> alerts = new ArrayList<>(take);
        Iterator<QueuedAlert> head = best.queue.iterator();
        for (int i = 0; i < take; i++) {
            alerts.add(head.next());
        }
        best.inFlight = new Dispatch(best.chatId, List.copyOf(alerts), progressSkip(best, now));
        if (best.inFlight.progressEdit()) {
            editsInFlight++;
        } else {
            best.beforeBudget = true;
            beforeBudget++;
        }
        return Optional.of(best.inFlight);
    }

    /** Whether {@code chat}'s next dispatch at {@code now} would be a progress edit. */
    private boolean wouldEdit(ChatQueue chat, long now) {
        return Progress.isProgress(chat.queue.peekFirst().alert()) && take(chat, now) == 1 && progressSkip(chat, now)
                .isEmpty();
    }

    /** Whether progress edits wait: a dispatch is on its way to the budget, or enough edits are in flight. */
    private boolean editsHeld() {
        return beforeBudget > 0 || editsInFlight >= pacing.maxEditsInFlight();
    }

    private static ChatQueue first(ChatQueue best, ChatQueue chat) {
        return best == null || chat.turnKey() < best.turnKey() || (chat.turnKey() == best.turnKey()
                && chat.sequence < best.sequence) ? chat : best;
    }

    /** How many alerts of {@code chat}'s queue its next dispatch carries: more than one is a digest. */
    private int take(ChatQueue chat, long now) {
        return chat.singlesOnly > 0
                ? 1
                : DigestRule.take(chat.queue, now, interval(chat.chatId), pacing.digestAfter(), pacing
                        .digestThreshold(), pacing.maxDigestBatch());
    }

    /** Why the progress steps of {@code chat}'s next dispatch are to be skipped, if they are; see {@link Dispatch}. */
    private Optional<Progress.SkipReason> progressSkip(ChatQueue chat, long now) {
        QueuedAlert first = chat.queue.peekFirst();
        boolean progress = Progress.isProgress(first.alert());
        if (!progress && take(chat, now) == 1) {
            return Optional.empty(); // a new alert: nothing to skip
        }
        Long announced = lastAnnouncedAt.get(chat.chatId);
        if (announced != null && now - announced < pacing.progressQuiet().toMillis()) {
            return Optional.of(Progress.SkipReason.BACKLOGGED);
        }
        String announcement = progress ? AlertIds.announcementIdOf(first.alert().getId()) : null;
        boolean superseded = false;
        Iterator<QueuedAlert> behind = chat.queue.iterator();
        behind.next();
        while (behind.hasNext()) {
            Alert next = behind.next().alert();
            if (!Progress.isProgress(next)) {
                return Optional.of(Progress.SkipReason.BACKLOGGED);
            }
            superseded |= progress && next.getConfirmations() > first.alert().getConfirmations() && announcement
                    .equals(AlertIds.announcementIdOf(next.getId()));
        }
        if (superseded) {
            return Optional.of(Progress.SkipReason.SUPERSEDED);
        }
        if (progress && now - first.enqueuedAtMillis() >= pacing.progressMaxWait().toMillis()) {
            return Optional.of(Progress.SkipReason.WAITED_TOO_LONG);
        }
        return Optional.empty();
    }

    /** The dispatch (not a progress edit) took its token of the global budget: edits may have the next ones. */
    void budgetTaken(Dispatch dispatch) {
        ChatQueue chat = chats.get(dispatch.chatId());
        if (chat != null && chat.inFlight == dispatch && chat.beforeBudget) {
            chat.beforeBudget = false;
            beforeBudget--;
        }
    }

    /** Whether a progress edit about to take a token must give its turn back: another dispatch waits for one. */
    boolean editMustYield() {
        return beforeBudget > 0;
    }

    /** A progress edit gave its turn back before taking a token: the chat is dispatched again when edits may go. */
    void deferEdit(Dispatch dispatch) {
        heldBack(release(dispatch), dispatch.alerts().get(0));
    }

    private void heldBack(ChatQueue chat, QueuedAlert step) {
        if (chat.heldBack != step) {
            chat.heldBack = step;
            progressDeferred++;
        }
    }

    /** Progress steps held back behind new alerts at least once, since the start. */
    long progressDeferred() {
        return progressDeferred;
    }

    /**
     * When {@link #next(long)} may next return something after {@code now}, or empty when nothing is waiting. While
     * edits are held, a chat whose next dispatch would be an edit waits for them to be released ({@link #budgetTaken}
     * and every completion wake the dispatcher) or for its step to have waited too long.
     */
    OptionalLong nextWakeup(long now) {
        long earliest = Long.MAX_VALUE;
        boolean held = editsHeld();
        for (ChatQueue chat : chats.values()) {
            if (chat.inFlight == null && !chat.queue.isEmpty()) {
                long ready = chat.readyAt;
                if (held && wouldEdit(chat, Math.max(now, ready))) {
                    ready = Math.max(ready, chat.queue.peekFirst().enqueuedAtMillis() + pacing.progressMaxWait()
                            .toMillis());
                }
                earliest = Math.min(earliest, ready);
            }
        }
        return earliest == Long.MAX_VALUE
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(earliest,
                        globalPausedUntil));
    }

    /**
     * The dispatch ended with {@code done} delivered, found already delivered or dead-lettered; {@code sent} says
     * whether a message went to the chat (which then waits its pacing interval).
     */
    void completed(Dispatch dispatch, Collection<QueuedAlert> done, boolean sent, long now) {
        ChatQueue chat = release(dispatch);
        Set<QueuedAlert> finished = new HashSet<>(done);
        int before = chat.queue.size();
        chat.queue.removeIf(finished::contains);
        size -= before - chat.queue.size();
        chat.singlesOnly = Math.max(0, chat.singlesOnly - done.size());
        if (sent) {
            chat.failures = 0;
            chat.readyAt = now + interval(chat.chatId).toMillis();
            if (dispatch.alerts().stream().anyMatch(queued -> !Progress.isProgress(queued.alert()))) {
                rememberAnnouncement(chat.chatId, now);
            }
        }
        if (!chat.queue.isEmpty()) {
            chat.eligibleSince = now;
        }
    }

    /** Remembers when {@code chatId} last got a new alert; forgets chats quiet for longer than the progress window. */
    private void rememberAnnouncement(long chatId, long now) {
        lastAnnouncedAt.put(chatId, now);
        if (lastAnnouncedAt.size() > ANNOUNCEMENTS_REMEMBERED) {
            long quiet = pacing.progressQuiet().toMillis();
            lastAnnouncedAt.values().removeIf(at -> now - at >= quiet);
        }
    }

    /** Nothing happened (for example the ledger was unreachable): the chat may be dispatched again. */
    void abandoned(Dispatch dispatch) {
        release(dispatch);
    }

    /** Telegram asked this chat to wait until {@code until}. */
    void chatRetryAt(Dispatch dispatch, long until) {
        ChatQueue chat = release(dispatch);
        chat.readyAt = Math.max(chat.readyAt, until);
    }

    /** A transient failure: the chat backs off 1, 2, 4 ... 30 s on consecutive failures. */
    void failedTransiently(Dispatch dispatch, long now) {
        ChatQueue chat = release(dispatch);
        chat.failures++;
        chat.readyAt = Math.max(chat.readyAt, now + Backoff.after(chat.failures).toMillis());
    }

    /** The digest was refused: its alerts go out one by one, so one bad alert cannot sink the others. */
    void digestRejected(Dispatch dispatch) {
        ChatQueue chat = release(dispatch);
        chat.singlesOnly = dispatch.alerts().size();
    }

    /** Nothing at all is sent before {@code until}. */
    void pauseAll(long until) {
        globalPausedUntil = Math.max(globalPausedUntil, until);
    }

    long globalPausedUntil() {
        return globalPausedUntil;
    }

    /** The chat is gone: removes and returns everything queued for it, oldest first. */
    List<QueuedAlert> removeChat(Dispatch dispatch) {
        ChatQueue chat = release(dispatch);
        List<QueuedAlert> removed = new ArrayList<>(chat.queue);
        chat.queue.clear();
        size -= removed.size();
        return removed;
    }

    /** The chat moved: everything queued for it is re-addressed to {@code newChatId}, in order. */
    void migrate(Dispatch dispatch, long newChatId, long now) {
        for (QueuedAlert alert : removeChat(dispatch)) {
            enqueue(alert.movedTo(newChatId), now);
        }
    }

    /**
     * Drops queued alerts of partitions this instance lost; alerts in flight stay until their send completes. The
     * chats of those partitions are forgotten too (unless a send is in flight), pacing included: another instance
     * writes to them now, so if a partition comes back they are first seen again and wait out a pacing interval from
     * the {@linkplain #coldStart(long) takeover} — this instance's own last send says nothing about the other's.
     */
    List<QueuedAlert> removePartitions(Collection<TopicPartition> partitions) {
        List<QueuedAlert> removed = new ArrayList<>();
        for (ChatQueue chat : chats.values()) {
            Set<QueuedAlert> inFlight = chat.inFlight == null ? Set.of() : new HashSet<>(chat.inFlight.alerts());
            for (Iterator<QueuedAlert> it = chat.queue.iterator(); it.hasNext();) {
                QueuedAlert alert = it.next();
                if (partitions.contains(alert.partition()) && !inFlight.contains(alert)) {
                    removed.add(alert);
                    it.remove();
                }
            }
        }
        size -= removed.size();
        chats.values().removeIf(chat -> chat.inFlight == null && chat.queue.isEmpty() && partitions.contains(
                chat.partition));
        return removed;
    }

    /** How many dispatches in flight hold an alert of one of {@code partitions}. */
    int inFlightCount(Collection<TopicPartition> partitions) {
        return (int) chats.values().stream().filter(c -> c.inFlight != null).filter(c -> c.inFlight.alerts().stream()
                .anyMatch(a -> partitions.contains(a.partition()))).count();
    }

    /** Partitions feeding chats whose queue holds at least {@code capacity} alerts: the consumer pauses them. */
    Set<TopicPartition> partitionsOfChatsHolding(int capacity) {
        Set<TopicPartition> result = new HashSet<>();
        for (ChatQueue chat : chats.values()) {
            if (chat.queue.size() >= capacity) {
                chat.queue.forEach(a -> result.add(a.partition()));
            }
        }
        return result;
    }

    /** Alerts queued, including those in flight. */
    int size() {
        return size;
    }

    int size(long chatId) {
        ChatQueue chat = chats.get(chatId);
        return chat == null ? 0 : chat.queue.size();
    }

    /** When the oldest queued alert was queued. */
    OptionalLong oldestEnqueuedAt() {
        return chats.values().stream().filter(c -> !c.queue.isEmpty()).mapToLong(c -> c.queue.peekFirst()
                .enqueuedAtMillis()).min();
    }

    Duration interval(long chatId) {
        return chatId > 0 ? pacing.privateInterval() : pacing.groupInterval();
    }

    private ChatQueue release(Dispatch dispatch) {
        ChatQueue chat = chats.get(dispatch.chatId());
        if (chat == null || chat.inFlight != dispatch) {
            throw new IllegalStateException("dispatch for chat " + dispatch.chatId() + " is not in flight");
        }
        if (chat.inFlight.progressEdit()) {
            editsInFlight--;
        }
        chat.inFlight = null;
        if (chat.beforeBudget) {
            chat.beforeBudget = false;
            beforeBudget--;
        }
        return chat;
    }

    private static final class ChatQueue {
        private final long chatId;
        private final ArrayDeque<QueuedAlert> queue = new ArrayDeque<>();
        private Dispatch inFlight;
        /** The partition its alerts come from (a chat id is the key, so one partition per chat). */
        private TopicPartition partition;
        private long readyAt;
        private long eligibleSince;
        private long sequence;
        private int failures;
        private int singlesOnly;
        /** Whether this dispatch, not a progress edit, has yet to take its token of the global budget. */
        private boolean beforeBudget;
        /** The progress step last counted as held back, so that each is counted once. */
        private QueuedAlert heldBack;

        ChatQueue(long chatId, long readyAt) {
            this.chatId = chatId;
            this.readyAt = readyAt;
        }

        /** When this chat's turn began: it has waited since then. */
        long turnKey() {
            return Math.max(readyAt, eligibleSince);
        }
    }
}

package io.chainwatch.notifier.delivery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.chainwatch.notifier.delivery.ChatScheduler.Dispatch;
import io.chainwatch.notifier.delivery.Progress.Decision;
import io.chainwatch.notifier.delivery.Progress.Original;
import io.chainwatch.notifier.ledger.DeliveryLedger;
import io.chainwatch.notifier.ledger.MessageRef;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;

/**
 * Gathers from the ledger what {@link Progress#decide} needs for the PROGRESS alerts of one dispatch, in three batched
 * reads, and returns the decision for each. A digest dispatch, or a step the scheduler already knows to skip (a busy
 * chat: a new alert waiting behind the dispatch or sent moments ago; a deeper step queued behind it; a step that
 * waited too long behind new alerts, see {@link ChatScheduler.Dispatch#progressSkip}), is skipped without reading
 * anything, so that a depth update never takes the chat's one message a second from a new alert. Thread-safe if the
 * ledger is.
 */
final class ProgressEdits {

    private final DeliveryLedger ledger;

    ProgressEdits(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * The decision for each PROGRESS alert of {@code dispatch} not in {@code delivered}, by alert id.
     *
     * @throws StoreUnavailableException when the ledger cannot be read
     */
    Map<String, Decision> decide(Dispatch dispatch, Set<String> delivered) {
        List<Alert> progress = dispatch.alerts().stream().map(QueuedAlert::alert).filter(Progress::isProgress).filter(
                a -> !delivered.contains(a.getId())).toList();
        if (progress.isEmpty()) {
            return Map.of();
        }
        Map<String, Decision> decisions = new HashMap<>();
        if (dispatch.digest() || dispatch.progressSkip().isPresent()) {
            Decision skip = new Progress.Skip(dispatch.digest()
                    ? Progress.SkipReason.BACKLOGGED
                    : dispatch.progressSkip().get());
            progress.forEach(a -> decisions.put(a.getId(), skip));
            return decisions;
        }
        List<String> originalIds = progress.stream().map(a -> AlertIds.announcementIdOf(a.getId())).toList();
        Map<String, MessageRef> messages = ledger.messages(originalIds);
        Set<String> orphaned = ledger.delivered(progress.stream().map(a -> AlertIds.orphanedIdOf(a.getId())).toList());
        Map<String, Integer> shown = ledger.confirmationsShown(originalIds);
        for (Alert alert : progress) {
            String originalId = AlertIds.announcementIdOf(alert.getId());
            Integer depth = shown.get(originalId);
            Original original = new Original(Optional.ofNullable(messages.get(originalId)), orphaned.contains(AlertIds
                    .orphanedIdOf(alert.getId())), depth == null ? OptionalInt.empty() : OptionalInt.of(depth));
            decisions.put(alert.getId(), Progress.decide(alert, dispatch.chatId(), false, original));
        }
        return decisions;
    }
}

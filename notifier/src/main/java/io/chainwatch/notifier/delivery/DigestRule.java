package io.chainwatch.notifier.delivery;

import java.time.Duration;
import java.util.Collection;

/**
 * How many alerts of a chat's queue its next message carries: one (a single, full message) or several (a digest).
 * Pure: the queue, the time and the chat's pacing are passed in.
 * <p>
 * Two rules, either makes a digest:
 * <ul>
 * <li><b>size</b>: more than {@code threshold} alerts are queued (any kind): up to {@code maxBatch} of them go;</li>
 * <li><b>time</b>: at least two new alerts (not {@link Progress} steps) are queued and, sent one by one at the chat's
 * pace (the {@code k}-th new alert at {@code now + k × interval}), one of them would have waited longer than
 * {@code after} since it was queued. Then everything queued up to the last new alert (at most {@code maxBatch}) goes
 * as one digest now. This bounds how long an alert waits behind its own chat's earlier alerts: at most one turn of
 * the chat (one pacing interval, plus a wait for the bot's budget), instead of one interval per alert ahead of it.
 * Confirmation steps after the last new alert stay queued for their edits; those before it are skipped as
 * {@link Progress.SkipReason#BACKLOGGED}, as a new alert behind them would have them skipped anyway. A time digest
 * also stops before a reorg follow-up (ORPHANED) that is not at the head: it strikes through its announcement's
 * message when that was a single message, so an announcement and its follow-up queued together still go as a
 * message and its edit.</li>
 * </ul>
 * A chat with one new alert queued always gets it as a single message.
 */
final class DigestRule {

    private DigestRule() {
    }

    /**
     * How many alerts from the head of {@code queue} (oldest first) the chat's message at {@code now} carries.
     *
     * @param interval the chat's pacing interval (its next message goes one interval after this one)
     * @param after the longest an alert should wait in its chat's queue before the queue goes as a digest
     */
    static int take(Collection<QueuedAlert> queue, long now, Duration interval, Duration after, int threshold,
            int maxBatch) {
        int queued = queue.size();
        if (queued <= 1) {
            return queued;
        }
        if (queued > threshold) {
            return Math.min(queued, maxBatch);
        }
        long intervalMillis = interval.toMillis();
        long afterMillis = after.toMillis();
        int newAlerts = 0;
        int lastNew = -1;
        boolean late = false;
        int index = 0;
        for (QueuedAlert alert : queue) {
            if (index >= maxBatch || index > 0 && Reorgs.isOrphaned(alert.alert())) {
                break; // a reorg follow-up edits its announcement's message if it can: never folded in by time
            }
            if (!Progress.isProgress(alert.alert())) {
                long sentSinglyAt = now + newAlerts * intervalMillis;
                late |= sentSinglyAt - alert.enqueuedAtMillis() > afterMillis;
                newAlerts++;
                lastNew = index;
            }
            index++;
        }
        return newAlerts >= 2 && late ? lastNew + 1 : 1;
    }
}

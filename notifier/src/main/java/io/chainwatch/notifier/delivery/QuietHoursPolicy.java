package io.chainwatch.notifier.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.chainwatch.schema.Alert;
import io.chainwatch.telegram.QuietHours;

/**
 * Whether a message goes out without sound ({@code disable_notification}): when every alert it announces comes from a
 * watch whose {@link QuietHours} contain the send time. One alert from a watch without quiet hours (or outside them)
 * makes the whole message audible, so a digest never silences an alert its watch wanted heard. Quiet hours only mute,
 * they never delay. Pure.
 */
final class QuietHoursPolicy {

    private QuietHoursPolicy() {
    }

    /** True when the message announcing {@code alerts} and sent at {@code now} should not make a sound. */
    static boolean silent(List<Alert> alerts, Instant now) {
        return !alerts.isEmpty() && alerts.stream().allMatch(a -> quietHours(a).map(q -> q.isQuietAt(now)).orElse(
                false));
    }

    /** The alert's quiet hours; a text that does not parse (a newer or torn writer) counts as none. */
    private static Optional<QuietHours> quietHours(Alert alert) {
        return QuietHours.parse(alert.getQuietHours());
    }
}

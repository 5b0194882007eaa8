package io.chainwatch.notifier.delivery;

import static io.chainwatch.notifier.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.Alert;

class QuietHoursPolicyTest {

    /** 23:30 in Berlin (UTC+1 in winter). */
    private static final Instant BERLIN_NIGHT = Instant.parse("2025-01-15T22:30:00Z");
    private static final Instant BERLIN_NOON = Instant.parse("2025-01-15T11:00:00Z");

    private static Alert quiet(String window) {
        return alert().quietHours(window).build();
    }

    @Test
    void shouldSendSilentlyInsideTheWatchsQuietHours() {
        assertThat(QuietHoursPolicy.silent(List.of(quiet("22:00-07:00 Europe/Berlin")), BERLIN_NIGHT)).isTrue();
    }

    @Test
    void shouldSendWithSoundOutsideTheQuietHours() {
        assertThat(QuietHoursPolicy.silent(List.of(quiet("22:00-07:00 Europe/Berlin")), BERLIN_NOON)).isFalse();
    }

    @Test
    void shouldReadTheWindowOnItsOwnZone() {
        // 22:30 UTC is inside 22:00-23:00 UTC but outside it on Berlin's clock (23:30)
        assertThat(QuietHoursPolicy.silent(List.of(quiet("22:00-23:00")), BERLIN_NIGHT)).isTrue();
        assertThat(QuietHoursPolicy.silent(List.of(quiet("22:00-23:00 Europe/Berlin")), BERLIN_NIGHT)).isFalse();
    }

    @Test
    void shouldSendWithSoundWithoutQuietHoursOrWhenTheyDoNotParse() {
        assertThat(QuietHoursPolicy.silent(List.of(alert().build()), BERLIN_NIGHT)).isFalse();
        assertThat(QuietHoursPolicy.silent(List.of(quiet("late evening")), BERLIN_NIGHT)).isFalse();
        assertThat(QuietHoursPolicy.silent(List.of(), BERLIN_NIGHT)).isFalse();
    }

    @Test
    void shouldSilenceADigestOnlyWhenEveryAlertInItIsInsideQuietHours() {
        Alert night = quiet("22:00-07:00 Europe/Berlin");

        assertThat(QuietHoursPolicy.silent(List.of(night, night), BERLIN_NIGHT)).isTrue();
        assertThat(QuietHoursPolicy.silent(List.of(night, alert().build()), BERLIN_NIGHT)).isFalse();
    }
}

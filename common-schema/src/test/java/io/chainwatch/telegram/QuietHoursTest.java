package io.chainwatch.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuietHoursTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "22:00-07:00                 | 22:00-07:00 UTC",
            "22:00 - 07:00 Europe/Berlin | 22:00-07:00 Europe/Berlin",
            "9:30-17:00 UTC+2            | 09:30-17:00 UTC+02:00",
            "00:00-06:00 +05:30          | 00:00-06:00 UTC+05:30",
            "23:15-23:45 gmt-3           | 23:15-23:45 UTC-03:00",
            "01:00-02:00 utc             | 01:00-02:00 UTC"})
    void readsWhatPeopleWriteAndWritesItCanonically(String typed, String canonical) {
        QuietHours hours = QuietHours.parse(typed).orElseThrow();
        assertEquals(canonical, hours.text());
        assertEquals(Optional.of(hours), QuietHours.parse(hours.text()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "22-07", "24:00-07:00", "22:60-07:00", "07:00-07:00", "22:00-07:00 Mars/Olympus",
            "22:00-07:00 EST", "22:00-07:00 UTC+15", "22:00-07:00 Europe/Berlin extra", "a:bc-de:fg", "22:00_07:00"})
    void refusesWhatIsNotAWindow(String typed) {
        assertEquals(Optional.empty(), QuietHours.parse(typed));
    }

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource({
            "22:00-07:00 UTC, 2026-11-29T21:59:59Z, false",
            "22:00-07:00 UTC, 2026-11-29T22:00:00Z, true",
            "22:00-07:00 UTC, 2026-11-30T03:00:00Z, true",
            "22:00-07:00 UTC, 2026-11-30T06:59:59Z, true",
            "22:00-07:00 UTC, 2026-11-30T07:00:00Z, false",
            "09:00-17:00 UTC, 2026-11-29T12:00:00Z, true",
            "09:00-17:00 UTC, 2026-11-29T17:00:00Z, false",
            "09:00-17:00 UTC, 2026-11-29T08:59:00Z, false",
            // Berlin is UTC+1 in winter and UTC+2 in summer
            "22:00-07:00 Europe/Berlin, 2026-11-29T21:30:00Z, true",
            "22:00-07:00 Europe/Berlin, 2026-07-01T20:30:00Z, true",
            "22:00-07:00 Europe/Berlin, 2026-07-01T05:30:00Z, false",
            "00:00-06:00 UTC+05:30, 2026-11-29T18:29:00Z, false",
            "00:00-06:00 UTC+05:30, 2026-11-29T18:30:00Z, true"})
    void isQuietInsideTheWindowOnItsOwnClock(String window, String at, boolean quiet) {
        assertEquals(quiet, QuietHours.parse(window).orElseThrow().isQuietAt(Instant.parse(at)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"22:00-07:00", "07:00-22:00"})
    void aWindowAndItsComplementCoverTheDayOnce(String window) {
        QuietHours hours = QuietHours.parse(window).orElseThrow();
        String[] parts = window.split("-");
        QuietHours complement = QuietHours.parse(parts[1] + "-" + parts[0]).orElseThrow();
        for (int minute = 0; minute < 24 * 60; minute++) {
            Instant at = Instant.parse("2026-11-29T00:00:00Z").plusSeconds(minute * 60L);
            assertTrue(hours.isQuietAt(at) ^ complement.isQuietAt(at), "minute " + minute);
        }
    }
}

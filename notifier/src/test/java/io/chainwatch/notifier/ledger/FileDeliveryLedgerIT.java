package io.chainwatch.notifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone mode's ledger on a real file system. */
class FileDeliveryLedgerIT {

    private static final Duration TTL = Duration.ofDays(7);
    private static final MessageRef REF = new MessageRef(1, 77, 1);

    @TempDir
    Path dir;

    private Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void shouldRememberDeliveriesAcrossAReopen() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        try (FileDeliveryLedger ledger = new FileDeliveryLedger(dir, TTL, at(now))) {
            ledger.markDelivered(List.of("ethereum:0xa:1:NATIVE_IN", "ethereum:0xb:1:NATIVE_IN"), REF);
        }
        try (FileDeliveryLedger reopened = new FileDeliveryLedger(dir, TTL, at(now.plusSeconds(60)))) {
            assertThat(reopened.delivered(List.of("ethereum:0xa:1:NATIVE_IN", "ethereum:0xc:1:NATIVE_IN")))
                    .containsExactly("ethereum:0xa:1:NATIVE_IN");
        }
    }

    @Test
    void shouldRememberTheMessageOfEachAlertAcrossAReopen() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        try (FileDeliveryLedger ledger = new FileDeliveryLedger(dir, TTL, at(now))) {
            ledger.markDelivered(List.of("devnet:0xa:5:NATIVE_IN"), new MessageRef(5, 12, 1));
            ledger.markDelivered(List.of("devnet:0xb:5:NATIVE_IN", "devnet:0xc:5:NATIVE_IN"), new MessageRef(5, 13,
                    2));
        }
        try (FileDeliveryLedger reopened = new FileDeliveryLedger(dir, TTL, at(now.plusSeconds(60)))) {
            assertThat(reopened.messages(List.of("devnet:0xa:5:NATIVE_IN", "devnet:0xc:5:NATIVE_IN",
                    "devnet:0xd:5:NATIVE_IN"))).containsOnly(Map.entry("devnet:0xa:5:NATIVE_IN", new MessageRef(5, 12,
                            1)), Map.entry("devnet:0xc:5:NATIVE_IN", new MessageRef(5, 13, 2)));
        }
        try (FileDeliveryLedger expired = new FileDeliveryLedger(dir, TTL, at(now.plus(TTL).plusSeconds(1)))) {
            assertThat(expired.messages(List.of("devnet:0xa:5:NATIVE_IN"))).isEmpty();
        }
    }

    @Test
    void shouldForgetDeliveriesOlderThanTheTtlAndDropThemFromTheFile() throws IOException {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        try (FileDeliveryLedger ledger = new FileDeliveryLedger(dir, TTL, at(now))) {
            ledger.markDelivered(List.of("old"), REF);
        }
        try (FileDeliveryLedger ledger = new FileDeliveryLedger(dir, TTL, at(now.plus(TTL).plusSeconds(1)))) {
            assertThat(ledger.delivered(List.of("old"))).isEmpty();
            assertThat(ledger.size()).isZero();
        }
        assertThat(Files.readString(dir.resolve(FileDeliveryLedger.FILE_NAME))).isEmpty();
    }

    @Test
    void shouldIgnoreALineTornByACrashMidAppend() throws IOException {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        try (FileDeliveryLedger ledger = new FileDeliveryLedger(dir, TTL, at(now))) {
            ledger.markDelivered(List.of("bsc:0xa:1:TOKEN_IN#12"), REF);
        }
        // a crash while appending "...TOKEN_IN#12" left only a prefix, which is another alert's complete key
        Files.writeString(dir.resolve(FileDeliveryLedger.FILE_NAME), now.toEpochMilli()
                + " notified:bsc:0xb:1:TOKEN_IN#1", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (FileDeliveryLedger ledger = new FileDeliveryLedger(dir, TTL, at(now))) {
            assertThat(ledger.delivered(Set.of("bsc:0xa:1:TOKEN_IN#12", "bsc:0xb:1:TOKEN_IN#1"))).containsExactly(
                    "bsc:0xa:1:TOKEN_IN#12");
            ledger.markDelivered(List.of("bsc:0xc:1:NATIVE_IN"), REF);
        }
        try (FileDeliveryLedger ledger = new FileDeliveryLedger(dir, TTL, at(now))) {
            assertThat(ledger.size()).isEqualTo(4); // notified: and message: of 0xa and 0xc
        }
    }
}

package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.chainwatch.matcher.DedupEntry.State;

class StateEncodingTest {

    @Test
    void shouldRoundTripDedupEntryWhenEncoded() {
        DedupEntry entry = new DedupEntry(State.ORPHANED, 2, 123, "0xb", 0, 1_700_000_000_000L);

        assertThat(DedupEntry.decode(entry.encode())).isEqualTo(entry);
    }

    @Test
    void shouldOrderPendingKeysByReleaseHeightWhenComparedAsStrings() {
        String early = StoreKeys.pending("eth", 99, 97, "0xb", "x");
        String late = StoreKeys.pending("eth", 100, 90, "0xa", "x");

        assertThat(early).isLessThan(late);
        assertThat(StoreKeys.releaseAtOfPending("eth", early)).isEqualTo(99);
        assertThat(StoreKeys.releaseAtOfPending("eth", late)).isEqualTo(100);
        String otherChain = StoreKeys.pending("ethereum", 1, 1, "0xa", "x");
        assertThat(otherChain.compareTo(StoreKeys.chainStart("eth")) < 0 || otherChain.compareTo(StoreKeys.chainEnd(
                "eth")) > 0).as("a chain whose name extends another's is outside its range").isTrue();
    }

    @Test
    void shouldFlagLookalikeOnlyWhenEdgesMatchAndMiddleDiffers() {
        String real = "0xabcd" + "1".repeat(32) + "1234";

        assertThat(SpamSignals.isLookalike("0xabcd" + "2".repeat(32) + "1234", List.of(real))).isTrue();
        assertThat(SpamSignals.isLookalike(real, List.of(real))).isFalse();
        assertThat(SpamSignals.isLookalike("0xabce" + "1".repeat(32) + "1234", List.of(real))).isFalse();
        assertThat(SpamSignals.isLookalike("0xabcd" + "1".repeat(32) + "1235", List.of(real))).isFalse();
    }

    @Test
    void shouldKeepMostRecentCounterpartiesFirstWhenRemembering() {
        List<String> recent = SpamSignals.remember(List.of("a", "b", "c"), "c", 2);

        assertThat(recent).containsExactly("c", "a");
    }
}

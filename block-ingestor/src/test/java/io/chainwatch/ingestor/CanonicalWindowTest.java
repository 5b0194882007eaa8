package io.chainwatch.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.BlockRef;

class CanonicalWindowTest {

    @Test
    void shouldKeepOnlyTheNewestBlocksUpToCapacity() {
        CanonicalWindow window = CanonicalWindow.empty(3);
        for (long n = 1; n <= 5; n++) {
            window = window.push(n, "0x" + n);
        }
        assertThat(window.blocks()).extracting(BlockRef::getNumber).containsExactly(3L, 4L, 5L);
        assertThat(window.newestFirst()).extracting(BlockRef::getNumber).containsExactly(5L, 4L, 3L);
    }

    @Test
    void shouldDetectABlockThatDoesNotExtendTheHead() {
        CanonicalWindow window = CanonicalWindow.empty(8).push(10, "0xa").push(11, "0xb");
        assertThat(window.extendedBy(12, "0xb")).isTrue();
        assertThat(window.extendedBy(12, "0xother")).isFalse();
        assertThat(window.extendedBy(13, "0xb")).isFalse();
        assertThat(CanonicalWindow.empty(8).extendedBy(99, "0xanything")).isTrue();
    }

    @Test
    void shouldRoundTripThroughTheCursor() {
        CanonicalWindow window = CanonicalWindow.empty(4).push(1, "0x1").push(2, "0x2").truncateAbove(1).push(2,
                "0x2b");
        CanonicalWindow restored = CanonicalWindow.fromCursor(window.toCursor("devnet"), 4);
        assertThat(restored).isEqualTo(window);
        assertThat(restored.head()).get().extracting(BlockRef::getHash).isEqualTo("0x2b");
    }
}

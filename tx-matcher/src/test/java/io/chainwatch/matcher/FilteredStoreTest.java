package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class FilteredStoreTest {

    private final KeyValueStore<String, String> store = TestStores.strings("filtered");
    private final KeyFilter keys = new KeyFilter(KeyFilter.PER_TASK_MIN_CAPACITY);

    @Test
    void shouldFindWhatTheStoreHeldWhenRestoredAndRuleOutNearlyEverythingElse() {
        IntStream.range(0, 1_000).forEach(i -> store.put(key(i), "v" + i)); // as a restore writes: past any filter

        FilteredStore<String> filtered = FilteredStore.restored(store, keys);

        assertThat(IntStream.range(0, 1_000).filter(i -> !("v" + i).equals(filtered.get(key(i))))).isEmpty();
        assertThat(IntStream.range(1_000, 101_000).filter(i -> keys.mightContain(key(i))).count()).isLessThan(100);
        assertThat(filtered.get(key(1_000_000))).isNull();
    }

    @Test
    void shouldPutAKeyInTheFilterAsWellAsInTheStore() {
        FilteredStore<String> filtered = FilteredStore.restored(store, keys);

        IntStream.range(0, 20_000).forEach(i -> filtered.put(key(i), "v" + i)); // far past the filter's first size

        assertThat(IntStream.range(0, 20_000).filter(i -> !keys.mightContain(key(i)))).isEmpty();
        assertThat(IntStream.range(0, 20_000).filter(i -> !("v" + i).equals(filtered.get(key(i))))).isEmpty();
        assertThat(TestStores.contentOf(store)).hasSize(20_000);
    }

    @Test
    void shouldLookAKeyUpByItsPartsAsByTheWholeKey() {
        FilteredStore<String> filtered = FilteredStore.restored(store, keys);
        filtered.put("devnet:0xabc", "watched");

        assertThat(filtered.get("devnet:", "0xabc")).isEqualTo("watched");
        assertThat(filtered.get("devnet:", "0xabd")).isNull();
        long[] hashes = {KeyFilter.hash("devnet:", "0xabc")};
        boolean[] answers = new boolean[1];
        filtered.mightContainEach(hashes, 1, answers);
        assertThat(answers).containsExactly(true);
    }

    @Test
    void shouldDeleteWhatIsExpiredAndRebuildTheFilterFromWhatIsLeft() {
        FilteredStore<String> filtered = FilteredStore.restored(store, keys);
        IntStream.range(0, 20_000).forEach(i -> filtered.put(key(i), i % 100 == 0 ? "keep" : "old"));
        assertThat(keys.layerCount()).isGreaterThan(1);

        int removed = filtered.removeIf("old"::equals);

        assertThat(removed).isEqualTo(19_800);
        assertThat(TestStores.contentOf(store)).hasSize(200).containsOnlyKeys(IntStream.range(0, 200).mapToObj(
                i -> key(100 * i)).toList());
        assertThat(keys.layerCount()).as("rebuilt in one layer").isOne();
        assertThat(IntStream.range(0, 200).filter(i -> filtered.get(key(100 * i)) == null)).isEmpty();
        assertThat(IntStream.range(0, 20_000).filter(i -> i % 100 != 0 && keys.mightContain(key(i))).count())
                .as("the keys deleted stop costing lookups").isLessThan(40);
    }

    @Test
    void shouldLeaveTheFilterAsItIsWhenNothingIsExpired() {
        FilteredStore<String> filtered = FilteredStore.restored(store, keys);
        IntStream.range(0, 20_000).forEach(i -> filtered.put(key(i), "fresh"));
        int layers = keys.layerCount();

        assertThat(filtered.removeIf("old"::equals)).isZero();

        assertThat(keys.layerCount()).as("not rebuilt").isEqualTo(layers).isGreaterThan(1);
        assertThat(TestStores.contentOf(store)).hasSize(20_000);
    }

    @Test
    void shouldReadThroughTheWritersFilterAndRefuseWritesInAReadersView() {
        store.put(key(1), "before");
        FilteredStore<String> reader = FilteredStore.sharing(store, keys);
        assertThat(reader.get(key(1))).as("not primed yet: maybe, so the store is asked").isEqualTo("before");

        FilteredStore<String> writer = FilteredStore.restored(store, keys);
        writer.put(key(2), "after");

        assertThat(reader.get(key(2))).isEqualTo("after");
        assertThat(reader.get(key(3))).isNull();
        assertThatThrownBy(() -> reader.put(key(3), "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> reader.delete(key(1))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(keys.mightContain(key(3))).isFalse();
        assertThat(TestStores.contentOf(store)).containsOnlyKeys(key(1), key(2));
    }

    private static String key(int i) {
        return String.format("devnet|0x%040x", i);
    }
}

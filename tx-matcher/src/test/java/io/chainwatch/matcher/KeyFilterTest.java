package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.chainwatch.schema.Topics;

class KeyFilterTest {

    private final List<String> store = new ArrayList<>();
    private final KeyFilter filter = new KeyFilter();

    @Test
    void shouldAnswerMaybeForEveryKeyUntilBuiltFromTheStore() {
        assertThat(filter.isPrimed()).isFalse();
        assertThat(filter.mightContain(key(1))).isTrue();

        filter.add(key(1)); // before priming: the priming scan will see it

        assertThat(filter.isPrimed()).isFalse();
        assertThat(filter.mightContain(key(2))).isTrue();
    }

    @Test
    void shouldNeverRuleOutAKeyThatWasInTheStoreWhenBuiltOrAddedSince() {
        IntStream.range(0, 50_000).forEach(i -> store.add(key(i)));
        filter.rebuild(this::storeKeys);
        for (int i = 50_000; i < 300_000; i++) { // far beyond the size it was built for: grown on the way
            String key = key(i);
            filter.add(key);
            store.add(key);
        }

        assertThat(filter.layerCount()).isGreaterThan(1);
        assertThat(store.stream().filter(key -> !filter.mightContain(key)).toList()).isEmpty();
    }

    @Test
    void shouldAnswerForManyKeysAtOnceAsForEachAloneWhetherUnprimedBuiltOrGrown() {
        String prefix = Topics.addressKeyPrefix("devnet");
        long[] hashes = IntStream.range(0, 20_000).mapToLong(i -> KeyFilter.hash(prefix, "0x" + i)).toArray();
        boolean[] answers = new boolean[hashes.length];
        filter.mightContainEach(hashes, hashes.length, answers);
        assertThat(answers).containsOnly(true); // not primed: maybe, for every key

        IntStream.range(0, 5_000).forEach(i -> store.add(prefix + "0x" + i));
        filter.rebuild(this::storeKeys);
        assertSameAnswers(prefix, hashes);
        IntStream.range(5_000, 100_000).forEach(i -> filter.add(prefix + "0x" + (2 * i))); // grown by layers
        assertThat(filter.layerCount()).isGreaterThan(1);
        assertSameAnswers(prefix, hashes);
    }

    private void assertSameAnswers(String prefix, long[] hashes) {
        boolean[] answers = new boolean[hashes.length + 1];
        answers[hashes.length] = true; // past count: left alone
        filter.mightContainEach(hashes, hashes.length, answers);
        for (int i = 0; i < hashes.length; i++) {
            assertThat(answers[i]).as("key %d", i).isEqualTo(filter.mightContain(prefix, "0x" + i));
        }
        assertThat(IntStream.range(0, 5_000).filter(i -> !answers[i])).isEmpty();
        assertThat(IntStream.range(5_000, hashes.length).filter(i -> !answers[i])).isNotEmpty();
    }

    @Test
    void shouldRuleOutNearlyAllKeysThatWereNeverAdded() {
        IntStream.range(0, 100_000).forEach(i -> store.add(key(i)));
        filter.rebuild(this::storeKeys);

        long falsePositives = IntStream.range(1_000_000, 1_200_000).filter(i -> filter.mightContain(key(i))).count();

        assertThat(falsePositives / 200_000.0).isLessThan(KeyFilter.FALSE_POSITIVE_PERCENT / 100.0);
    }

    @Test
    void shouldStayAccurateWhenManyMoreKeysAreAddedThanItWasBuiltFor() {
        filter.rebuild(this::storeKeys); // an empty store
        for (int i = 0; i < 300_000; i++) {
            String key = key(i);
            filter.add(key);
            store.add(key);
        }

        long falsePositives = IntStream.range(1_000_000, 1_200_000).filter(i -> filter.mightContain(key(i))).count();

        assertThat(falsePositives / 200_000.0)
                .isLessThan(filter.layerCount() * KeyFilter.FALSE_POSITIVE_PERCENT
                        / 100.0);
    }

    @Test
    void shouldGrowFromATinyStartWithoutLosingAKey() {
        KeyFilter small = new KeyFilter(16);
        small.rebuild(this::storeKeys); // an empty store
        IntStream.range(0, 20_000).forEach(i -> small.add(key(i)));

        assertThat(IntStream.range(0, 20_000).filter(i -> !small.mightContain(key(i)))).isEmpty();
        assertThat(small.layerCount()).isGreaterThan(1);
        long falsePositives = IntStream.range(1_000_000, 1_200_000).filter(i -> small.mightContain(key(i))).count();
        assertThat(falsePositives / 200_000.0).isLessThan(small.layerCount() * KeyFilter.FALSE_POSITIVE_PERCENT
                / 100.0);
    }

    @Test
    void shouldFoldItsLayersIntoOneWhenRebuiltFromTheStore() {
        filter.rebuild(this::storeKeys);
        for (int i = 0; i < 300_000; i++) {
            filter.add(key(i));
            store.add(key(i));
        }

        filter.rebuild(this::storeKeys);

        assertThat(filter.layerCount()).isOne();
        assertThat(store.stream().filter(key -> !filter.mightContain(key)).toList()).isEmpty();
    }

    @Test
    void shouldForgetRemovedKeysWhenRebuiltInOnePassFromWhatIsLeft() {
        IntStream.range(0, 100_000).forEach(i -> store.add(key(i)));
        filter.rebuild(this::storeKeys);
        store.removeIf(key -> !key.equals(key(7))); // a purge that leaves one key

        filter.rebuild(store.size(), this::storeKeys);

        assertThat(filter.mightContain(key(7))).isTrue();
        long stale = IntStream.range(0, 100_000).filter(i -> i != 7 && filter.mightContain(key(i))).count();
        assertThat(stale / 100_000.0).isLessThan(KeyFilter.FALSE_POSITIVE_PERCENT / 100.0);
    }

    @Test
    void shouldHashAKeyGivenInTwoPartsAsTheWholeKey() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            // parts beyond the precomputed powers of 31 (128 characters) too
            String key = key(random.nextInt(1_000_000)) + "x".repeat(random.nextInt(3) + (i % 10 == 0 ? 200 : 0));
            int split = random.nextInt(key.length() + 1);
            filter.rebuild(action -> action.accept(key));

            assertThat(filter.mightContain(key.substring(0, split), key.substring(split))).as(key + " at " + split)
                    .isTrue();
        }
        filter.rebuild(action -> action.accept(key(1)));
        assertThat(filter.mightContain(Topics.addressKeyPrefix("ethereum"), key(2).substring(9))).isFalse();
    }

    private void storeKeys(Consumer<String> action) {
        store.forEach(action);
    }

    private static String key(long i) {
        return Topics.addressKey("ethereum", String.format("0x%040x", 0x1000_0000_0000L + i));
    }
}

package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class RecentCounterpartiesTest {

    private static final String DEVNET = "devnet";
    private static final String WATCHED = Fixtures.ALICE;
    private static final String REAL = "0xabcd" + "1".repeat(32) + "1234";
    private static final String POISONER = "0xabcd" + "9".repeat(32) + "1234";
    private static final String OTHER = Fixtures.CAROL;

    private final KeyValueStore<String, String> store = TestStores.strings("counterparties");
    private final RecentCounterparties counterparties = new RecentCounterparties(store, 2);

    @Test
    void shouldFlagACounterpartyThatImitatesARecentOne() {
        assertThat(counterparties.observe(DEVNET, WATCHED, REAL, true)).isFalse();

        assertThat(counterparties.observe(DEVNET, WATCHED, POISONER, true)).isTrue();
        assertThat(counterparties.observe(DEVNET, Fixtures.BOB, POISONER, true)).as("another watched address")
                .isFalse();
        assertThat(recentOf(WATCHED)).isEqualTo(REAL);
    }

    @Test
    void shouldLearnOnlyFromCleanTransfers() {
        assertThat(counterparties.observe(DEVNET, WATCHED, POISONER, false)).isFalse();
        assertThat(store.approximateNumEntries()).isZero();

        assertThat(counterparties.observe(DEVNET, WATCHED, REAL, true)).isFalse();
    }

    @Test
    void shouldKeepTheMostRecentFirstUpToTheLimit() {
        counterparties.observe(DEVNET, WATCHED, REAL, true);
        counterparties.observe(DEVNET, WATCHED, OTHER, true);
        counterparties.observe(DEVNET, WATCHED, Fixtures.BOB, true);

        assertThat(recentOf(WATCHED)).isEqualTo(Fixtures.BOB + "," + OTHER);
    }

    @Test
    void shouldKnowTheCounterpartiesTheStoreHeldWhenRestored() {
        store.put(StoreKeys.counterparties(DEVNET, WATCHED), REAL); // as a restore writes: past any filter

        RecentCounterparties restored = new RecentCounterparties(store, 2);

        assertThat(restored.observe(DEVNET, WATCHED, POISONER, true)).isTrue();
    }

    private String recentOf(String watched) {
        return store.get(StoreKeys.counterparties(DEVNET, watched));
    }
}

package io.chainwatch.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import io.chainwatch.matcher.DedupEntry.State;

class DedupTest {

    private static final Duration TTL = Duration.ofDays(7);
    private static final long NOW = 1_700_000_000_000L;

    private final KeyValueStore<String, String> store = TestStores.strings("dedup");

    @Test
    void shouldRememberAndForgetWhatWasAnnounced() {
        Dedup dedup = new Dedup(store, TTL);
        DedupEntry sent = entry(State.SENT, NOW);

        dedup.remember("a", sent);

        assertThat(dedup.get("a")).isEqualTo(sent);
        assertThat(dedup.contains("a")).isTrue();
        assertThat(dedup.get("b")).isNull();
        assertThat(dedup.contains("b")).isFalse();
        dedup.forget("a");
        assertThat(dedup.get("a")).isNull();
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void shouldKnowWhatTheStoreHeldWhenRestored() {
        store.put("restored", entry(State.SENT, NOW).encode()); // as a restore writes: past any filter

        Dedup dedup = new Dedup(store, TTL);

        assertThat(dedup.get("restored")).isEqualTo(entry(State.SENT, NOW));
    }

    @Test
    void shouldPurgeSentAndOrphanedEntriesOlderThanTheTtlButKeepHeldOnes() {
        Dedup dedup = new Dedup(store, TTL);
        long old = NOW - TTL.toMillis() - 1;
        dedup.remember("old-sent", entry(State.SENT, old));
        dedup.remember("old-orphaned", entry(State.ORPHANED, old));
        dedup.remember("old-held", entry(State.PENDING, old));
        dedup.remember("fresh-sent", entry(State.SENT, NOW - TTL.toMillis()));

        assertThat(dedup.purge(NOW)).isEqualTo(2);

        assertThat(TestStores.contentOf(store)).containsOnlyKeys("fresh-sent", "old-held");
        assertThat(dedup.get("old-sent")).isNull();
        assertThat(dedup.get("fresh-sent")).isNotNull();
        assertThat(dedup.purge(NOW)).isZero();
    }

    private static DedupEntry entry(State state, long atMillis) {
        return new DedupEntry(state, 0, 100, "0xa", state == State.PENDING ? 102 : 0, atMillis);
    }
}

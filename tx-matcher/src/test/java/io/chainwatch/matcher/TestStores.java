package io.chainwatch.matcher;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.Topics;

/**
 * Real Kafka Streams stores for the unit tests of the classes that own one: in memory (keys in the same byte order as
 * RocksDB's), without a changelog, initialised through Kafka Streams' {@link MockProcessorContext}.
 */
final class TestStores {

    private TestStores() {
    }

    static <V> KeyValueStore<String, V> inMemory(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes
                .String(), values).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    static KeyValueStore<String, String> strings(String name) {
        return inMemory(name, Serdes.String());
    }

    static KeyValueStore<String, Alert> alerts(String name) {
        return inMemory(name, Topics.ALERTS.valueSerde());
    }

    static KeyValueStore<String, byte[]> bytes(String name) {
        return inMemory(name, Serdes.ByteArray());
    }

    /** Everything in {@code store}, in key order. */
    static <V> Map<String, V> contentOf(KeyValueStore<String, V> store) {
        Map<String, V> content = new LinkedHashMap<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entry -> content.put(entry.key, entry.value));
        }
        return content;
    }

    /** An alert to chat {@code chat} from the block {@code number} {@code hash} of {@code chain}. */
    static Alert alert(String chain, long chat, long number, String hash, int requiredConfirmations) {
        return Alert.newBuilder().setId(chain + ":0xabc:" + chat + ":NATIVE_IN").setChatId(chat).setWatchId(chat)
                .setChain(chain).setKind(AlertKind.NATIVE_IN).setTxHash("0xabc").setBlockNumber(number).setBlockHash(
                        hash)
                .setBlockTimestamp(1_700_000_000L).setConfirmations(1).setRequiredConfirmations(
                        requiredConfirmations)
                .setWatched("0x1111").setFrom("0x2222").setTo("0x1111").setAmount("1").setFlags(java.util.List.of())
                .build();
    }
}

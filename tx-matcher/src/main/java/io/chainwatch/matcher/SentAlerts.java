package io.chainwatch.matcher;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.Topics;

/**
 * The alerts announced, kept while their block is within the reorg window for a retraction (and for the confirmation
 * updates of those announced at 0 confirmations): the sent store, and what the task keeps in memory about it.
 * <p>
 * <b>Records.</b> The alerts one block announced while one block event was processed are kept together in one record
 * instead of one record per alert, keyed by the block and the event's offset ({@link StoreKeys#sentRecord}). A block's
 * alerts are written, read back (on a revert or a progress update) and forgotten together, so one record per block
 * saves a store write, a changelog record and a later delete with its tombstone for every alert but the first — the
 * largest per-alert cost in a profile of the matcher. At most {@link #MAX_ALERTS} alerts go in one record, so that an
 * address watched by 10,000 chats gives records of about 100 KB, well below the changelog's message size limit. The
 * values are bytes: the sweep that forgets them, the bulk of what is read back, then needs no decoding.
 * <p>
 * Format: the byte {@code 0x01}, the number of alerts (int), then per alert its length (int) and its bytes as the
 * alerts topic's serde writes them. A value that starts with Avro's single-object marker {@code C3 01} instead is one
 * alert, as an earlier version of the matcher wrote it: both are read.
 * <p>
 * <b>In memory</b>, per task and initialisation of it (made in the processor's init), single-threaded: the alerts of
 * the current block event until it {@linkplain #save saves} them, and two things derived from the store, which start
 * unknown so that nothing derived outlives a restore — the blocks with a 0-confirmation alert and the height up to
 * which blocks were forgotten.
 */
final class SentAlerts {

    /** Alerts per record at most. */
    static final int MAX_ALERTS = 200;
    /**
     * Announced alerts deeper than the reorg window are forgotten every this many blocks rather than at every block:
     * each store scan costs a RocksDB iterator (and Kafka Streams' iterator metrics), and keeping an alert a few
     * blocks longer only means a retraction stays possible a little longer.
     */
    static final int FORGET_EVERY_BLOCKS = 16;

    private static final byte FORMAT_V1 = 0x01;
    private static final byte SINGLE_ALERT_MARKER = (byte) 0xC3;
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, byte[]> store;
    /**
     * The alerts announced while the current block event is processed, by the key prefix of their block
     * ({@link StoreKeys#sentOfBlock}), encoded: written to the store together by {@link #save}.
     */
    private final Map<String, List<byte[]>> unsaved = new LinkedHashMap<>();
    /**
     * Per chain, the numbers of the blocks with an alert announced at 0 confirmations in the store: the only blocks
     * whose depth is reported, so the progress scan runs only for them. Absent means unknown (rebuilt by one scan).
     */
    private final Map<String, NavigableSet<Long>> zeroConfirmationBlocks = new HashMap<>();
    /**
     * Per chain, the highest block whose announced alerts have been forgotten. The next sweep comes once the reorg
     * window has moved {@link #FORGET_EVERY_BLOCKS} past it and starts above it instead of at the chain's first key,
     * which would walk over the tombstones of everything deleted before (RocksDB keeps them until compaction; a
     * profile showed the sweep's seek as costly as its deletes). Absent: sweep from the start at the next block.
     */
    private final Map<String, Long> forgottenUpTo = new HashMap<>();

    SentAlerts(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /**
     * Keeps {@code alert}, announced as {@code encoded}, until {@link #save}. Not a block already below the forgotten
     * height (a backfilled or long-held one): it is past the reorg window, and the sweeps, which only move up, would
     * never see it.
     */
    void add(Alert alert, byte[] encoded) {
        Long forgotten = forgottenUpTo.get(alert.getChain());
        if (forgotten != null && alert.getBlockNumber() <= forgotten) {
            return;
        }
        unsaved.computeIfAbsent(StoreKeys.sentOfBlock(alert.getChain(), alert.getBlockNumber(), alert.getBlockHash()),
                block -> new ArrayList<>()).add(encoded);
        if (alert.getRequiredConfirmations() == 0) {
            NavigableSet<Long> known = zeroConfirmationBlocks.get(alert.getChain());
            if (known != null) {
                known.add(alert.getBlockNumber());
            }
        }
    }

    /** Whether alerts {@linkplain #add added} wait to be saved. */
    boolean hasUnsaved() {
        return !unsaved.isEmpty();
    }

    /**
     * Writes the alerts {@linkplain #add added} while processing the block event at {@code offset} to the store, one
     * record (or a few, see {@link #MAX_ALERTS}) per block. Keyed by the block and the offset, so that alerts of the
     * same block released by a later event (held ones reaching their depth) go in records of their own.
     */
    void save(long offset) {
        unsaved.forEach((block, encoded) -> {
            List<byte[]> records = encode(encoded);
            for (int part = 0; part < records.size(); part++) {
                store.put(StoreKeys.sentRecord(block, offset, part), records.get(part));
            }
        });
        unsaved.clear();
    }

    /**
     * The saved alerts announced at 0 confirmations from the blocks numbered {@code number} on {@code chain},
     * whatever their hash; read from the store only if one of those blocks is known to hold one.
     */
    List<Alert> announcedAtZeroConfirmations(String chain, long number) {
        if (!zeroConfirmationBlocks(chain).contains(number)) {
            return List.of();
        }
        List<Alert> alerts = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> records = store.range(StoreKeys.sentOfNumber(chain, number), StoreKeys
                .sentUpTo(chain, number))) {
            while (records.hasNext()) {
                for (Alert alert : decode(records.next().value)) {
                    if (alert.getRequiredConfirmations() == 0) {
                        alerts.add(alert);
                    }
                }
            }
        }
        return alerts;
    }

    /** Takes the saved alerts of the block {@code number} {@code hash} of {@code chain}, which left the chain. */
    List<Alert> takeOfBlock(String chain, long number, String hash) {
        zeroConfirmationBlocks.remove(chain);
        List<KeyValue<String, byte[]>> records = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> block = store.prefixScan(StoreKeys.sentOfBlock(chain, number, hash),
                KEYS)) {
            block.forEachRemaining(records::add);
        }
        records.forEach(record -> store.delete(record.key));
        List<Alert> alerts = new ArrayList<>();
        records.forEach(record -> alerts.addAll(decode(record.value)));
        return alerts;
    }

    /**
     * Forgets the saved alerts of {@code chain}'s blocks up to {@code blockNumber}, when a sweep is due (see
     * {@link #forgottenUpTo}).
     */
    void forgetUpTo(String chain, long blockNumber) {
        Long done = forgottenUpTo.get(chain);
        if (blockNumber < 0 || done != null && blockNumber - done < FORGET_EVERY_BLOCKS) {
            return;
        }
        String from = done == null ? StoreKeys.chainStart(chain) : StoreKeys.sentOfNumber(chain, done + 1);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> records = store.range(from, StoreKeys.sentUpTo(chain, blockNumber))) {
            records.forEachRemaining(record -> old.add(record.key));
        }
        old.forEach(store::delete);
        forgottenUpTo.put(chain, blockNumber);
        NavigableSet<Long> known = zeroConfirmationBlocks.get(chain);
        if (known != null) {
            known.headSet(blockNumber, true).clear();
        }
    }

    /** The numbers of {@code chain}'s blocks with a 0-confirmation alert in the store, scanned when unknown. */
    private NavigableSet<Long> zeroConfirmationBlocks(String chain) {
        NavigableSet<Long> numbers = zeroConfirmationBlocks.get(chain);
        if (numbers == null) {
            numbers = new TreeSet<>();
            try (KeyValueIterator<String, byte[]> all = store.range(StoreKeys.chainStart(chain), StoreKeys.chainEnd(
                    chain))) {
                while (all.hasNext()) {
                    for (Alert alert : decode(all.next().value)) {
                        if (alert.getRequiredConfirmations() == 0) {
                            numbers.add(alert.getBlockNumber());
                        }
                    }
                }
            }
            zeroConfirmationBlocks.put(chain, numbers);
        }
        return numbers;
    }

    /** The records holding {@code encodedAlerts}, in order, each of at most {@link #MAX_ALERTS} alerts. */
    static List<byte[]> encode(List<byte[]> encodedAlerts) {
        List<byte[]> records = new ArrayList<>();
        for (int from = 0; from < encodedAlerts.size(); from += MAX_ALERTS) {
            List<byte[]> part = encodedAlerts.subList(from, Math.min(encodedAlerts.size(), from + MAX_ALERTS));
            int size = 1 + Integer.BYTES;
            for (byte[] alert : part) {
                size += Integer.BYTES + alert.length;
            }
            ByteBuffer record = ByteBuffer.allocate(size).put(FORMAT_V1).putInt(part.size());
            for (byte[] alert : part) {
                record.putInt(alert.length).put(alert);
            }
            records.add(record.array());
        }
        return records;
    }

    /** The alerts of one record. */
    static List<Alert> decode(byte[] record) {
        if (record.length > 0 && record[0] == SINGLE_ALERT_MARKER) {
            return List.of(Topics.ALERTS.deserializeValue(record));
        }
        ByteBuffer in = ByteBuffer.wrap(record);
        if (in.get() != FORMAT_V1) {
            throw new IllegalArgumentException("unknown sent-alerts record format " + record[0]);
        }
        int count = in.getInt();
        List<Alert> alerts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] alert = new byte[in.getInt()];
            in.get(alert);
            alerts.add(Topics.ALERTS.deserializeValue(alert));
        }
        return alerts;
    }
}

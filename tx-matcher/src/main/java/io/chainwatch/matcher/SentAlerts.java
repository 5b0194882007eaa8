package io.chainwatch.matcher;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.Topics;

/**
 * The value format of the sent store: the alerts one block announced while one block event was processed, kept
 * together in one record instead of one record per alert. A block's alerts are written, read back (on a revert or a
 * progress update) and forgotten together, so one record per block saves a store write, a changelog record and a
 * later delete with its tombstone for every alert but the first — the largest per-alert cost in a profile of the
 * matcher. At most {@link #MAX_ALERTS} alerts go in one record, so that an address watched by 10,000 chats gives
 * records of about 100 KB, well below the changelog's message size limit.
 * <p>
 * Format: the byte {@code 0x01}, the number of alerts (int), then per alert its length (int) and its bytes as the
 * alerts topic's serde writes them. A value that starts with Avro's single-object marker {@code C3 01} instead is one
 * alert, as an earlier version of the matcher wrote it: both are read.
 */
final class SentAlerts {

    /** Alerts per record at most. */
    static final int MAX_ALERTS = 200;

    private static final byte FORMAT_V1 = 0x01;
    private static final byte SINGLE_ALERT_MARKER = (byte) 0xC3;

    private SentAlerts() {
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

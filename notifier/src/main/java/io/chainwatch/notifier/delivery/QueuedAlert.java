package io.chainwatch.notifier.delivery;

import org.apache.kafka.common.TopicPartition;

import io.chainwatch.schema.Alert;

/**
 * An alert waiting for delivery, with where it came from (its offset is committed only once it is done) and when it
 * was queued. Identity matters: two queued alerts are the same only if they are the same record.
 */
record QueuedAlert(TopicPartition partition, long offset, Alert alert, long enqueuedAtMillis) {

    long chatId() {
        return alert.getChatId();
    }

    /** The same record, now addressed to another chat (after a migration); the alert id is kept for idempotency. */
    QueuedAlert movedTo(long newChatId) {
        return new QueuedAlert(partition, offset, Alert.newBuilder(alert).setChatId(newChatId).build(),
                enqueuedAtMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueuedAlert other && other.partition.equals(partition) && other.offset == offset;
    }

    @Override
    public int hashCode() {
        return partition.hashCode() * 31 + Long.hashCode(offset);
    }
}

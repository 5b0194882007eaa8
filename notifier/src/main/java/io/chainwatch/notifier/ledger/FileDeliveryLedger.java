package io.chainwatch.notifier.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import io.chainwatch.schema.AlertIds;

/**
 * The delivery ledger of a single notifier without Redis (the standalone mode): an append-only file of
 * {@code <epoch millis> <key>[ <value>]} lines (the same two keys per alert as in Redis: {@code notified:{id}} and
 * {@code message:{id} <chat id> <message id> <alerts>}, and {@code progress:{original id} <depth>} after a progress
 * edit, written in one append), loaded at start and forced to disk after every append, so a {@code kill -9}
 * loses no mark that was reported durable. Entries older than the TTL are dropped when the file is loaded, and the
 * file is rewritten then (atomically) with the live entries only, so it does not grow without bound across restarts.
 * A torn last line (a crash mid-append) is ignored. Thread-safe (synchronized).
 */
public final class FileDeliveryLedger implements DeliveryLedger {

    /** The file's name inside {@code CHAINWATCH_DATA_DIR}. */
    public static final String FILE_NAME = "notifier-delivered.log";

    private final Path file;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private final FileChannel channel;

    public FileDeliveryLedger(Path dataDir, Duration ttl, Clock clock) {
        this.file = dataDir.resolve(FILE_NAME);
        this.ttl = ttl;
        this.clock = clock;
        try {
            Files.createDirectories(dataDir);
            load();
            compact();
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the delivery ledger " + file, e);
        }
    }

    /** A key's value (null for {@code notified:} keys) and when it was written. */
    private record Entry(long at, String value) {
    }

    @Override
    public synchronized Set<String> delivered(Collection<String> alertIds) {
        return alertIds.stream().filter(id -> live(AlertIds.notifiedKey(id)) != null).collect(Collectors.toSet());
    }

    @Override
    public synchronized Map<String, MessageRef> messages(Collection<String> alertIds) {
        Map<String, MessageRef> result = new HashMap<>();
        for (String id : alertIds) {
            Entry entry = live(DeliveryLedger.messageKey(id));
            MessageRef ref = entry == null ? null : MessageRef.decode(entry.value());
            if (ref != null) {
                result.put(id, ref);
            }
        }
        return result;
    }

    @Override
    public synchronized Map<String, Integer> confirmationsShown(Collection<String> originalIds) {
        Map<String, Integer> result = new HashMap<>();
        for (String id : originalIds) {
            Entry entry = live(DeliveryLedger.progressKey(id));
            Integer depth = entry == null ? null : ProgressDepth.decode(entry.value());
            if (depth != null) {
                result.put(id, depth);
            }
        }
        return result;
    }

    @Override
    public synchronized void markDelivered(Collection<String> alertIds, MessageRef message) {
        long now = clock.millis();
        String ref = message.encode();
        StringBuilder lines = new StringBuilder();
        for (String id : alertIds) {
            lines.append(now).append(' ').append(AlertIds.notifiedKey(id)).append('\n');
            lines.append(now).append(' ').append(DeliveryLedger.messageKey(id)).append(' ').append(ref).append('\n');
            OptionalInt depth = AlertIds.progressDepthOf(id);
            if (depth.isPresent()) {
                String progressKey = DeliveryLedger.progressKey(AlertIds.announcementIdOf(id));
                lines.append(now).append(' ').append(progressKey).append(' ').append(depth.getAsInt()).append('\n');
            }
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot append to the delivery ledger " + file, e);
        }
        for (String id : alertIds) {
            entries.put(AlertIds.notifiedKey(id), new Entry(now, null));
            entries.put(DeliveryLedger.messageKey(id), new Entry(now, ref));
            OptionalInt depth = AlertIds.progressDepthOf(id);
            if (depth.isPresent()) {
                String progressKey = DeliveryLedger.progressKey(AlertIds.announcementIdOf(id));
                entries.put(progressKey, new Entry(now, Integer.toString(depth.getAsInt())));
            }
        }
    }

    /** Keys held (two per delivered alert). */
    synchronized int size() {
        return entries.size();
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.at() > clock.millis() - ttl.toMillis() ? entry : null;
    }

    private void load() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long oldest = clock.millis() - ttl.toMillis();
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = List.of(content.split("\n", -1));
        // The last element is "" after a complete line; anything else there is a line torn by a crash mid-append.
        // It must not count: a cut key such as "...:TOKEN_IN#1" could be another alert's complete key.
        for (String line : lines.subList(0, lines.size() - 1)) {
            int space = line.indexOf(' ');
            if (space <= 0 || space == line.length() - 1) {
                continue; // a torn line from a crash mid-append
            }
            try {
                long at = Long.parseLong(line.substring(0, space));
                String rest = line.substring(space + 1);
                int valueAt = rest.indexOf(' ');
                String key = valueAt < 0 ? rest : rest.substring(0, valueAt);
                String value = valueAt < 0 ? null : rest.substring(valueAt + 1);
                if (at > oldest) {
                    entries.merge(key, new Entry(at, value), (a, b) -> b.at() >= a.at() ? b : a);
                }
            } catch (NumberFormatException e) {
                // torn line
            }
        }
    }

    private void compact() throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        List<String> lines = entries.entrySet().stream().map(e -> e.getValue().at() + " " + e.getKey() + (e
                .getValue().value() == null ? "" : " " + e.getValue().value())).toList();
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(
                    StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do: every append was forced already
        }
    }
}

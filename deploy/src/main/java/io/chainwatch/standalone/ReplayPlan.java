package io.chainwatch.standalone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;

/**
 * The pure part of {@code ./chainwatch replay}: what {@code --from} means, and which offset each partition is rewound
 * to. A plan never moves a group forward: a partition whose committed offset is already before the target keeps it,
 * because moving forward would skip records the service has not processed yet.
 *
 * @param rows one per partition, in partition order
 */
record ReplayPlan(List<Row> rows) {

    private static final Pattern RELATIVE = Pattern.compile("-(\\d+)(ms|s|m|h|d)");

    /** Where to replay from, as given by {@code --from}. */
    sealed interface From {

        /** The first record at or after this instant ({@code 2026-11-29T10:00:00Z}, or relative: {@code -2h}). */
        record At(Instant instant) implements From {
        }

        /** The same offset on every partition ({@code offset:N}). */
        record Offset(long offset) implements From {
        }

        /** The oldest retained record of every partition ({@code earliest}). */
        record Earliest() implements From {
        }
    }

    /**
     * What one partition looks like before the rewind.
     *
     * @param committed the group's committed offset, empty when it never committed one
     * @param start the log start offset (oldest retained record)
     * @param end the log end offset (next offset to be written)
     * @param atTimestamp for {@link From.At}: the first offset at or after the instant, empty when no record is that new
     */
    record PartitionState(TopicPartition partition, OptionalLong committed, long start, long end,
            OptionalLong atTimestamp) {
    }

    /**
     * One line of the plan: {@code partition  old → new  (note)}.
     *
     * @param changes whether the group must commit {@code newOffset}: it differs from the committed offset, or (with
     *        none committed) from the log start, where the service would begin anyway
     */
    record Row(TopicPartition partition, OptionalLong oldOffset, long newOffset, String note, boolean changes) {
    }

    /** Parses {@code --from}: an ISO-8601 instant, {@code -<n><ms|s|m|h|d>}, {@code offset:N} or {@code earliest}. */
    static From parseFrom(String text, Clock clock) {
        String value = text.strip();
        if (value.equalsIgnoreCase("earliest")) {
            return new From.Earliest();
        }
        if (value.toLowerCase(Locale.ROOT).startsWith("offset:")) {
            try {
                long offset = Long.parseLong(value.substring("offset:".length()));
                if (offset >= 0) {
                    return new From.Offset(offset);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--from offset:N needs a whole number N >= 0, got '" + text + "'");
        }
        Matcher relative = RELATIVE.matcher(value.toLowerCase(Locale.ROOT));
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration ago = switch (relative.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return new From.At(clock.instant().minus(ago));
        }
        try {
            Instant instant = Instant.parse(value);
            if (instant.isAfter(clock.instant())) {
                throw new IllegalArgumentException("--from " + text + " is in the future");
            }
            return new From.At(instant);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--from must be an ISO-8601 time (2026-11-29T10:00:00Z), a time ago "
                    + "(-2h, -30m, -1d), offset:N or earliest; got '" + text + "'");
        }
    }

    /**
     * Computes the rewind of every partition. Where {@code --from} finds nothing (no record that new, or an offset past
     * the end) the target is the partition's end; where the group has not got as far as the target, it keeps its
     * offset.
     *
     * @param toLatestIfMissing for partitions where the group has no committed offset: commit the target (or the end)
     *        instead of leaving the service to start at the partition's beginning — lets a new or renamed group start
     *        at {@code --from} rather than read the whole retention again
     */
    static ReplayPlan compute(From from, List<PartitionState> partitions, boolean toLatestIfMissing) {
        List<Row> rows = new ArrayList<>();
        for (PartitionState p : partitions) {
            long target;
            String note = "";
            switch (from) {
                case From.Earliest e -> target = p.start();
                case From.At at -> {
                    target = p.atTimestamp().orElse(p.end());
                    if (p.atTimestamp().isEmpty()) {
                        note = "no record that new: latest";
                    }
                }
                case From.Offset o when o.offset() < p.start() -> {
                    target = p.start();
                    note = "offset " + o.offset() + " no longer retained: earliest";
                }
                case From.Offset o when o.offset() > p.end() -> {
                    target = p.end();
                    note = "offset " + o.offset() + " past the end: latest";
                }
                case From.Offset o -> target = o.offset();
            }
            // Without a committed offset the service starts at the log start (auto.offset.reset=earliest).
            long current = p.committed().orElse(p.start());
            if (p.committed().isEmpty() && toLatestIfMissing) {
                note = (note + " (no committed offset)").strip();
            } else if (target > current) {
                target = current;
                note = p.committed().isPresent()
                        ? "kept: the group has not got that far yet"
                        : "kept: no committed offset, starts at the beginning (see --to-latest-if-missing)";
            }
            rows.add(new Row(p.partition(), p.committed(), target, note, target != current));
        }
        return new ReplayPlan(List.copyOf(rows));
    }

    /** The plan as a table: partition, old offset, new offset, note. */
    String table() {
        StringBuilder out = new StringBuilder(String.format("%-28s %12s    %12s%n", "partition", "old offset",
                "new offset"));
        for (Row row : rows) {
            String old = row.oldOffset().isPresent() ? Long.toString(row.oldOffset().getAsLong()) : "(none)";
            out.append(String.format("%-28s %12s -> %12d  %s%n", row.partition(), old, row.newOffset(), row.note())
                    .stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }
}

package io.chainwatch.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable view of the runtime contract's environment variables ({@code CHAINWATCH_CHAINS},
 * {@code KAFKA_BOOTSTRAP_SERVERS}, ...), with typed getters that fail with a {@link ConfigException} naming the
 * variable. Services read configuration only through this, so tests and the standalone launcher pass a map instead of
 * touching the process environment. Thread-safe.
 */
public final class RuntimeEnv {

    private final Map<String, String> values;

    private RuntimeEnv(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process environment. */
    public static RuntimeEnv system() {
        return new RuntimeEnv(System.getenv());
    }

    public static RuntimeEnv of(Map<String, String> values) {
        return new RuntimeEnv(values);
    }

    /** A copy with {@code overrides} taking precedence. */
    public RuntimeEnv with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new RuntimeEnv(merged);
    }

    /** The value of {@code name}, absent when unset or blank. */
    public Optional<String> get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public String get(String name, String defaultValue) {
        return get(name).orElse(defaultValue);
    }

    public String require(String name, String whatItIs) {
        return get(name).orElseThrow(() -> new ConfigException(name + " is required: " + whatItIs));
    }

    public int getInt(String name, int defaultValue) {
        return get(name).map(v -> parseInt(name, v)).orElse(defaultValue);
    }

    public long getLong(String name, long defaultValue) {
        return get(name).map(v -> parseLong(name, v)).orElse(defaultValue);
    }

    public double getDouble(String name, double defaultValue) {
        return get(name).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " must be a number, got '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    public boolean getBoolean(String name, boolean defaultValue) {
        return get(name).map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + v + "'");
        }).orElse(defaultValue);
    }

    /**
     * A duration written as ISO-8601 ({@code PT30S}) or as a number with a unit: {@code 250ms}, {@code 30s},
     * {@code 5m}, {@code 1h}, {@code 7d}.
     */
    public Duration getDuration(String name, Duration defaultValue) {
        return get(name).map(v -> parseDuration(name, v)).orElse(defaultValue);
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> getList(String name, List<String> defaultValue) {
        return get(name).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .filter(list -> !list.isEmpty()).orElse(defaultValue);
    }

    static Duration parseDuration(String name, String text) {
        String v = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(text.strip().toUpperCase(java.util.Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new ConfigException(name + " must be a duration such as 500ms, 30s, 5m, 1h or 7d, got '" + text
                    + "'");
        }
    }

    private static int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static long parseLong(String name, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + v + "'");
        }
    }

    @Override
    public String toString() {
        return "RuntimeEnv(" + values.size() + " variables)"; // never print values: they hold secrets
    }
}

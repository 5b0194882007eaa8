package io.chainwatch.notifier.prices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;
import io.chainwatch.schema.Ascii;

/**
 * Which feed prices which asset, per chain: the presets ({@code price-feeds.tsv}, from the feed provider's
 * documentation) or, where {@code CHAINWATCH_PRICE_FEEDS_<CHAIN>} is set, that list instead
 * ({@code native=<feed>,<token>=<feed>,…}, or {@code none}). Addresses are kept in lower case. Immutable.
 */
public final class PriceFeeds {

    public static final String PREFIX = "CHAINWATCH_PRICE_FEEDS_";
    /** The asset key of a chain's native coin. */
    public static final String NATIVE = "native";
    private static final String PRESETS = "price-feeds.tsv";

    private final Map<String, Map<String, String>> byChain;

    private PriceFeeds(Map<String, Map<String, String>> byChain) {
        this.byChain = byChain;
    }

    /** No feeds anywhere: amounts without dollar values. */
    public static PriceFeeds none() {
        return new PriceFeeds(Map.of());
    }

    /** The feeds of the configured chains, validated: a malformed list stops the start, naming the variable. */
    public static PriceFeeds from(RuntimeEnv env, List<ChainConfig> chains) {
        Map<String, Map<String, String>> presets = presets();
        Map<String, Map<String, String>> byChain = new HashMap<>();
        for (ChainConfig chain : chains) {
            String name = PREFIX + chain.name().toUpperCase(Locale.ROOT);
            Map<String, String> feeds = env.get(name).map(value -> parse(name, value)).orElseGet(() -> presets
                    .getOrDefault(chain.name(), Map.of()));
            if (!feeds.isEmpty()) {
                byChain.put(chain.name(), feeds);
            }
        }
        return new PriceFeeds(Map.copyOf(byChain));
    }

    /** The feed pricing {@code asset} ({@link #NATIVE} or a token contract) on {@code chain}. */
    public Optional<String> feed(String chain, String asset) {
        Map<String, String> feeds = byChain.get(chain);
        return feeds == null || asset == null ? Optional.empty() : Optional.ofNullable(feeds.get(Ascii.lower(asset)));
    }

    /** Every configured feed of {@code chain}, by asset. */
    public Map<String, String> of(String chain) {
        return byChain.getOrDefault(chain, Map.of());
    }

    public boolean isEmpty() {
        return byChain.isEmpty();
    }

    /** {@code native=0x…,0xtoken=0x…}; {@code none} (or an empty value) for no feeds on this chain. */
    static Map<String, String> parse(String variable, String value) {
        String text = value.strip();
        if (text.isEmpty() || text.equalsIgnoreCase("none")) {
            return Map.of();
        }
        Map<String, String> feeds = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String[] pair = entry.strip().split("=", -1);
            if (pair.length != 2) {
                throw new ConfigException(variable + ": expected <asset>=<feed address> pairs separated by commas "
                        + "(the asset is 'native' or a token contract), got '" + entry.strip() + "'");
            }
            String asset = pair[0].strip();
            if (!asset.equalsIgnoreCase(NATIVE)) {
                asset = address(variable, asset, "token");
            } else {
                asset = NATIVE;
            }
            if (feeds.put(asset, address(variable, pair[1].strip(), "feed")) != null) {
                throw new ConfigException(variable + ": the asset " + asset + " is listed twice");
            }
        }
        return Map.copyOf(feeds);
    }

    private static String address(String variable, String value, String what) {
        if (!value.matches("0[xX][0-9a-fA-F]{40}")) {
            throw new ConfigException(variable + ": the " + what + " '" + value + "' is not an address (0x and 40 hex "
                    + "digits)");
        }
        return Ascii.lower(value);
    }

    /** The rows of {@code price-feeds.tsv}, by chain. */
    static Map<String, Map<String, String>> presets() {
        Map<String, Map<String, String>> byChain = new HashMap<>();
        for (Preset row : presetRows()) {
            byChain.computeIfAbsent(row.chain(), c -> new LinkedHashMap<>()).put(row.asset().equals(NATIVE)
                    ? NATIVE
                    : Ascii.lower(row.asset()), Ascii.lower(row.feed()));
        }
        byChain.replaceAll((chain, feeds) -> Map.copyOf(feeds));
        return byChain;
    }

    /** One row of the presets, addresses as the source documents them (checksummed). */
    record Preset(String chain, String asset, String symbol, String feed, String note) {
    }

    static List<Preset> presetRows() {
        try (InputStream in = PriceFeeds.class.getResourceAsStream(PRESETS)) {
            if (in == null) {
                throw new IllegalStateException(PRESETS + " is missing from the notifier");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()
                    && !line.startsWith("#")).map(line -> line.split("\t", -1)).map(cells -> new Preset(cells[0],
                            cells[1], cells[2], cells[3], cells.length > 4 ? cells[4] : ""))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

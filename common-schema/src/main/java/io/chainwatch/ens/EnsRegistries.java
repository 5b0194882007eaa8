package io.chainwatch.ens;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.chainwatch.config.ChainConfig;
import io.chainwatch.config.ConfigException;
import io.chainwatch.config.RuntimeEnv;

/**
 * The ENS registry of each configured chain: {@code CHAINWATCH_ENS_REGISTRY_<CHAIN>} (an address, or {@code none}),
 * else the chain preset's ({@code ethereum}: {@link io.chainwatch.schema.ChainPresets#ENS_REGISTRY}; others: none). A
 * chain without one does no ENS lookup at all. Read and validated at startup by the services that use names.
 * Immutable.
 */
public final class EnsRegistries {

    public static final String PREFIX = "CHAINWATCH_ENS_REGISTRY_";
    /** The value that turns ENS off on a chain whose preset has a registry. */
    public static final String NONE = "none";
    /** How long a service keeps an address's ENS name, or that it has none: a name can change hands. */
    public static final String CACHE_TTL = "CHAINWATCH_ENS_CACHE_TTL";
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofHours(1);

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final EnsRegistries EMPTY = new EnsRegistries(Map.of());

    private final Map<String, String> registries;

    private EnsRegistries(Map<String, String> registries) {
        this.registries = Map.copyOf(registries);
    }

    /** No chain has a registry. */
    public static EnsRegistries none() {
        return EMPTY;
    }

    /** The registries of {@code chains} in {@code env}, validated: a malformed value stops the start, named. */
    public static EnsRegistries from(RuntimeEnv env, List<ChainConfig> chains) {
        Map<String, String> registries = new HashMap<>();
        for (ChainConfig chain : chains) {
            String variable = PREFIX + chain.name().toUpperCase(Locale.ROOT);
            String value = env.get(variable).map(String::strip).orElse(chain.preset().defaultEnsRegistry());
            if (value.isEmpty() || value.equalsIgnoreCase(NONE)) {
                continue;
            }
            if (!ADDRESS.matcher(value).matches()) {
                throw new ConfigException(variable + " must be the ENS registry's address (0x and 40 hex digits) or '"
                        + NONE + "', got '" + (value.length() > 60 ? value.substring(0, 60) + "…" : value) + "'");
            }
            registries.put(chain.name(), value.toLowerCase(Locale.ROOT));
        }
        return new EnsRegistries(registries);
    }

    /** The registry of {@code chain}, lower case; empty where the chain has none. */
    public Optional<String> of(String chain) {
        return Optional.ofNullable(registries.get(chain));
    }

    public boolean isEmpty() {
        return registries.isEmpty();
    }

    @Override
    public String toString() {
        return "EnsRegistries" + registries;
    }
}

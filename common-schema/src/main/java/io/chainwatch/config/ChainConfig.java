package io.chainwatch.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import io.chainwatch.schema.ChainPreset;
import io.chainwatch.schema.ChainPresets;

/**
 * One watched chain as configured: its preset, RPC endpoints in priority order and default confirmations.
 *
 * @param preset the chain's preset
 * @param rpcUrls endpoints in priority order (http(s) or ws(s))
 * @param confirmations default confirmations before notifying
 */
public record ChainConfig(ChainPreset preset, List<String> rpcUrls, int confirmations) {

    public static final String CHAINS = EnvNames.CHAINS;
    public static final String RPC_PREFIX = "CHAINWATCH_RPC_";
    public static final String CONFIRMATIONS_PREFIX = "CHAINWATCH_CONFIRMATIONS_";
    /** Chains watched when {@value #CHAINS} is unset. */
    public static final List<String> DEFAULT_CHAINS = List.of("ethereum", "bsc");
    /** Deepest confirmation count accepted; deeper waits are almost always a typo. */
    public static final int MAX_CONFIRMATIONS = 1000;

    public String name() {
        return preset.name();
    }

    /** The chains of {@code env}, validated: known names, no duplicates, well-formed URLs and numbers. */
    public static List<ChainConfig> allFrom(RuntimeEnv env) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        List<ChainConfig> chains = new ArrayList<>();
        for (String requested : env.getList(CHAINS, DEFAULT_CHAINS)) {
            ChainPreset preset = ChainPresets.find(requested).orElseThrow(() -> new ConfigException(CHAINS
                    + " names an unknown chain '" + requested + "'; known chains: " + ChainPresets.names()));
            if (!names.add(preset.name())) {
                throw new ConfigException(CHAINS + " names the chain '" + preset.name() + "' twice");
            }
            chains.add(from(env, preset));
        }
        return List.copyOf(chains);
    }

    static ChainConfig from(RuntimeEnv env, ChainPreset preset) {
        String suffix = preset.name().toUpperCase(Locale.ROOT);
        List<String> urls = env.getList(RPC_PREFIX + suffix, preset.defaultRpcUrls());
        for (String url : urls) {
            validateUrl(RPC_PREFIX + suffix, url);
        }
        int confirmations = env.getInt(CONFIRMATIONS_PREFIX + suffix, preset.defaultConfirmations());
        if (confirmations < 0 || confirmations > MAX_CONFIRMATIONS) {
            throw new ConfigException(CONFIRMATIONS_PREFIX + suffix + " must be between 0 and " + MAX_CONFIRMATIONS
                    + ", got " + confirmations);
        }
        return new ChainConfig(preset, urls, confirmations);
    }

    private static void validateUrl(String variable, String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!List.of("http", "https", "ws", "wss").contains(scheme) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable + " must list http(s):// or ws(s):// URLs, got '" + redact(url) + "'");
        }
    }

    /** An RPC URL safe to log: the path and query (which often carry API keys) are cut. */
    public static String redact(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "<malformed url>";
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            boolean hasSecretPart = (uri.getRawPath() != null && uri.getRawPath().length() > 1)
                    || uri.getRawQuery() != null || uri.getRawUserInfo() != null;
            return uri.getScheme() + "://" + uri.getHost() + port + (hasSecretPart ? "/…" : "");
        } catch (IllegalArgumentException e) {
            return "<malformed url>";
        }
    }
}

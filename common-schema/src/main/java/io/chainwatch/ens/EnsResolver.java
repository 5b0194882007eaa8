package io.chainwatch.ens;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ENS on one chain, through its registry and the chain's own nodes ({@link EthCall}): a name to its address
 * ({@link #resolve}), and an address to its verified primary name ({@link #reverse}). Thread-safe if the call is.
 */
public final class EnsResolver {

    /**
     * A name that shows something like an address — {@code 0x} and 4 or more hex digits, or a run of 8 or more hex
     * digits holding both digits and letters (an address's ends, or all of it) — could pass for one in a message.
     */
    private static final Pattern PREFIXED_HEX = Pattern.compile("0x[0-9a-f]{4,}");
    private static final Pattern HEX_RUN = Pattern.compile("[0-9a-f]{8,}");
    private static final Pattern DIGIT = Pattern.compile("[0-9]");
    private static final Pattern LETTER = Pattern.compile("[a-f]");

    private final EthCall eth;
    private final String registry;

    /**
     * @param eth {@code eth_call} on the chain's nodes
     * @param registry the ENS registry's address
     */
    public EnsResolver(EthCall eth, String registry) {
        this.eth = eth;
        this.registry = registry.toLowerCase(Locale.ROOT);
    }

    /** The address {@code name} resolves to now: registry, then its resolver's {@code addr}. */
    public Resolution resolve(String name) {
        EnsNames.Normalised normalised = EnsNames.normalise(name);
        if (normalised instanceof EnsNames.Normalised.Invalid invalid) {
            return new Resolution.InvalidName(invalid.reason());
        }
        String normal = ((EnsNames.Normalised.Valid) normalised).name();
        try {
            return address(normal).<Resolution>map(a -> new Resolution.Resolved(normal, a)).orElseGet(
                    () -> new Resolution.Unregistered(normal));
        } catch (IOException e) {
            return new Resolution.Failed(describe(e));
        }
    }

    /**
     * The primary name of {@code address}: its reverse record ({@code <address>.addr.reverse}), trusted only when it is
     * a normalised name, does not look like an address, and resolves forward to {@code address} again.
     */
    public EnsOutcome reverse(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        try {
            byte[] node = Namehash.of(lower.substring(2) + ".addr.reverse");
            Optional<String> resolver = call(registry, EnsAbi.call(EnsAbi.RESOLVER, node)).flatMap(EnsAbi::address);
            if (resolver.isEmpty()) {
                return new EnsOutcome.NoName();
            }
            Optional<String> claimed = call(resolver.get(), EnsAbi.call(EnsAbi.NAME, node)).flatMap(EnsAbi::string);
            if (claimed.isEmpty()) {
                return new EnsOutcome.NoName();
            }
            Optional<String> distrust = distrust(claimed.get());
            if (distrust.isPresent()) {
                return new EnsOutcome.Untrusted(claimed.get(), distrust.get());
            }
            return address(claimed.get()).filter(lower::equals).<EnsOutcome>map(a -> new EnsOutcome.Named(claimed
                    .get())).orElseGet(EnsOutcome.NoName::new);
        } catch (IOException e) {
            return new EnsOutcome.Failed(describe(e));
        }
    }

    /**
     * Why {@code name} must not stand for an address, if it must not: it is not a normalised name (a resolver must
     * return one; a name that changes on normalisation is not what the reader would be shown), or it looks like an
     * address.
     */
    public static Optional<String> distrust(String name) {
        if (!EnsNames.isNormal(name)) {
            return Optional.of("it is not a valid, normalised ENS name");
        }
        if (PREFIXED_HEX.matcher(name).find() || HEX_RUN.matcher(name).results().anyMatch(r -> DIGIT.matcher(r
                .group()).find() && LETTER.matcher(r.group()).find())) {
            return Optional.of("it looks like an address");
        }
        return Optional.empty();
    }

    /** The address a normalised name resolves to; empty without a resolver or an address. */
    private Optional<String> address(String normalName) throws IOException {
        byte[] node = Namehash.of(normalName);
        Optional<String> resolver = call(registry, EnsAbi.call(EnsAbi.RESOLVER, node)).flatMap(EnsAbi::address);
        if (resolver.isEmpty()) {
            return Optional.empty();
        }
        return call(resolver.get(), EnsAbi.call(EnsAbi.ADDR, node)).flatMap(EnsAbi::address);
    }

    private Optional<String> call(String to, String data) throws IOException {
        try {
            return eth.call(to, data);
        } catch (RuntimeException e) {
            throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

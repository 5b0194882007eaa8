package io.chainwatch.ens;

/** What forward resolution found for a name ({@link EnsResolver#resolve}). */
public sealed interface Resolution {

    /**
     * @param name the name, normalised
     * @param address its address, lower case
     */
    record Resolved(String name, String address) implements Resolution {
    }

    /** The name is well formed but has no resolver or no address. */
    record Unregistered(String name) implements Resolution {
    }

    /** The name cannot be an ENS name ({@link EnsNames#normalise}); {@code reason} says why. */
    record InvalidName(String reason) implements Resolution {
    }

    /** The nodes could not be asked; {@code cause} is for logs. */
    record Failed(String cause) implements Resolution {
    }
}

package io.chainwatch.ens;

/** What reverse resolution found for an address ({@link EnsResolver#reverse}). */
public sealed interface EnsOutcome {

    /**
     * A verified primary name: the address's reverse record names it, and it resolves forward to the same address.
     *
     * @param name the name, normalised
     */
    record Named(String name) implements EnsOutcome {
    }

    /** No primary name: no reverse record, or one whose name does not resolve back to the address. */
    record NoName() implements EnsOutcome {
    }

    /**
     * A primary name that must not be shown as the address's name: it looks like an address, or it is not a
     * normalised ENS name. Callers flag it.
     *
     * @param name the name as the resolver returned it (outside text: escape and bound it before showing it)
     * @param reason why, in words for people
     */
    record Untrusted(String name, String reason) implements EnsOutcome {
    }

    /**
     * The nodes could not be asked (no answer in time, no node): nothing is known, try again later.
     *
     * @param cause what went wrong, for logs
     */
    record Failed(String cause) implements EnsOutcome {
    }
}

package io.chainwatch.notifier.ens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import io.chainwatch.ens.EnsOutcome;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.ens.EnsResolver;
import io.chainwatch.lookup.AsyncDirectory;
import io.chainwatch.notifier.format.AlertFormatter;
import io.chainwatch.notifier.lookup.NodeCalls;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;

/**
 * The verified primary ENS names of the addresses messages show (counterparties, the watched address), per chain,
 * kept in memory for {@code ttl} — a name can change, or stop resolving back — and at most {@code capacity} of them;
 * a lookup whose nodes did not answer is tried again after {@code retryAfter}. Delivery asks {@link #prefetch} before
 * formatting and waits at most {@code wait}; a lookup still running then completes in the background, and this message
 * shows the address alone. Chains without a registry are never looked up. Thread-safe.
 */
public final class EnsDirectory implements AlertFormatter.NameLookup {

    /** Addresses looked up for one message at most: a digest shows no counterparty, so it needs none. */
    static final int MAX_ADDRESSES_PER_PREFETCH = 16;

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final EnsOutcome NOT_LOOKED_UP = new EnsOutcome.Failed("not looked up yet");

    /** Reads one address's primary name. */
    public interface Reader {
        EnsOutcome read(String chain, String address);
    }

    private record Key(String chain, String address) {
    }

    private final EnsRegistries registries;
    private final AsyncDirectory<Key, EnsOutcome> directory;

    public EnsDirectory(Reader reader, EnsRegistries registries, Executor executor, int capacity, Duration wait,
            Duration ttl, Duration retryAfter, LongSupplier millis) {
        this.registries = registries;
        this.directory = new AsyncDirectory<>(key -> reader.read(key.chain(), key.address()), NOT_LOOKED_UP,
                outcome -> outcome instanceof EnsOutcome.Failed, executor, new AsyncDirectory.Policy(capacity, wait,
                        ttl, retryAfter),
                millis);
    }

    /** Names read with {@link EnsResolver} on the chain's own nodes, through its configured registry. */
    public static Reader onNodes(NodeCalls nodes, EnsRegistries registries) {
        return (chain, address) -> registries.of(chain).map(registry -> new EnsResolver(nodes.ask(chain), registry)
                .reverse(address)).orElseGet(EnsOutcome.NoName::new);
    }

    /** A directory that knows no name (no chain with ENS, unit tests). */
    public static EnsDirectory none() {
        return new EnsDirectory((chain, address) -> new EnsOutcome.NoName(), EnsRegistries.none(), Runnable::run, 1,
                Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1), System::currentTimeMillis);
    }

    @Override
    public EnsOutcome find(String chain, String address) {
        return key(chain, address).map(directory::find).orElseGet(EnsOutcome.NoName::new);
    }

    /** Looks up the addresses {@code alerts} show whose names are not known, waiting at most the configured time. */
    public void prefetch(Collection<Alert> alerts) {
        if (!registries.isEmpty()) {
            directory.prefetch(keys(alerts));
        }
    }

    /** Starts the lookups of the addresses {@code alerts} show whose names are not known; completes when all are in. */
    public CompletableFuture<Void> begin(Collection<Alert> alerts) {
        return registries.isEmpty() ? CompletableFuture.completedFuture(null) : directory.begin(keys(alerts));
    }

    private List<Key> keys(Collection<Alert> alerts) {
        Set<Key> keys = new LinkedHashSet<>();
        for (Alert alert : alerts) {
            if (alert.getKind() == AlertKind.TRANSACTION) {
                transactionShows(alert).forEach(address -> key(alert.getChain(), address).ifPresent(keys::add));
                continue;
            }
            List<String> shown = new ArrayList<>();
            // as the message shows them: the sender unless the watch sent it, the recipient unless it received it
            if (!outgoing(alert.getKind())) {
                shown.add(alert.getFrom());
            }
            if (!incoming(alert.getKind()) && alert.getKind() != AlertKind.CONTRACT_CREATED) {
                shown.add(alert.getTo());
            }
            if (alert.getLabel() == null || alert.getLabel().isBlank()) {
                shown.add(alert.getWatched());
            }
            shown.forEach(address -> key(alert.getChain(), address).ifPresent(keys::add));
        }
        return keys.stream().limit(MAX_ADDRESSES_PER_PREFETCH).toList();
    }

    /**
     * The addresses a transaction message names: spenders first (approvals are the security-relevant part), the
     * recipient (a swap's router, a failed call's target), the counterparties, the watched addresses without a label.
     */
    private static List<String> transactionShows(Alert alert) {
        List<String> shown = new ArrayList<>();
        alert.getApprovals().forEach(approval -> shown.add(approval.getSpender()));
        shown.add(alert.getTo());
        alert.getMovements().forEach(movement -> shown.add(movement.getCounterparty()));
        alert.getWatchedAddresses().stream().filter(w -> w.getLabel() == null || w.getLabel().isBlank()).forEach(
                w -> shown.add(w.getAddress()));
        if (alert.getWatchedAddresses().isEmpty() && (alert.getLabel() == null || alert.getLabel().isBlank())) {
            shown.add(alert.getWatched());
        }
        return shown;
    }

    private static boolean incoming(AlertKind kind) {
        return switch (kind) {
            case NATIVE_IN, TOKEN_IN, NFT_IN, INTERNAL_IN -> true;
            default -> false;
        };
    }

    private static boolean outgoing(AlertKind kind) {
        return switch (kind) {
            case NATIVE_OUT, TOKEN_OUT, NFT_OUT, INTERNAL_OUT -> true;
            default -> false;
        };
    }

    /** The key of an address on a chain with a registry; empty for anything else (a tx hash, no address). */
    private Optional<Key> key(String chain, String address) {
        if (address == null || registries.of(chain).isEmpty()) {
            return Optional.empty();
        }
        String lower = address.strip().toLowerCase(Locale.ROOT);
        return ADDRESS.matcher(lower).matches()
                ? Optional.of(new Key(chain, lower))
                : Optional
                        .empty();
    }
}

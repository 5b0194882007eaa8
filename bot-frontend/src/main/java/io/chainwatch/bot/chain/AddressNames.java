package io.chainwatch.bot.chain;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import io.chainwatch.bot.track.Tracker;
import io.chainwatch.ens.EnsOutcome;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.ens.EnsResolver;
import io.chainwatch.lookup.AsyncDirectory;
import io.chainwatch.names.AddressBook;
import io.chainwatch.names.ShownNames;

/**
 * The names the bot's replies show next to a watched address, as notifications do ({@link ShownNames}): the
 * operator's address book, else the address's verified primary ENS name, read with {@code eth_call} on the chain's own
 * nodes and kept for {@code ttl} (at most {@value #CAPACITY} addresses; a lookup whose nodes did not answer is tried
 * again after {@value #RETRY_AFTER_SECONDS} s). A reply never waits on the nodes longer than {@code wait}: what is not
 * in by then is shown as the bare address, and its lookup completes in the background for the next reply.
 * Thread-safe.
 */
public final class AddressNames {

    static final int CAPACITY = 10_000;
    static final long RETRY_AFTER_SECONDS = 30;

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final EnsOutcome NOT_LOOKED_UP = new EnsOutcome.Failed("not looked up yet");

    /** An address on a chain that has an ENS registry, lower case. */
    private record Key(String chain, String address) {
    }

    private final AddressBook book;
    private final EnsRegistries registries;
    private final AsyncDirectory<Key, EnsOutcome> ens;

    /**
     * @param executor runs the lookups
     * @param millis the clock of the cache
     */
    public AddressNames(Tracker.Nodes nodes, EnsRegistries registries, AddressBook book, Executor executor,
            Duration ttl, Duration wait, LongSupplier millis) {
        this.book = book;
        this.registries = registries;
        this.ens = new AsyncDirectory<>(key -> registries.of(key.chain()).map(registry -> new EnsResolver(EnsLookup
                .ethCall(nodes.ask(key.chain())), registry).reverse(key.address())).orElseGet(
                        EnsOutcome.NoName::new),
                NOT_LOOKED_UP, outcome -> outcome instanceof EnsOutcome.Failed, executor, new AsyncDirectory.Policy(
                        CAPACITY, wait, ttl, Duration.ofSeconds(RETRY_AFTER_SECONDS)),
                millis);
    }

    /** Knows no name (tests of the rest). */
    public static AddressNames none() {
        return new AddressNames(NodeRpc.offline(), EnsRegistries.none(), AddressBook.empty(), Runnable::run,
                Duration.ofDays(1), Duration.ZERO, System::currentTimeMillis);
    }

    /** An address on a chain, as a reply is about to show it. */
    public record Shown(String chain, String address) {
    }

    /**
     * Looks up the ENS names of {@code addresses} that are not known yet (nor named by the address book), waiting at
     * most the configured time for all of them together.
     */
    public void prefetch(Collection<Shown> addresses) {
        List<Key> keys = addresses.stream().filter(a -> book.name(a.chain(), a.address()).isEmpty()).map(a -> key(a
                .chain(), a.address())).flatMap(Optional::stream).distinct().toList();
        if (!keys.isEmpty()) {
            ens.prefetch(keys);
        }
    }

    /** {@code shown} (the address as the reply shows it, HTML) after the name known now; never waits. */
    public String named(String chain, String address, String shown) {
        EnsOutcome found = key(chain, address).map(ens::find).orElseGet(EnsOutcome.NoName::new);
        return ShownNames.named(book.name(chain, address), found, shown);
    }

    private Optional<Key> key(String chain, String address) {
        if (address == null || registries.of(chain).isEmpty()) {
            return Optional.empty();
        }
        String lower = address.strip().toLowerCase(Locale.ROOT);
        return ADDRESS.matcher(lower).matches() ? Optional.of(new Key(chain, lower)) : Optional.empty();
    }
}

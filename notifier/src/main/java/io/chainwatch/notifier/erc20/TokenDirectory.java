package io.chainwatch.notifier.erc20;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import io.chainwatch.lookup.AsyncDirectory;
import io.chainwatch.notifier.format.AlertFormatter;
import io.chainwatch.notifier.format.TokenMetadata;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.TokenApproval;

/**
 * Token symbols and decimals, read once per (chain, token) and kept in memory: at most {@code capacity} tokens (least
 * recently used go first). A lookup that found nothing (no RPC endpoint, a timeout, a contract without
 * {@code symbol()}/{@code decimals()}) is remembered for {@code retryAfter}, then tried again. Delivery asks
 * {@link #prefetch} before formatting and waits at most {@code wait}; a lookup still running then completes in the
 * background for later messages, and this message shows raw units and the token address ({@link AsyncDirectory} does
 * the caching). Thread-safe.
 */
public final class TokenDirectory implements AlertFormatter.TokenLookup {

    /** Reads one token's metadata; empty when it cannot. Never throws. */
    public interface Reader {
        Optional<TokenMetadata> read(String chain, String token);
    }

    private record Key(String chain, String token) {
    }

    private final AsyncDirectory<Key, Optional<TokenMetadata>> directory;

    public TokenDirectory(Reader reader, Executor executor, int capacity, Duration wait, Duration retryAfter,
            LongSupplier millis) {
        // metadata never changes, so a token found is kept as long as there is room (no TTL)
        this.directory = new AsyncDirectory<>(key -> reader.read(key.chain(), key.token()), Optional.empty(),
                Optional::isEmpty, executor, new AsyncDirectory.Policy(capacity, wait, null, retryAfter), millis);
    }

    /** A directory that knows no token: raw units everywhere (no RPC configured, unit tests). */
    public static TokenDirectory none() {
        return new TokenDirectory((chain, token) -> Optional.empty(), Runnable::run, 1, Duration.ZERO,
                Duration.ofDays(1), System::currentTimeMillis);
    }

    @Override
    public Optional<TokenMetadata> find(String chain, String token) {
        return token == null ? Optional.empty() : directory.find(key(chain, token));
    }

    /** Looks up the tokens of {@code alerts} not known yet, waiting at most the configured time for them. */
    public void prefetch(Collection<Alert> alerts) {
        directory.prefetch(keys(alerts));
    }

    /** Starts the lookups of the tokens of {@code alerts} not known yet; completes when all of them are in. */
    public CompletableFuture<Void> begin(Collection<Alert> alerts) {
        return directory.begin(keys(alerts));
    }

    private static List<Key> keys(Collection<Alert> alerts) {
        return alerts.stream().flatMap(TokenDirectory::tokens).distinct().toList();
    }

    /**
     * The tokens a message shows in units: the alert's own, or a transaction's ERC-20 movements and ERC-20 or Permit2
     * approvals (NFT collections have no decimals).
     */
    private static Stream<Key> tokens(Alert alert) {
        if (alert.getKind() != AlertKind.TRANSACTION) {
            return hasToken(alert) ? Stream.of(key(alert.getChain(), alert.getToken())) : Stream.empty();
        }
        Stream<String> moved = alert.getMovements().stream().filter(m -> m.getKind() == AlertKind.TOKEN_IN || m
                .getKind() == AlertKind.TOKEN_OUT).map(AlertMovement::getToken);
        Stream<String> approved = alert.getApprovals().stream().filter(a -> a.getStandard() == ApprovalStandard.ERC20
                || a.getStandard() == ApprovalStandard.PERMIT2).map(TokenApproval::getToken);
        return Stream.concat(approved, moved).filter(t -> t != null && !t.isBlank()).map(t -> key(alert.getChain(),
                t));
    }

    private static boolean hasToken(Alert alert) {
        return (alert.getKind() == AlertKind.TOKEN_IN || alert.getKind() == AlertKind.TOKEN_OUT) && alert
                .getToken() != null && !alert.getToken().isBlank();
    }

    private static Key key(String chain, String token) {
        return new Key(chain, token.strip().toLowerCase(Locale.ROOT));
    }
}

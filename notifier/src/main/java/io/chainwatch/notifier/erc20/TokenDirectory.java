package io.chainwatch.notifier.erc20;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import io.chainwatch.notifier.format.AlertFormatter;
import io.chainwatch.notifier.format.TokenMetadata;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;

/**
 * Token symbols and decimals, read once per (chain, token) and kept in memory: at most {@code capacity} tokens (least
 * recently used go first). A lookup that found nothing (no RPC endpoint, a timeout, a contract without
 * {@code symbol()}/{@code decimals()}) is remembered for {@code retryAfter}, then tried again. Delivery asks
 * {@link #prefetch} before formatting and waits at most {@code wait}; a lookup still running then completes in the
 * background for later messages, and this message shows raw units and the token address. Thread-safe.
 */
public final class TokenDirectory implements AlertFormatter.TokenLookup {

    /** Reads one token's metadata; empty when it cannot. Never throws. */
    public interface Reader {
        Optional<TokenMetadata> read(String chain, String token);
    }

    private record Key(String chain, String token) {
    }

    /** A lookup, done or running; {@code failedAtMillis} is set when it completed empty. */
    private static final class Lookup {
        private final CompletableFuture<Optional<TokenMetadata>> result;
        private volatile long failedAtMillis = Long.MIN_VALUE;

        Lookup(CompletableFuture<Optional<TokenMetadata>> result) {
            this.result = result;
        }
    }

    private final Reader reader;
    private final Executor executor;
    private final Duration wait;
    private final Duration retryAfter;
    private final LongSupplier millis;
    private final Map<Key, Lookup> entries;

    public TokenDirectory(Reader reader, Executor executor, int capacity, Duration wait, Duration retryAfter,
            LongSupplier millis) {
        this.reader = reader;
        this.executor = executor;
        this.wait = wait;
        this.retryAfter = retryAfter;
        this.millis = millis;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Lookup> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A directory that knows no token: raw units everywhere (no RPC configured, unit tests). */
    public static TokenDirectory none() {
        return new TokenDirectory((chain, token) -> Optional.empty(), Runnable::run, 1, Duration.ZERO,
                Duration.ofDays(1), System::currentTimeMillis);
    }

    @Override
    public synchronized Optional<TokenMetadata> find(String chain, String token) {
        Lookup entry = token == null ? null : entries.get(key(chain, token));
        return entry == null ? Optional.empty() : entry.result.getNow(Optional.empty());
    }

    /** Looks up the tokens of {@code alerts} not known yet, waiting at most the configured time for them. */
    public void prefetch(Collection<Alert> alerts) {
        try {
            begin(alerts).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // shown in raw units this time; the lookup goes on for the next message
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the lookups of the tokens of {@code alerts} not known yet; completes when all of them are in. */
    public CompletableFuture<Void> begin(Collection<Alert> alerts) {
        List<CompletableFuture<Optional<TokenMetadata>>> running = alerts.stream().filter(TokenDirectory::hasToken)
                .map(a -> key(a.getChain(), a.getToken())).distinct().map(this::lookup).filter(f -> !f.isDone())
                .toList();
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
    }

    private synchronized CompletableFuture<Optional<TokenMetadata>> lookup(Key key) {
        Lookup entry = entries.get(key);
        if (entry != null && (entry.failedAtMillis == Long.MIN_VALUE || millis.getAsLong() < entry.failedAtMillis
                + retryAfter.toMillis())) {
            return entry.result;
        }
        Lookup fresh;
        try {
            fresh = new Lookup(CompletableFuture.supplyAsync(() -> read(key), executor));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(Optional.empty()); // shutting down
        }
        fresh.result.thenAccept(found -> {
            if (found.isEmpty()) {
                fresh.failedAtMillis = millis.getAsLong();
            }
        });
        entries.put(key, fresh);
        return fresh.result;
    }

    private Optional<TokenMetadata> read(Key key) {
        try {
            return reader.read(key.chain(), key.token());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean hasToken(Alert alert) {
        return (alert.getKind() == AlertKind.TOKEN_IN || alert.getKind() == AlertKind.TOKEN_OUT) && alert
                .getToken() != null && !alert.getToken().isBlank();
    }

    private static Key key(String chain, String token) {
        return new Key(chain, token.strip().toLowerCase(Locale.ROOT));
    }
}

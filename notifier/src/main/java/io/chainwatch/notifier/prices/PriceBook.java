package io.chainwatch.notifier.prices;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import io.chainwatch.lookup.AsyncDirectory;
import io.chainwatch.notifier.format.AlertFormatter;
import io.chainwatch.notifier.format.TokenMetadata;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.ChainPreset;
import io.chainwatch.schema.ChainPresets;
import io.chainwatch.schema.TxStatus;

/**
 * Dollar values of alerts: the price of the alert's asset at the alert's block, read from its feed
 * ({@link PriceFeeds}) and kept in memory for {@code ttl} (at most {@code capacity} readings, least recently used go
 * first; an {@link AsyncDirectory}). A feed that failed is asked again after {@code retryAfter}; a reading older than
 * {@code maxAge} at the block's time counts as stale. Delivery starts the readings an alert needs ({@link #begin}) and formats the message
 * once they are in or the wait is over: a price not known by then is simply not shown. Thread-safe.
 */
public final class PriceBook implements AlertFormatter.Valuation {

    /** Reads one feed at one block. Never throws. */
    public interface Reader {
        Reading read(String chain, String feed, long block);
    }

    /** What a feed said. */
    public sealed interface Reading {
    }

    /** {@code usd} per whole unit of the asset, last updated at {@code updatedAtSeconds}. */
    public record Price(BigDecimal usd, long updatedAtSeconds) implements Reading {
    }

    /** The feed could not be read, or its answer is unusable. */
    public record Failed(String reason) implements Reading {
    }

    /** A feed at a block; the block's time (seconds) judges whether the reading is stale. */
    private record Key(String chain, String feed, long block, long blockSeconds) {
    }

    private static final Reading NOT_READ = new Failed("not read yet");

    private final PriceFeeds feeds;
    private final AlertFormatter.TokenLookup tokens;
    private final Reader reader;
    private final Duration maxAge;
    private final AsyncDirectory<Key, Reading> readings;
    /** The last thing each feed said, for the health endpoint: chain and feed to a failure, or absent when fine. */
    private final Map<String, String> failing = new ConcurrentHashMap<>();

    public PriceBook(PriceFeeds feeds, AlertFormatter.TokenLookup tokens, Reader reader, Executor executor,
            int capacity, Duration ttl, Duration retryAfter, Duration maxAge, LongSupplier millis) {
        this.feeds = feeds;
        this.tokens = tokens;
        this.reader = reader;
        this.maxAge = maxAge;
        this.readings = new AsyncDirectory<>(this::read, NOT_READ, reading -> reading instanceof Failed, executor,
                new AsyncDirectory.Policy(capacity, Duration.ZERO, ttl, retryAfter), millis);
    }

    /** Starts the readings {@code alerts} need and not known yet; completes when all of them are in. */
    public CompletableFuture<Void> begin(Collection<Alert> alerts) {
        return readings.begin(alerts.stream().flatMap(this::keys).distinct().toList());
    }

    /** An alert's reading, and those of a transaction's movements and its coin (fee, value). */
    private Stream<Key> keys(Alert alert) {
        if (alert.getKind() != AlertKind.TRANSACTION) {
            return key(alert).stream();
        }
        boolean coinShown = alert.getFeeWei() != null || !"0".equals(alert.getAmount());
        Stream<Key> coin = coinShown ? key(alert, PriceFeeds.NATIVE).stream() : Stream.empty();
        return Stream.concat(coin, alert.getMovements().stream().flatMap(m -> asset(m.getKind(), m.getToken())
                .flatMap(asset -> key(alert, asset)).stream()));
    }

    /** The alert's amount in dollars, when its asset has a feed whose reading at that block is in and fresh. */
    @Override
    public Optional<BigDecimal> usd(Alert alert) {
        return price(alert, key(alert)).flatMap(price -> decimals(alert.getChain(), alert.getKind(), alert
                .getToken()).flatMap(decimals -> amount(alert.getAmount(), decimals)).map(units -> units.multiply(
                        price)));
    }

    /** One movement of a transaction alert in dollars, at the alert's block, as {@link #usd(Alert)}. */
    @Override
    public Optional<BigDecimal> usd(Alert alert, AlertMovement movement) {
        Optional<Key> key = asset(movement.getKind(), movement.getToken()).flatMap(asset -> key(alert, asset));
        return price(alert, key).flatMap(price -> decimals(alert.getChain(), movement.getKind(), movement.getToken())
                .flatMap(decimals -> amount(movement.getAmount(), decimals)).map(units -> units.multiply(price)));
    }

    /** The dollar price a key's reading holds, when it is in and fresh at the alert's block. */
    private Optional<BigDecimal> price(Alert alert, Optional<Key> key) {
        if (key.isEmpty() || !(readings.find(key.get()) instanceof Price price)) {
            return Optional.empty();
        }
        if (alert.getBlockTimestamp() - price.updatedAtSeconds() > maxAge.toSeconds()) {
            return Optional.empty(); // stale: reported by the health endpoint when it was read
        }
        return Optional.of(price.usd());
    }

    /**
     * Whether the alert is below its watch's dollar minimum: only when that minimum is set and the amount's value is
     * known (an asset without a price is never held back by a dollar minimum). A transaction alert only when it
     * approved nothing, did not fail, and every movement has a price, the largest being below the minimum.
     */
    public boolean belowMinimum(Alert alert) {
        if (alert.getMinUsd() == null || alert.getMinUsd().isBlank()) {
            return false;
        }
        BigDecimal minimum;
        try {
            minimum = new BigDecimal(alert.getMinUsd().strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (alert.getKind() == AlertKind.TRANSACTION) {
            return transactionBelow(alert, minimum);
        }
        return usd(alert).map(value -> value.compareTo(minimum) < 0).orElse(false);
    }

    private boolean transactionBelow(Alert alert, BigDecimal minimum) {
        List<AlertMovement> movements = alert.getMovements();
        if (!alert.getApprovals().isEmpty() || alert.getTxStatus() == TxStatus.FAILED || movements.isEmpty()) {
            return false;
        }
        BigDecimal largest = BigDecimal.ZERO;
        for (AlertMovement movement : movements) {
            Optional<BigDecimal> value = usd(alert, movement);
            if (value.isEmpty()) {
                return false;
            }
            largest = largest.max(value.get());
        }
        return largest.compareTo(minimum) < 0;
    }

    /** Feeds whose last reading failed or was stale, as {@code chain feed → why}, for the health endpoint. */
    public Map<String, String> failing() {
        return new TreeMap<>(failing);
    }

    private Reading read(Key key) {
        Reading reading;
        try {
            reading = reader.read(key.chain(), key.feed(), key.block());
        } catch (RuntimeException e) {
            reading = new Failed(e.getClass().getSimpleName());
        }
        String name = key.chain() + " " + key.feed();
        switch (reading) {
            case Failed(String reason) -> failing.put(name, reason);
            case Price price when key.blockSeconds() - price.updatedAtSeconds() > maxAge.toSeconds() -> failing.put(
                    name, "stale: at block " + key.block() + " last updated " + (key.blockSeconds() - price
                            .updatedAtSeconds()) + " s before it");
            case Price price -> failing.remove(name);
        }
        return reading;
    }

    private Optional<Key> key(Alert alert) {
        return asset(alert.getKind(), alert.getToken()).flatMap(asset -> key(alert, asset));
    }

    /** The reading of {@code asset}'s feed at the alert's block. */
    private Optional<Key> key(Alert alert, String asset) {
        return feeds.feed(alert.getChain(), asset).map(feed -> new Key(alert.getChain(), feed, alert
                .getBlockNumber(), alert.getBlockTimestamp()));
    }

    /** {@link PriceFeeds#NATIVE} for native and internal transfers, the token for ERC-20 ones; NFTs have no price. */
    private static Optional<String> asset(AlertKind kind, String token) {
        return switch (kind) {
            case NATIVE_IN, NATIVE_OUT, INTERNAL_IN, INTERNAL_OUT -> Optional.of(PriceFeeds.NATIVE);
            case TOKEN_IN, TOKEN_OUT -> Optional.ofNullable(token);
            default -> Optional.empty();
        };
    }

    private Optional<Integer> decimals(String chain, AlertKind kind, String token) {
        return switch (kind) {
            case TOKEN_IN, TOKEN_OUT -> tokens.find(chain, token).map(TokenMetadata::decimals);
            default -> ChainPresets.find(chain).map(ChainPreset::nativeDecimals);
        };
    }

    private static Optional<BigDecimal> amount(String raw, int decimals) {
        try {
            return Optional.of(new BigDecimal(new BigInteger(raw.strip()), decimals));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

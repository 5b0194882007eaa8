package io.chainwatch.notifier.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.chainwatch.names.AddressBook;
import io.chainwatch.notifier.ens.EnsDirectory;
import io.chainwatch.notifier.erc20.TokenDirectory;
import io.chainwatch.notifier.format.AlertFormatter;
import io.chainwatch.notifier.prices.PriceBook;
import io.chainwatch.schema.Alert;

/**
 * What a message shows beside the alert, read from the chain's own nodes or the operator's files: token symbols and
 * decimals, dollar values, names. A delivery starts every lookup its alerts need at once and waits for them at most
 * {@code wait} together; what is not in by then is left out of this message. Thread-safe.
 *
 * @param patience {@code NOTIFIER_TOKEN_LOOKUP_TIMEOUT}: the longest a message waits for its lookups
 */
public record Lookups(TokenDirectory tokens, PriceBook prices, EnsDirectory names, AddressBook book,
        Duration patience) {

    AlertFormatter formatter() {
        return new AlertFormatter(tokens, book, names, prices);
    }

    /** Starts the lookups {@code alerts} need and waits for them, at most {@link #patience()}. */
    void await(List<Alert> alerts) {
        CompletableFuture<Void> all = CompletableFuture.allOf(tokens.begin(alerts), prices.begin(alerts), names
                .begin(alerts));
        try {
            all.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // shown without what is missing; the lookups go on for later messages
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

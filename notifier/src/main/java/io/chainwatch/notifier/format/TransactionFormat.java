package io.chainwatch.notifier.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.chainwatch.notifier.format.AlertFormatter.ChainView;
import io.chainwatch.notifier.format.TransactionPatterns.Approval;
import io.chainwatch.notifier.format.TransactionPatterns.Failed;
import io.chainwatch.notifier.format.TransactionPatterns.Movements;
import io.chainwatch.notifier.format.TransactionPatterns.Recognised;
import io.chainwatch.notifier.format.TransactionPatterns.Swap;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.WatchedAddress;

/**
 * The message of a {@link AlertKind#TRANSACTION} alert (issue #16): a headline by its pattern
 * ({@link TransactionPatterns}), what it tried and the fee when it failed, the router of a swap, the approvals (first:
 * they are the security-relevant part), one line per movement in order, the watched addresses, the block, the
 * warnings and the full hash last. A long list is cut so that the message stays within
 * {@value AlertFormatter#MAX_MESSAGE_CHARS} characters, keeping everything else. Thread-safe; pure apart from the
 * lookups it is given.
 */
final class TransactionFormat {

    /** Watched addresses named one per line; more are counted. */
    static final int MAX_WATCH_LINES = 5;
    /** Room kept for the line that counts the movements cut. */
    private static final int CUT_RESERVE = 64;

    private final AlertFormatter formatter;
    private final TransactionLines lines;
    private final ApprovalLines approvals;

    TransactionFormat(AlertFormatter formatter, AlertFormatter.TokenLookup tokens,
            AlertFormatter.Valuation valuation) {
        this.formatter = formatter;
        this.lines = new TransactionLines(formatter, tokens, valuation);
        this.approvals = new ApprovalLines(lines);
    }

    String format(Alert alert, ChainView chain) {
        Recognised recognised = TransactionPatterns.recognise(alert);
        StringBuilder head = new StringBuilder(512);
        if (alert.getPhase() == AlertPhase.ORPHANED) {
            head.append("⚠️ <b>Reorg on ").append(chain.name()).append(": block ").append(alert.getBlockNumber())
                    .append(" was orphaned; this transaction is no longer confirmed</b>\n");
            head.append("It was: ").append(headline(alert, recognised, chain)).append('\n');
        } else {
            head.append("<b>").append(headline(alert, recognised, chain)).append("</b> on <b>").append(chain.name())
                    .append("</b>\n");
        }
        switch (recognised.body()) {
            case Failed failed -> head.append("It tried ").append(lines.attempt(alert, failed, chain)).append('\n');
            case Swap swap -> head.append("via ").append(lines.counterparty(alert, swap.via())).append('\n');
            case Movements movements -> {
            }
        }
        List<String> items = new ArrayList<>();
        recognised.approvals().forEach(approval -> items.add(approvals.approval(alert, approval)));
        List<AlertMovement> movements = movements(alert);
        boolean severalWatched = alert.getWatchedAddresses().size() > 1;
        if (movements.size() == 1 && recognised.approvals().isEmpty()
                && recognised.body() instanceof Movements && !severalWatched) {
            lines.counterpartyLine(alert, movements.get(0)).ifPresent(items::add);
        } else {
            movements.forEach(movement -> items.add(lines.movement(alert, movement, chain, severalWatched)));
        }
        String tail = tail(alert, recognised, chain);
        String text = head + cut(items, AlertFormatter.MAX_MESSAGE_CHARS - head.length() - tail.length()) + tail;
        // every part is bounded, so this cannot trigger; it keeps the 4,096 promise even if a bound changes
        return text.length() <= AlertFormatter.MAX_MESSAGE_CHARS
                ? text
                : Html.truncate(formatter.minimal(alert, chain),
                        AlertFormatter.MAX_MESSAGE_CHARS);
    }

    /** The headline of the alert's pattern, on one line and without markup of its own (digests show it alone). */
    String headline(Alert alert, ChainView chain) {
        return headline(alert, TransactionPatterns.recognise(alert), chain);
    }

    private String headline(Alert alert, Recognised recognised, ChainView chain) {
        List<AlertMovement> movements = movements(alert);
        return switch (recognised.body()) {
            case Failed failed -> "❌ Transaction failed";
            case Swap swap -> "🔄 Swapped " + lines.asset(alert, swap.out(), chain) + " → " + lines.asset(alert, swap
                    .in(), chain);
            case Movements m when !recognised.approvals().isEmpty() && movements.isEmpty() -> approvalsHeadline(
                    alert, recognised.approvals());
            case Movements m when movements.size() == 1 -> lines.summary(alert, movements.get(0), chain);
            case Movements m when movements.isEmpty() -> "🔁 Transaction";
            case Movements m -> "🔁 " + movements.size() + " movements";
        };
    }

    private String approvalsHeadline(Alert alert, List<Approval> all) {
        if (all.size() > 1) {
            return "🔐 " + all.size() + " approvals";
        }
        Approval approval = all.get(0);
        // the headline is bold as a whole; what it quotes was escaped, so the only tags are ours
        return (approval.granted() ? "🔐 Approval: " : "🔐 Approval revoked: ")
                + approvals.approvedWhat(alert, approval)
                        .replace("<b>", "").replace("</b>", "");
    }

    /** The movements the message lists, in order (a swap's too, each with its counterparty), zero nets left out. */
    private static List<AlertMovement> movements(Alert alert) {
        return alert.getMovements().stream().filter(m -> !TransactionPatterns.isZero(m)).toList();
    }

    private String tail(Alert alert, Recognised recognised, ChainView chain) {
        StringBuilder out = new StringBuilder(256);
        watchLines(alert, out);
        lines.fee(alert, recognised.body() instanceof Failed, chain).ifPresent(fee -> out.append(fee).append('\n'));
        out.append("Block ").append(alert.getBlockNumber()).append(" · ").append(AlertFormatter.confirmations(alert))
                .append('\n');
        AlertFormatter.markers(alert, out);
        out.append(AlertFormatter.txLink(alert, chain));
        return out.toString();
    }

    private void watchLines(Alert alert, StringBuilder out) {
        List<WatchedAddress> watched = alert.getWatchedAddresses();
        if (watched.isEmpty()) {
            out.append(formatter.watchLine(alert)).append('\n');
            return;
        }
        for (WatchedAddress address : watched.stream().limit(MAX_WATCH_LINES).toList()) {
            Alert one = Alert.newBuilder(alert).setWatched(address.getAddress()).setLabel(address.getLabel()).build();
            out.append(formatter.watchLine(one)).append('\n');
        }
        if (watched.size() > MAX_WATCH_LINES) {
            out.append("… and ").append(watched.size() - MAX_WATCH_LINES).append(" more watched addresses\n");
        }
    }

    /** As many lines as fit in {@code room}, in order, then how many were cut. */
    private static String cut(List<String> items, int room) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            String line = items.get(i) + '\n';
            boolean last = i == items.size() - 1;
            if (out.length() + line.length() > room - (last ? 0 : CUT_RESERVE)) {
                int more = items.size() - i;
                return out.append("… and ").append(more).append(more == 1 ? " more movement\n" : " more movements\n")
                        .toString();
            }
            out.append(line);
        }
        return out.toString();
    }

    /** The labels of the watched addresses a digest entry names: all of a transaction's, else the alert's own. */
    static List<String> labels(Alert alert) {
        List<String> labels = new ArrayList<>();
        if (alert.getKind() == AlertKind.TRANSACTION && !alert.getWatchedAddresses().isEmpty()) {
            alert.getWatchedAddresses().stream().limit(MAX_WATCH_LINES).map(WatchedAddress::getLabel).filter(
                    l -> l != null && !l.isBlank()).forEach(labels::add);
        } else if (alert.getLabel() != null && !alert.getLabel().isBlank()) {
            labels.add(alert.getLabel());
        }
        return labels;
    }

    /** Lower case, for comparing addresses. */
    static String lower(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }

    /** {@code 0xAbCd…12Ef}, checksummed and escaped. */
    static String shortAddress(String address) {
        return address == null ? "" : AlertFormatter.shortContract(address);
    }
}

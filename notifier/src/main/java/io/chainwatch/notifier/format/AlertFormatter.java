package io.chainwatch.notifier.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.chainwatch.ens.EnsOutcome;
import io.chainwatch.names.AddressBook;
import io.chainwatch.names.ShownNames;
import io.chainwatch.schema.Addresses;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertKind;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.AlertPhase;
import io.chainwatch.schema.ChainPreset;
import io.chainwatch.schema.ChainPresets;

/**
 * Turns alerts into Telegram HTML messages people like to read: what happened (direction, amount in human units),
 * on which chain, for which watch, the counterparty, the block and its confirmations, warnings (late, backfill,
 * possible spam or address poisoning, reorg) and the transaction: an explorer link whose text is the full hash, or
 * the full hash in {@code <code>} where the chain has no explorer. Addresses are shown EIP-55 checksummed, as wallets
 * show them (alerts carry them in lower case). Every string from an alert is escaped and cut to
 * a bound, so a message never exceeds {@value #MAX_MESSAGE_CHARS} characters.
 * <p>
 * Token amounts are shown in human units with the token's symbol when the {@link TokenLookup} already knows the token
 * (it never waits), in raw units otherwise; amounts carry their dollar value ({@code 1.5 ETH (≈ $5,112)}) when the
 * {@link Valuation} knows it. Counterparties and the watched address are named by the operator's {@link AddressBook},
 * or by their verified ENS name when the {@link NameLookup} already knows it. Thread-safe; pure apart from those
 * lookups.
 */
public final class AlertFormatter {

    /** Telegram's limit for a message text. */
    static final int MAX_MESSAGE_CHARS = 4096;
    static final int MAX_LABEL_CHARS = 64;
    static final int MAX_ADDRESS_CHARS = 64;
    static final int MAX_HASH_CHARS = 100;
    static final int MAX_AMOUNT_CHARS = 80;
    static final int MAX_FLAGS = 5;
    static final int MAX_FLAG_CHARS = 40;

    /** One message and the alerts it announces. */
    public record Message(String text, List<Alert> alerts) {
    }

    /** Token metadata known now: never waits (a lookup still running counts as unknown). */
    public interface TokenLookup {
        Optional<TokenMetadata> find(String chain, String token);
    }

    /** Dollar values known now: never waits. */
    public interface Valuation {
        /** Knows no price. */
        Valuation NONE = alert -> Optional.empty();

        /** The alert's amount in US dollars, when its price is known. */
        Optional<BigDecimal> usd(Alert alert);

        /** One movement of a {@link AlertKind#TRANSACTION} alert in US dollars, at the alert's block, when known. */
        default Optional<BigDecimal> usd(Alert alert, AlertMovement movement) {
            return Optional.empty();
        }
    }

    /**
     * An address's verified primary ENS name known now: never waits (a lookup still running, or a chain without ENS,
     * answers anything but {@link EnsOutcome.Named} or {@link EnsOutcome.Untrusted}).
     */
    public interface NameLookup {
        /** Knows no name. */
        NameLookup NONE = (chain, address) -> new EnsOutcome.NoName();

        EnsOutcome find(String chain, String address);
    }

    /** Longest ENS name shown; a longer one is cut, with an ellipsis. */
    static final int MAX_ENS_NAME_CHARS = ShownNames.MAX_ENS_NAME_CHARS;
    /** How much of an untrusted name its warning quotes. */
    static final int MAX_UNTRUSTED_NAME_CHARS = ShownNames.MAX_UNTRUSTED_NAME_CHARS;

    private final TokenLookup tokens;
    private final AddressBook book;
    private final NameLookup names;
    private final Valuation valuation;
    private final TransactionFormat transactions;

    /** Token amounts in raw units. */
    AlertFormatter() {
        this((chain, token) -> Optional.empty());
    }

    /** Token amounts in human units with the symbol, where {@code tokens} knows the token. */
    public AlertFormatter(TokenLookup tokens) {
        this(tokens, AddressBook.empty());
    }

    /** As {@link #AlertFormatter(TokenLookup)}, with counterparties named where {@code book} names them. */
    public AlertFormatter(TokenLookup tokens, AddressBook book) {
        this(tokens, book, NameLookup.NONE, Valuation.NONE);
    }

    /** As the four-argument constructor, without dollar values. */
    public AlertFormatter(TokenLookup tokens, AddressBook book, NameLookup names) {
        this(tokens, book, names, Valuation.NONE);
    }

    /**
     * As {@link #AlertFormatter(TokenLookup, AddressBook)}, with addresses also named by their verified ENS name where
     * nothing closer names them (a watch's own label, then the address book, then ENS), and amounts with their dollar
     * value where {@code valuation} knows it.
     */
    public AlertFormatter(TokenLookup tokens, AddressBook book, NameLookup names, Valuation valuation) {
        this.tokens = tokens;
        this.book = book;
        this.names = names;
        this.valuation = valuation;
        this.transactions = new TransactionFormat(this, tokens, valuation);
    }

    /** The full message for one alert. */
    String format(Alert alert) {
        ChainView chain = ChainView.of(alert.getChain());
        if (alert.getKind() == AlertKind.TRANSACTION) {
            return transactions.format(alert, chain);
        }
        StringBuilder out = new StringBuilder(512);
        if (alert.getPhase() == AlertPhase.ORPHANED) {
            out.append("⚠️ <b>Reorg on ").append(chain.name()).append(": block ").append(alert.getBlockNumber())
                    .append(" was orphaned; this transaction is no longer confirmed</b>\n");
            out.append("It was: ").append(headline(alert, chain, true)).append('\n');
        } else {
            out.append("<b>").append(headline(alert, chain, true)).append("</b> on <b>").append(chain.name()).append(
                    "</b>\n");
        }
        out.append(watchLine(alert)).append('\n');
        counterparties(alert, out);
        out.append("Block ").append(alert.getBlockNumber()).append(" · ").append(confirmations(alert)).append('\n');
        markers(alert, out);
        out.append(txLink(alert, chain));
        String text = out.toString();
        // Every part is bounded above, so this cannot trigger; it keeps the 4,096 promise even if a bound changes.
        return text.length() <= MAX_MESSAGE_CHARS ? text : Html.truncate(minimal(alert, chain), MAX_MESSAGE_CHARS);
    }

    /**
     * The new text of the message that announced an alert whose block was then orphaned: the original announcement
     * struck through, and why. {@code orphaned} is the {@link AlertPhase#ORPHANED} alert; the original text is
     * formatted again from it (the same transfer, block and watch; its confirmations are the orphan's).
     */
    public String orphanedEdit(Alert orphaned) {
        Alert original = Alert.newBuilder(orphaned).setPhase(AlertPhase.CONFIRMED).build();
        String notice = "\n⚠️ <b>Block " + orphaned.getBlockNumber()
                + " was orphaned by a reorg; this transaction is no longer confirmed</b>";
        String text = "<s>" + format(original) + "</s>" + notice;
        return text.length() <= MAX_MESSAGE_CHARS
                ? text
                : "<s>" + minimal(original, ChainView.of(original.getChain())) + "</s>"
                        + notice;
    }

    /**
     * The new text of the message that announced an alert at 0 confirmations, once its block is deeper:
     * {@code progress} is the {@link AlertPhase#PROGRESS} alert; the announcement is formatted again from it (the same
     * transfer, block and watch) with its confirmations, the new depth.
     */
    public String progressEdit(Alert progress) {
        return format(Alert.newBuilder(progress).setPhase(AlertPhase.CONFIRMED).build());
    }

    /**
     * Packs alerts (one chat's backlog, oldest first) into digest messages of at most {@value #MAX_MESSAGE_CHARS}
     * characters, in order; each alert keeps its chain, what happened and its full transaction hash.
     */
    List<Message> digest(List<Alert> alerts) {
        List<Message> messages = new ArrayList<>();
        List<Alert> current = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (Alert alert : alerts) {
            String entry = digestEntry(alert);
            if (!current.isEmpty() && DIGEST_HEADER_RESERVE + body.length() + entry.length() > MAX_MESSAGE_CHARS) {
                messages.add(new Message(digestHeader(current.size()) + body, List.copyOf(current)));
                current.clear();
                body.setLength(0);
            }
            current.add(alert);
            body.append(entry);
        }
        if (!current.isEmpty()) {
            messages.add(new Message(digestHeader(current.size()) + body, List.copyOf(current)));
        }
        return messages;
    }

    /** The first message of {@link #digest(List)}, or the single format when there is just one alert. */
    public Message firstMessage(List<Alert> alerts) {
        if (alerts.size() == 1) {
            return new Message(format(alerts.get(0)), List.of(alerts.get(0)));
        }
        return digest(alerts).get(0);
    }

    private static final int DIGEST_HEADER_RESERVE = 64;

    private static String digestHeader(int count) {
        return "📦 <b>" + count + " new alerts</b> (digest of a busy moment)\n";
    }

    private String digestEntry(Alert alert) {
        ChainView chain = ChainView.of(alert.getChain());
        StringBuilder out = new StringBuilder("\n");
        if (alert.getPhase() == AlertPhase.ORPHANED) {
            out.append("⚠️ Reorg: block ").append(alert.getBlockNumber()).append(" orphaned, no longer confirmed: ");
        }
        out.append(headline(alert, chain, false)).append(" · ").append(chain.name()).append(" · block ").append(alert
                .getBlockNumber());
        for (String label : TransactionFormat.labels(alert)) {
            out.append(" · 🏷 ").append(Html.escape(label, MAX_LABEL_CHARS));
        }
        if (alert.getLate() || alert.getBackfill()) {
            out.append(alert.getBackfill() ? " · 🗂 backfill" : " · ⏱ late");
        }
        if (!alert.getFlags().isEmpty()) {
            out.append(" · 🚩 possible spam");
        }
        out.append('\n').append(txLink(alert, chain)).append('\n');
        return out.toString();
    }

    /** {@code  (≈ $5,112)} when the alert's dollar value is known, nothing otherwise. */
    private String usd(Alert alert) {
        return valuation.usd(alert).map(Usd::suffix).orElse("");
    }

    /** {@code shortContract}: the message shows a token's contract in full elsewhere, so here it may be short. */
    private String headline(Alert alert, ChainView chain, boolean shortContract) {
        AlertKind kind = alert.getKind();
        return switch (kind) {
            case NATIVE_IN -> "⬇️ Incoming " + chain.nativeAmount(alert.getAmount()) + usd(alert);
            case NATIVE_OUT -> "⬆️ Outgoing " + chain.nativeAmount(alert.getAmount()) + usd(alert);
            case INTERNAL_IN -> "⬇️ Incoming " + chain.nativeAmount(alert.getAmount()) + usd(alert) + " (internal)";
            case INTERNAL_OUT -> "⬆️ Outgoing " + chain.nativeAmount(alert.getAmount()) + usd(alert) + " (internal)";
            case TOKEN_IN -> "🪙 Token received: " + tokenAmount(alert, shortContract);
            case TOKEN_OUT -> "🪙 Token sent: " + tokenAmount(alert, shortContract);
            case NFT_IN -> "🖼 NFT received: " + nft(alert, shortContract);
            case NFT_OUT -> "🖼 NFT sent: " + nft(alert, shortContract);
            case CONTRACT_CREATED -> "📜 Contract created";
            case TRANSACTION -> transactions.headline(alert, chain);
            case TX_MINED -> switch (alert.getTxStatus()) {
                case SUCCESS -> "✅ Transaction mined — succeeded";
                case FAILED -> "❌ Transaction mined — failed";
                default -> "✅ Transaction mined";
            };
        };
    }

    /**
     * {@code 1.5 USDT (0xdAC1…1ec7)} where the token's metadata is known: the contract is shown too, since any token
     * can call itself USDT. Otherwise the raw amount and the contract.
     */
    private String tokenAmount(Alert alert, boolean shortContract) {
        String contract = contract(alert, shortContract);
        Optional<TokenMetadata> metadata = alert.getToken() == null
                ? Optional.empty()
                : tokens.find(alert.getChain(), alert
                        .getToken());
        if (metadata.isPresent()) {
            String value = valuation.usd(alert).map(usd -> "≈ " + Html.escape(Usd.format(usd)) + "; ").orElse("");
            return humanUnits(alert.getAmount(), metadata.get().decimals()) + " " + Html.escape(metadata.get()
                    .symbol(), TokenMetadata.MAX_SYMBOL_CHARS) + " (" + value + contract + ")";
        }
        return Html.escape(alert.getAmount(), MAX_AMOUNT_CHARS) + " units of token " + contract;
    }

    /**
     * {@code #7 of 0xabc…} for an ERC-721 token; with ERC-1155 amounts, {@code 5 × #7} per id, a batch's ids listed
     * in their order ({@code 2 × #7, 3 × #8 of 0xabc…}).
     */
    private static String nft(Alert alert, boolean shortContract) {
        return nft(alert.getAmount(), alert.getTokenId(), contract(alert, shortContract));
    }

    /** {@code 2 × #7, #8 of <contract>}; the contract alone without ids. */
    static String nft(String amounts, String tokenId, String contract) {
        if (tokenId == null) {
            return contract;
        }
        String[] ids = tokenId.split(",", -1);
        String[] parts = amounts.split(",", -1);
        boolean paired = parts.length == ids.length;
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                items.append(", ");
            }
            String amount = paired ? parts[i].strip() : "1";
            if (!amount.equals("1")) {
                items.append(amount).append(" × ");
            }
            items.append('#').append(ids[i].strip());
        }
        return Html.escape(Html.truncate(items.toString(), MAX_AMOUNT_CHARS)) + " of " + contract;
    }

    /**
     * The token's contract, checksummed: short ({@code 0xdAC1…1ec7}) where the message also shows it in full, in full
     * otherwise, so that the whole address can always be compared (a look-alike contract shares its ends).
     */
    private static String contract(Alert alert, boolean shortForm) {
        return shortForm ? shortContract(alert.getToken()) : code(alert.getToken());
    }

    /** {@code 0xdAC1…1ec7}, escaped. */
    static String shortContract(String address) {
        return Html.escape(Html.shortAddress(Html.truncate(Addresses.display(address), MAX_ADDRESS_CHARS)));
    }

    String watchLine(Alert alert) {
        if (alert.getLabel() != null && !alert.getLabel().isBlank()) {
            return "🏷 " + Html.escape(alert.getLabel().strip(), MAX_LABEL_CHARS);
        }
        String watched = "<code>" + Html.escape(Addresses.display(alert.getWatched()), MAX_HASH_CHARS) + "</code>";
        return "👁 Watching " + ens(alert, alert.getWatched(), watched);
    }

    private void counterparties(Alert alert, StringBuilder out) {
        boolean incoming = switch (alert.getKind()) {
            case NATIVE_IN, TOKEN_IN, NFT_IN, INTERNAL_IN -> true;
            default -> false;
        };
        boolean outgoing = switch (alert.getKind()) {
            case NATIVE_OUT, TOKEN_OUT, NFT_OUT, INTERNAL_OUT -> true;
            default -> false;
        };
        if (alert.getKind() == AlertKind.CONTRACT_CREATED) {
            out.append("Deployer: ").append(named(alert, alert.getFrom())).append('\n');
            if (alert.getTo() != null) {
                out.append("Contract: ").append(code(alert.getTo())).append('\n');
            }
            return;
        }
        if (!outgoing) {
            out.append("From: ").append(named(alert, alert.getFrom())).append('\n');
        }
        if (!incoming && alert.getTo() != null) {
            out.append("To: ").append(named(alert, alert.getTo())).append('\n');
        }
        boolean token = switch (alert.getKind()) {
            case TOKEN_IN, TOKEN_OUT, NFT_IN, NFT_OUT -> true;
            default -> false;
        };
        if (token && alert.getToken() != null) {
            // in full, since the headline shows it short
            out.append("Token contract: ").append(code(alert.getToken())).append('\n');
        }
    }

    /**
     * A counterparty in full, after the name the operator's address book gives it ({@code Binance 14 0x28C6…}); the
     * address stays, so a name can never stand in for an address the reader did not see.
     */
    String named(Alert alert, String address) {
        return ShownNames.named(book.name(alert.getChain(), address), find(alert, address), code(address));
    }

    /**
     * {@code shown} (the address as the line shows it) after the address's verified ENS name; a name that is not to be
     * trusted is never shown as the name, only quoted (escaped, cut) in a 🚩 warning on the next line.
     */
    String ens(Alert alert, String address, String shown) {
        return ShownNames.ens(find(alert, address), shown);
    }

    private EnsOutcome find(Alert alert, String address) {
        return address == null ? new EnsOutcome.NoName() : names.find(alert.getChain(), address);
    }

    static String code(String address) {
        return "<code>" + Html.escape(Addresses.display(address), MAX_ADDRESS_CHARS) + "</code>";
    }

    static String confirmations(Alert alert) {
        int n = alert.getConfirmations();
        String text = n == 1 ? "1 confirmation" : n + " confirmations";
        return alert.getRequiredConfirmations() > 0 ? text + " (of " + alert.getRequiredConfirmations() + ")" : text;
    }

    static void markers(Alert alert, StringBuilder out) {
        if (alert.getBackfill()) {
            out.append("🗂 Backfill: found while re-reading past blocks\n");
        } else if (alert.getLate()) {
            out.append("⏱ Late: reported after a delay\n");
        }
        if (!alert.getFlags().isEmpty()) {
            List<String> flags = alert.getFlags().stream().limit(MAX_FLAGS).map(f -> Html.escape(f, MAX_FLAG_CHARS))
                    .toList();
            out.append("🚩 <b>Possible spam or address poisoning</b> (").append(String.join(", ", flags)).append(
                    alert.getFlags().size() > MAX_FLAGS ? ", …" : "").append(
                            "): compare the full address before copying it.\n");
        }
    }

    /** The explorer link with the full hash as its text, or the full hash in {@code <code>} without an explorer. */
    static String txLink(Alert alert, ChainView chain) {
        String hash = Html.truncate(alert.getTxHash(), MAX_HASH_CHARS);
        return chain.preset().flatMap(p -> p.txUrl(hash)).map(url -> "🔗 <a href=\"" + Html.escape(url) + "\">"
                + Html.escape(hash) + "</a>").orElseGet(() -> "Tx: <code>" + Html.escape(hash) + "</code>");
    }

    String minimal(Alert alert, ChainView chain) {
        return "<b>" + headline(alert, chain, false) + "</b> on <b>" + chain.name() + "</b>\n" + txLink(alert, chain);
    }

    /** A chain as shown: preset name and native units when known, the escaped raw name otherwise. */
    record ChainView(String name, Optional<ChainPreset> preset) {

        static ChainView of(String chain) {
            Optional<ChainPreset> preset = ChainPresets.find(chain);
            return new ChainView(preset.map(ChainPreset::displayName).map(Html::escape).orElseGet(() -> Html.escape(
                    chain, MAX_LABEL_CHARS)), preset);
        }

        String nativeAmount(String raw) {
            if (preset.isEmpty()) {
                return Html.escape(raw, MAX_AMOUNT_CHARS) + " (smallest units)";
            }
            return humanUnits(raw, preset.get().nativeDecimals()) + " " + Html.escape(preset.get().nativeSymbol());
        }
    }

    /** {@code 1500000000000000000} with 18 decimals is {@code 1.5}; a malformed amount is shown as it came. */
    static String humanUnits(String raw, int decimals) {
        try {
            BigDecimal value = new BigDecimal(new BigInteger(raw.strip()), decimals).stripTrailingZeros();
            return Html.escape(value.toPlainString(), MAX_AMOUNT_CHARS);
        } catch (RuntimeException e) {
            return Html.escape(raw, MAX_AMOUNT_CHARS);
        }
    }
}

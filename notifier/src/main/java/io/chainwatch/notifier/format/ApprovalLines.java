package io.chainwatch.notifier.format;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.chainwatch.notifier.format.TransactionPatterns.Approval;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.ApprovalStandard;
import io.chainwatch.schema.TokenApproval;

/**
 * The approval lines of a transaction message (issue #16): who may spend or transfer what of which wallet, granted or
 * revoked, unlimited where the allowance is the maximum, Permit2's expiry. Thread-safe; pure apart from the lookups.
 */
final class ApprovalLines {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final TransactionLines lines;

    ApprovalLines(TransactionLines lines) {
        this.lines = lines;
    }

    /**
     * {@code 🔐 Approval: <spender> may spend unlimited USDC (0xA0b8…eB48) of this wallet}; a revocation says so.
     */
    String approval(Alert alert, Approval approval) {
        TokenApproval source = approval.source();
        String spender = lines.counterparty(alert, source.getSpender());
        String owner = owner(alert, source.getOwner());
        String through = source.getStandard() == ApprovalStandard.PERMIT2 ? " through Permit2" + expiry(source) : "";
        String what = approvedWhat(alert, approval);
        return switch (source.getStandard()) {
            case ERC20, PERMIT2 -> approval.granted()
                    ? "🔐 Approval: " + spender + " may spend " + what + " of " + owner + through
                    : "🔐 Approval revoked: " + spender + " may no longer spend " + what + " of " + owner + through;
            case ERC721 -> approval.granted()
                    ? "🔐 Approval: " + spender + " may transfer " + what + " from " + owner
                    : "🔐 Approval revoked: no one else may transfer " + what + " from " + owner;
            case OPERATOR -> approval.granted()
                    ? "🔐 Approval: " + spender + " may transfer " + what + " from " + owner
                    : "🔐 Approval revoked: " + spender + " may no longer transfer " + what + " from " + owner;
        };
    }

    /** What an approval is about: {@code unlimited USDC (0xA0b8…eB48)}, {@code NFT #7 of 0xabc…}, {@code all NFTs of}. */
    String approvedWhat(Alert alert, Approval approval) {
        TokenApproval source = approval.source();
        String contract = TransactionLines.contract(source.getToken());
        return switch (source.getStandard()) {
            case ERC20, PERMIT2 -> {
                Optional<TokenMetadata> metadata = lines.metadata(alert, source.getToken());
                String token = metadata.map(m -> TransactionLines.symbol(m) + " (" + contract + ")")
                        .orElse("token " + contract);
                if (!approval.granted()) {
                    yield token;
                }
                if (approval.unlimited()) {
                    yield "<b>unlimited</b> " + token;
                }
                String amount = approval.amount().map(BigInteger::toString).orElse("?");
                yield metadata.map(m -> AlertFormatter.humanUnits(amount, m.decimals()) + " " + token).orElseGet(
                        () -> Html.escape(amount, AlertFormatter.MAX_AMOUNT_CHARS) + " units of " + token);
            }
            case ERC721 -> "NFT " + (source.getTokenId() == null
                    ? ""
                    : "#" + Html.escape(source.getTokenId(),
                            AlertFormatter.MAX_AMOUNT_CHARS) + " ")
                    + "of " + contract;
            case OPERATOR -> (approval.granted() ? "all NFTs of " : "NFTs of ") + contract;
        };
    }

    private static String expiry(TokenApproval approval) {
        Long expiration = approval.getExpiration();
        return expiration == null || expiration <= 0
                ? ""
                : " until " + EXPIRY.format(Instant.ofEpochSecond(Math.min(
                        expiration, Instant.MAX.getEpochSecond())));
    }

    /** Whose allowance: {@code this wallet}, or the watched address's label when the message is about several. */
    private String owner(Alert alert, String owner) {
        return alert.getWatchedAddresses().size() > 1 ? lines.watchedName(alert, owner) : "this wallet";
    }

}

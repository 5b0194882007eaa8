package io.chainwatch.matcher;

import static io.chainwatch.schema.Ascii.lower;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertMovement;
import io.chainwatch.schema.TokenApproval;

/**
 * Spam signals on a {@link io.chainwatch.schema.AlertKind#TRANSACTION} alert: each movement's counterparty is checked
 * against the watched address's recent clean counterparties ({@link RecentCounterparties}, which clean movements
 * teach), and so is each approval's spender — approving a look-alike of a known counterparty is how a drain begins.
 * The alert's flags are the union of what its parts carry.
 */
final class TransactionSpam {

    /** Flag of an approval whose spender imitates a recent counterparty of the owner. */
    static final String LOOKALIKE_SPENDER = "LOOKALIKE_SPENDER";

    private TransactionSpam() {
    }

    /**
     * Flags {@code alert} in place; with {@code hideSpam}, drops its spam-flagged movements (never an approval: a
     * grant is the wallet's own act, and the one thing a drain needs). False when nothing is left to tell.
     */
    static boolean flag(Alert alert, RecentCounterparties counterparties, boolean hideSpam) {
        String chain = alert.getChain();
        Set<String> flags = new LinkedHashSet<>();
        List<AlertMovement> kept = new ArrayList<>();
        for (AlertMovement movement : alert.getMovements()) {
            List<String> own = new ArrayList<>(movement.getFlags());
            String counterparty = movement.getCounterparty();
            if (counterparty != null && counterparties.observe(chain, movement.getWatched(), counterparty,
                    !BlockProcessor.isSpam(own))) {
                own.add(SpamSignals.LOOKALIKE_COUNTERPARTY);
            }
            movement.setFlags(own);
            if (hideSpam && BlockProcessor.isSpam(own)) {
                continue;
            }
            kept.add(movement);
            flags.addAll(own);
        }
        for (TokenApproval approval : alert.getApprovals()) {
            if (counterparties.observe(chain, lower(approval.getOwner()), lower(approval.getSpender()), false)) {
                flags.add(LOOKALIKE_SPENDER);
            }
        }
        alert.setMovements(kept);
        alert.setFlags(new ArrayList<>(flags));
        return !kept.isEmpty() || !alert.getApprovals().isEmpty();
    }
}

package io.chainwatch.notifier.delivery;

import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertIds;
import io.chainwatch.schema.AlertPhase;

/**
 * How an ORPHANED alert finds the alert it follows up: the matcher gives it the original's id with the phase marker
 * {@code @ORPHANED} added (see {@link io.chainwatch.schema.AlertIds#kindKey}); chain, tx, chat, kind, log index and
 * generation are the same. Pure.
 */
final class Reorgs {

    private Reorgs() {
    }

    static boolean isOrphaned(Alert alert) {
        return alert.getPhase() == AlertPhase.ORPHANED;
    }

    /**
     * The id of the announcement an ORPHANED alert follows up. Taken from the id rather than rebuilt from the fields,
     * so it still matches after the alert was re-addressed to a migrated chat.
     */
    static String originalId(Alert orphaned) {
        return AlertIds.announcementIdOf(orphaned.getId());
    }
}

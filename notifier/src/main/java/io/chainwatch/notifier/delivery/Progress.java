package io.chainwatch.notifier.delivery;

import java.util.Optional;
import java.util.OptionalInt;

import io.chainwatch.notifier.ledger.MessageRef;
import io.chainwatch.schema.Alert;
import io.chainwatch.schema.AlertPhase;

/**
 * Confirmation progress of an alert announced at 0 confirmations: the matcher follows it with
 * {@link AlertPhase#PROGRESS} alerts whose id is the original's with {@code @PROGRESS<depth>} added (see
 * {@link io.chainwatch.schema.AlertIds#idOf}), and the notifier edits the original message to show the new depth. A
 * progress step is cosmetic, so whenever it cannot be shown cleanly it is skipped rather than sent as a message of its
 * own: {@link #decide} is that policy. Pure.
 */
final class Progress {

    private Progress() {
    }

    /** What to do with one PROGRESS alert. */
    sealed interface Decision {
    }

    /** Edit {@code message}, the single message that announced the original, to show the new depth. */
    record Edit(MessageRef message) implements Decision {
    }

    /** Nothing to show: the step is marked handled (its offset committed) without any Bot API call. */
    record Skip(SkipReason reason) implements Decision {
    }

    enum SkipReason {
        /**
         * The chat has a backlog (digest mode), a new alert waits behind the step or was sent moments ago: real
         * alerts go first, a depth update can wait for the next one.
         */
        BACKLOGGED,
        /** The original was never delivered, was part of a digest, or went to another chat: nothing to edit. */
        NO_SINGLE_MESSAGE,
        /** The block was orphaned and the message struck through already; a depth would contradict it. */
        ORPHANED,
        /** A deeper (or the same) depth is shown already: showing this one would step back. */
        NOT_DEEPER,
        /** A deeper step of the same announcement is queued behind this one in the chat: it shows the newer depth. */
        SUPERSEDED,
        /**
         * The step waited behind new alerts (which go first for the bot's global budget) for longer than
         * {@code NOTIFIER_PROGRESS_MAX_WAIT}: dropped, so that it does not hold its partition's offsets any longer.
         */
        WAITED_TOO_LONG
    }

    /**
     * What the ledger knows about the original of a PROGRESS alert.
     *
     * @param message the message that announced it, if it was delivered and is remembered
     * @param orphaned whether its ORPHANED follow-up was delivered
     * @param shown the confirmations its message shows after earlier progress edits, if any was made
     */
    record Original(Optional<MessageRef> message, boolean orphaned, OptionalInt shown) {
    }

    static boolean isProgress(Alert alert) {
        return alert.getPhase() == AlertPhase.PROGRESS;
    }

    /** The decision for {@code progress} addressed to {@code chatId}; {@code backlogged}: the chat is in digest mode. */
    static Decision decide(Alert progress, long chatId, boolean backlogged, Original original) {
        if (backlogged) {
            return new Skip(SkipReason.BACKLOGGED);
        }
        if (original.orphaned()) {
            return new Skip(SkipReason.ORPHANED);
        }
        if (original.shown().isPresent() && original.shown().getAsInt() >= progress.getConfirmations()) {
            return new Skip(SkipReason.NOT_DEEPER);
        }
        return original.message().filter(ref -> ref.alerts() == 1 && ref.chatId() == chatId).<Decision>map(Edit::new)
                .orElse(new Skip(SkipReason.NO_SINGLE_MESSAGE));
    }
}

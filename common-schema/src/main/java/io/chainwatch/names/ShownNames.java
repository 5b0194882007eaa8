package io.chainwatch.names;

import java.util.Optional;

import io.chainwatch.ens.EnsOutcome;
import io.chainwatch.telegram.TelegramHtml;

/**
 * How a name is put next to an address in Telegram HTML, in notifications and in the bot's replies alike: the name
 * in bold before the address, which stays, so a name can never stand in for an address the reader did not see. The
 * operator's address book wins over ENS; a chat's own label wins over both, and is the caller's to show instead. A
 * name is text we did not write: escaped and cut. An ENS name not to be trusted is never shown as the name, only quoted
 * in a 🚩 warning on the next line. Pure.
 */
public final class ShownNames {

    /** Longest ENS name shown; a longer one is cut, with an ellipsis. */
    public static final int MAX_ENS_NAME_CHARS = 64;
    /** How much of an untrusted name its warning quotes. */
    public static final int MAX_UNTRUSTED_NAME_CHARS = 40;
    /** How much of the reason an untrusted name is not shown the warning quotes. */
    public static final int MAX_REASON_CHARS = 40;

    private ShownNames() {
    }

    /**
     * {@code shown} (the address as the line shows it, already HTML) after the address-book name {@code booked} if
     * any, else after what {@code ens} found.
     */
    public static String named(Optional<String> booked, EnsOutcome ens, String shown) {
        if (booked.isPresent()) {
            return "<b>" + TelegramHtml.escape(booked.get(), AddressBook.MAX_NAME_CHARS) + "</b> " + shown;
        }
        return ens(ens, shown);
    }

    /** {@code shown} after the address's verified ENS name; an untrusted one flagged on the next line. */
    public static String ens(EnsOutcome ens, String shown) {
        return switch (ens) {
            case EnsOutcome.Named named -> "<b>" + TelegramHtml.escape(named.name(), MAX_ENS_NAME_CHARS) + "</b> "
                    + shown;
            case EnsOutcome.Untrusted untrusted -> shown + "\n🚩 Its ENS name “" + TelegramHtml.escape(untrusted
                    .name(), MAX_UNTRUSTED_NAME_CHARS) + "” is not shown: " + TelegramHtml.escape(untrusted.reason(),
                            MAX_REASON_CHARS)
                    + ".";
            case EnsOutcome.NoName none -> shown;
            case EnsOutcome.Failed failed -> shown;
        };
    }
}

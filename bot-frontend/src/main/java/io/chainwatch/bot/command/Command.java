package io.chainwatch.bot.command;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.chainwatch.bot.store.ChatPreferences;
import io.chainwatch.bot.store.Watch;
import io.chainwatch.config.ChainConfig;
import io.chainwatch.telegram.QuietHours;

/** What a chat asked for, as {@link CommandParser} understood it. Validation failures are commands too. */
sealed interface Command {

    /** Whether the command changes the chat's watches or settings (in groups: admins only). */
    default boolean mutates() {
        return false;
    }

    record Start() implements Command {
    }

    record Help() implements Command {
    }

    record Watch(ChainConfig chain, String address, String label) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    /**
     * {@code /watch <chain> <name>}: watch the address an ENS name resolves to when the command is handled.
     *
     * @param name the name, normalised
     */
    record WatchName(ChainConfig chain, String name, String label) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    record Unwatch(ChainConfig chain, String address) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    record Track(ChainConfig chain, String txHash, String label) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    record Untrack(ChainConfig chain, String txHash) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    /** @param page zero-based page */
    record ListWatches(int page) implements Command {
        static final String BUTTON = "ls";

        /** What a button that shows this page sends back; {@link CommandParser#parseButton} reads it. */
        String callbackData() {
            return BUTTON + ":" + page;
        }
    }

    /**
     * The ❌ button of a {@code /list} entry (there is no typed form: a chat types {@code /unwatch}).
     *
     * @param watchId the watch's id; removed only if it belongs to the chat that pressed
     * @param page the zero-based page of the list to show afterwards
     */
    record RemoveWatch(long watchId, int page) implements Command {
        static final String BUTTON = "uw";

        /** What the button sends back; {@link CommandParser#parseButton} reads it. */
        String callbackData() {
            return BUTTON + ":" + watchId + ":" + page;
        }

        @Override
        public boolean mutates() {
            return true;
        }
    }

    record ShowSettings() implements Command {
    }

    /**
     * @param chains the chains whose confirmations change (all configured chains for {@code all})
     * @param confirmations the new depth, or null to go back to each chain's default
     */
    record SetConfirmations(List<ChainConfig> chains, Integer confirmations) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    /**
     * @param chains the chains whose minimum changes (all configured chains for {@code all})
     * @param coins the smallest native transfer reported, in whole coins of each chain; null: no minimum
     */
    record SetMinimum(List<ChainConfig> chains, BigDecimal coins) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    /**
     * {@code /settings min all $100}.
     *
     * @param chains the chains whose minimum changes (all configured chains for {@code all})
     * @param usd the smallest value reported, in US dollars (positive, at most two decimals)
     */
    record SetMinimumUsd(List<ChainConfig> chains, BigDecimal usd) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    /** @param changes the kinds switched on (true) or off (false); kinds not named stay as they are */
    record SetKinds(Map<ChatPreferences.Kind, Boolean> changes) implements Command {
        public SetKinds {
            changes = Map.copyOf(changes);
        }

        @Override
        public boolean mutates() {
            return true;
        }
    }

    /** @param quietHours the new window, or null for none */
    record SetQuietHours(QuietHours quietHours) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    record SetHideSpam(boolean hide) implements Command {
        @Override
        public boolean mutates() {
            return true;
        }
    }

    record Status() implements Command {
    }

    /** {@code /gas <chain>}: fee suggestions from the chain's nodes. */
    record Gas(ChainConfig chain) implements Command {
    }

    record Stats() implements Command {
    }

    /** Malformed input; {@code replyHtml} says what is wrong and how to write it. */
    record Invalid(String replyHtml) implements Command {
    }

    /** A command name the bot does not know, or a button's data it cannot read. */
    record Unknown(String name) implements Command {
    }

    /** Text that is not a command. */
    record PlainText() implements Command {
    }

    /** A command addressed to another bot ({@code /list@otherbot}) in a group. */
    record NotForMe() implements Command {
    }
}

package io.chainwatch.bot.store;

/** What a change of a chat's watches did. */
public sealed interface StoreOutcome {

    record Added(Watch watch) implements StoreOutcome {
    }

    record AlreadyWatching(Watch watch) implements StoreOutcome {
    }

    record LabelUpdated(Watch watch) implements StoreOutcome {
    }

    record LimitReached(int max) implements StoreOutcome {
    }

    record Removed(Watch watch) implements StoreOutcome {
    }

    record NotWatching() implements StoreOutcome {
    }
}

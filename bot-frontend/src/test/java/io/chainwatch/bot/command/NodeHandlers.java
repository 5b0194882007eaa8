package io.chainwatch.bot.command;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.chainwatch.bot.chain.AddressNames;
import io.chainwatch.bot.chain.ChainCoverage;
import io.chainwatch.bot.chain.CoverageSource;
import io.chainwatch.bot.chain.EnsLookup;
import io.chainwatch.bot.chain.GasOracle;
import io.chainwatch.bot.chain.NodeRpc;
import io.chainwatch.bot.chain.TrackTexts;
import io.chainwatch.bot.store.Database;
import io.chainwatch.bot.store.WatchStore;
import io.chainwatch.bot.track.TrackPolicy;
import io.chainwatch.bot.track.TrackedStore;
import io.chainwatch.bot.track.Tracker;
import io.chainwatch.bot.track.Tracking;
import io.chainwatch.config.ChainConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A command handler whose chain-facing parts ({@code /gas}, {@code /status}, {@code /track}, ENS names) ask the nodes
 * through {@code rpc}, wired as {@code BotService} wires them, for the tests that run against real or misbehaving
 * nodes; no operators, every group member an admin, no rate limit, 50 watches a chat.
 */
final class NodeHandlers {

    private NodeHandlers() {
    }

    static CommandHandler of(List<ChainConfig> chains, NodeRpc rpc, Database database, WatchStore store,
            CoverageSource coverage, EnsLookup ens, AddressNames names) {
        Clock clock = Clock.systemUTC();
        TrackPolicy.Patience patience = TrackPolicy.Patience.DEFAULT;
        return new CommandHandler(chains, 50, Set.of(), database, store, GroupAdmins.EVERYONE,
                new SimpleMeterRegistry(), new GasOracle(rpc, clock), new ChainCoverage(chains, coverage, rpc, clock),
                clock, CommandRateLimiter.unlimited(), new Tracking(new TrackedStore(database.jdbi()), rpc::ask,
                        TrackTexts.story(chains, patience), Tracker.Pace.of(patience)),
                ens, names);
    }
}

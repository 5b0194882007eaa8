package io.chainwatch.bot.chain;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.bot.track.ChainRpc;
import io.chainwatch.bot.track.Tracker;
import io.chainwatch.ens.EnsRegistries;
import io.chainwatch.ens.EnsResolver;
import io.chainwatch.ens.EthCall;
import io.chainwatch.ens.Resolution;

/**
 * {@code /watch <chain> <name>}: an ENS name resolved at the time of the command, with {@code eth_call} on the chain's
 * own nodes (the bot's {@link NodeRpc}, one deadline for the lookup) through the chain's configured registry. Nothing
 * is cached: the answer is what the chain says now. Thread-safe.
 */
public final class EnsLookup {

    private final Tracker.Nodes nodes;
    private final EnsRegistries registries;

    public EnsLookup(Tracker.Nodes nodes, EnsRegistries registries) {
        this.nodes = nodes;
        this.registries = registries;
    }

    /** Knows no registry: every chain answers that it has no ENS (tests of the rest). */
    public static EnsLookup none() {
        return new EnsLookup(NodeRpc.offline(), EnsRegistries.none());
    }

    /** What {@code name} resolves to on {@code chain} now; empty when the chain has no registry. */
    public Optional<Resolution> resolve(String chain, String name) {
        return registries.of(chain).map(registry -> new EnsResolver(ethCall(nodes.ask(chain)), registry).resolve(
                name));
    }

    /** {@code eth_call} through a chain's nodes: an error answer is a revert (empty), no answer an IOException. */
    static EthCall ethCall(ChainRpc rpc) {
        return (to, data) -> {
            try {
                JsonNode result = rpc.call("eth_call", Map.of("to", to, "data", data), "latest");
                if (!result.isTextual()) {
                    throw new IOException("eth_call answered no result");
                }
                return Optional.of(result.asText());
            } catch (ChainRpc.RpcError e) {
                return Optional.empty();
            }
        };
    }
}

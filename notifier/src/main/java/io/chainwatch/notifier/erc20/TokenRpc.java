package io.chainwatch.notifier.erc20;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;

import io.chainwatch.ens.EthCall;
import io.chainwatch.notifier.format.TokenMetadata;
import io.chainwatch.notifier.lookup.NodeCalls;

/**
 * Reads a token's {@code symbol()} and {@code decimals()} with {@code eth_call} on the chain's own nodes
 * ({@link NodeCalls}: its http(s) endpoints in priority order, one deadline for both calls). Thread-safe.
 */
public final class TokenRpc implements TokenDirectory.Reader {

    private final NodeCalls nodes;

    public TokenRpc(NodeCalls nodes) {
        this.nodes = nodes;
    }

    @Override
    public Optional<TokenMetadata> read(String chain, String token) {
        EthCall eth = nodes.ask(chain);
        try {
            OptionalInt decimals = eth.call(token, TokenAbi.DECIMALS).map(TokenAbi::decimals).orElse(OptionalInt
                    .empty());
            if (decimals.isEmpty()) {
                return Optional.empty(); // the node answered: this is no ERC-20 (or it has no decimals)
            }
            return eth.call(token, TokenAbi.SYMBOL).flatMap(TokenAbi::symbol).flatMap(TokenMetadata::cleanSymbol).map(
                    symbol -> new TokenMetadata(symbol, decimals.getAsInt()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

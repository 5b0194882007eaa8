package io.chainwatch.notifier.erc20;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.chainwatch.notifier.format.TokenMetadata;
import io.chainwatch.notifier.rpc.EthCalls;
import io.chainwatch.notifier.rpc.EthCalls.Answer;
import io.chainwatch.notifier.rpc.EthCalls.Returned;

/**
 * Reads a token's {@code symbol()} and {@code decimals()} with {@code eth_call} on the chain's own endpoints, one
 * deadline for both calls. A node that answers with an error means no ERC-20 metadata. Thread-safe.
 */
public final class TokenRpc implements TokenDirectory.Reader {

    private final EthCalls calls;
    private final Duration timeout;

    public TokenRpc(EthCalls calls, Duration timeout) {
        this.calls = calls;
        this.timeout = timeout;
    }

    @Override
    public Optional<TokenMetadata> read(String chain, String token) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer decimalsAnswer = calls.call(chain, token, TokenAbi.DECIMALS, "latest", deadline);
        OptionalInt decimals = decimalsAnswer instanceof Returned(String hex)
                ? TokenAbi.decimals(hex)
                : OptionalInt.empty();
        if (decimals.isEmpty()) {
            return Optional.empty(); // unreachable, or no ERC-20 (or one without decimals)
        }
        return calls.call(chain, token, TokenAbi.SYMBOL, "latest", deadline) instanceof Returned(String hex)
                ? TokenAbi.symbol(hex).flatMap(TokenMetadata::cleanSymbol).map(symbol -> new TokenMetadata(symbol,
                        decimals.getAsInt()))
                : Optional.empty();
    }
}

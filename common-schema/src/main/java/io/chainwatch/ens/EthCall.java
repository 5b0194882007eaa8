package io.chainwatch.ens;

import java.io.IOException;
import java.util.Optional;

/** {@code eth_call} on one chain's own nodes, at the latest block. */
@FunctionalInterface
public interface EthCall {

    /**
     * @param to the contract, {@code 0x} and 40 hex digits
     * @param data the call data, {@code 0x}-prefixed hex
     * @return the result as {@code 0x}-prefixed hex; empty when the node answered with an error (the call reverted:
     *         asking another node would get the same answer)
     * @throws IOException when no node answered
     */
    Optional<String> call(String to, String data) throws IOException;
}

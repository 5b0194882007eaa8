package io.chainwatch.bot.track;

import java.math.BigInteger;
import java.util.Optional;

/** A transaction as its chain's nodes know it at one moment. */
public sealed interface TxStatus {

    /** The transaction's hash, lower case. */
    String hash();

    /** No node of the chain knows the hash: not sent yet, not propagated yet, dropped, or a typo. */
    record Unknown(String hash) implements TxStatus {
    }

    /**
     * In the node's pool, not mined.
     *
     * @param to the recipient, empty for a contract creation
     * @param maxFeePerGas the most it will pay per gas: {@code maxFeePerGas}, or the legacy {@code gasPrice}
     * @param maxPriorityFeePerGas the tip offered (EIP-1559 transactions only)
     */
    record Pending(String hash, String from, Optional<String> to, BigInteger value, long nonce,
            BigInteger maxFeePerGas, Optional<BigInteger> maxPriorityFeePerGas) implements TxStatus {
    }

    /**
     * In a block of the node's canonical chain.
     *
     * @param to the recipient, or the created contract's address
     * @param revertReason why it failed, where the node could say ({@code Error(string)}, a panic code, a custom
     *        error's selector)
     * @param fee what the sender paid: gas used × effective gas price, in the chain's smallest unit
     * @param confirmations 1 in the head block, 2 one block later, …
     * @param finalized the block is at or below the chain's finalized block (or, where the node does not say,
     *        {@link TxLookup#FALLBACK_FINAL_DEPTH} deep)
     */
    record Mined(String hash, String from, Optional<String> to, BigInteger value, long nonce, long block,
            String blockHash, boolean succeeded, Optional<String> revertReason, BigInteger fee, long confirmations,
            boolean finalized) implements TxStatus {
    }
}

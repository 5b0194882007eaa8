package io.chainwatch.devkit.contracts;

import java.math.BigInteger;

/**
 * A deployed {@code TestSwap}: swaps ether for a token it holds and back, at the amounts the caller names, in one
 * transaction (a Swap log with {@code address(0)} for ether). Fund it first: {@link #fundEth} and
 * {@link Token#mint} to {@link #address()}. Each method returns the hash once mined and throws
 * {@link ContractCallException} when it reverts. Thread-safe.
 */
public final class Swap {

    private final Transactions transactions;
    private final String address;

    private Swap(Transactions transactions, String address) {
        this.transactions = transactions;
        this.address = address;
    }

    static Swap deploy(Transactions transactions, String from) {
        return new Swap(transactions, transactions.deploy(from, CompiledContract.load("TestSwap")));
    }

    /** The pool's address, lower case. */
    public String address() {
        return address;
    }

    /** {@code from} sends the pool {@code wei} to pay out in later swaps. */
    public String fundEth(String from, BigInteger wei) {
        return transactions.sendEth(from, address, wei);
    }

    /** {@code from} pays {@code ethWei} and receives {@code amountOut} of {@code token} (an address) from the pool. */
    public String ethForToken(String from, String token, BigInteger ethWei, BigInteger amountOut) {
        return transactions.send(from, address, ethWei, "swapEthForToken(address,uint256)", token, amountOut);
    }

    /**
     * {@code from} pays {@code ethWei} and receives {@code amountA} of {@code tokenA} and {@code amountB} of
     * {@code tokenB} (addresses) from the pool: three assets in one transaction.
     */
    public String ethForTwoTokens(String from, BigInteger ethWei, String tokenA, BigInteger amountA, String tokenB,
            BigInteger amountB) {
        return transactions.send(from, address, ethWei, "swapEthForTwoTokens(address,uint256,address,uint256)",
                tokenA, amountA, tokenB, amountB);
    }

    /**
     * {@code from} pays {@code amountIn} of {@code token} and receives {@code ethOut} wei. {@code from} must have
     * approved the pool for {@code amountIn} first ({@link Token#approve}).
     */
    public String tokenForEth(String from, String token, BigInteger amountIn, BigInteger ethOut) {
        return transactions.send(from, address, BigInteger.ZERO, "swapTokenForEth(address,uint256,uint256)", token,
                amountIn, ethOut);
    }
}

package io.chainwatch.devkit.contracts;

import java.math.BigInteger;

/**
 * A deployed {@code PriceFeed}: answers Chainlink's {@code AggregatorV3Interface} ({@code latestRoundData()},
 * {@code decimals()}, {@code description()}, {@code version()}) with what the test sets. Every change is sent from
 * the deployer and returns once mined. Thread-safe.
 */
public final class PriceFeed {

    private final Transactions transactions;
    private final String address;
    private final String owner;

    private PriceFeed(Transactions transactions, String address, String owner) {
        this.transactions = transactions;
        this.address = address;
        this.owner = owner;
    }

    static PriceFeed deploy(Transactions transactions, String from, int decimals, BigInteger answer) {
        String address = transactions.deploy(from, CompiledContract.load("PriceFeed"), decimals, answer);
        return new PriceFeed(transactions, address, from);
    }

    /** The feed's address, lower case. */
    public String address() {
        return address;
    }

    /** Starts a new round answering {@code answer} (in units of 10^-decimals), updated at the block's time. */
    public String setAnswer(BigInteger answer) {
        return transactions.send(owner, address, BigInteger.ZERO, "setAnswer(int256)", answer);
    }

    /** Makes {@code latestRoundData()} revert with "PriceFeed: reverting", or answer again. */
    public String setReverting(boolean reverting) {
        return transactions.send(owner, address, BigInteger.ZERO, "setReverting(bool)", reverting);
    }
}

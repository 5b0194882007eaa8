package io.chainwatch.devkit.contracts;

import java.math.BigInteger;

/**
 * A deployed {@code TestToken}, an ERC-20 anyone may mint. Each method sends one transaction, returns its hash once
 * mined and throws {@link ContractCallException} when it reverts. Thread-safe.
 */
public final class Token {

    private final Transactions transactions;
    private final String address;
    private final String minter;
    private final String symbol;
    private final int decimals;

    private Token(Transactions transactions, String address, String minter, String symbol, int decimals) {
        this.transactions = transactions;
        this.address = address;
        this.minter = minter;
        this.symbol = symbol;
        this.decimals = decimals;
    }

    static Token deploy(Transactions transactions, String from, String symbol, int decimals) {
        String address = transactions.deploy(from, CompiledContract.load("TestToken"), "Test " + symbol, symbol,
                decimals);
        return new Token(transactions, address, from, symbol, decimals);
    }

    /** The token's address, lower case. */
    public String address() {
        return address;
    }

    public String symbol() {
        return symbol;
    }

    public int decimals() {
        return decimals;
    }

    /** Creates {@code amount} (in the smallest unit) for {@code to}: a Transfer from the zero address. */
    public String mint(String to, BigInteger amount) {
        return transactions.send(minter, address, BigInteger.ZERO, "mint(address,uint256)", to, amount);
    }

    /** {@code from} sends {@code amount} to {@code to}. */
    public String transfer(String from, String to, BigInteger amount) {
        return transactions.send(from, address, BigInteger.ZERO, "transfer(address,uint256)", to, amount);
    }

    /** {@code owner} lets {@code spender} move up to {@code amount} of its tokens (an Approval log). */
    public String approve(String owner, String spender, BigInteger amount) {
        return transactions.send(owner, address, BigInteger.ZERO, "approve(address,uint256)", spender, amount);
    }
}

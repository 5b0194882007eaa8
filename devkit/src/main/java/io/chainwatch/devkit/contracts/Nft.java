package io.chainwatch.devkit.contracts;

import java.math.BigInteger;

/**
 * A deployed {@code TestNft}, a minimal ERC-721 anyone may mint. Each method sends one transaction, returns its hash
 * once mined and throws {@link ContractCallException} when it reverts. Thread-safe.
 */
public final class Nft {

    private final Transactions transactions;
    private final String address;
    private final String minter;

    private Nft(Transactions transactions, String address, String minter) {
        this.transactions = transactions;
        this.address = address;
        this.minter = minter;
    }

    static Nft deploy(Transactions transactions, String from, String name, String symbol) {
        return new Nft(transactions, transactions.deploy(from, CompiledContract.load("TestNft"), name, symbol), from);
    }

    /** The collection's address, lower case. */
    public String address() {
        return address;
    }

    /** Creates token {@code id} owned by {@code to}. */
    public String mint(String to, BigInteger id) {
        return transactions.send(minter, address, BigInteger.ZERO, "mint(address,uint256)", to, id);
    }

    /** {@code owner} lets {@code operator} move all its tokens, or stops it: an ApprovalForAll log. */
    public String setApprovalForAll(String owner, String operator, boolean approved) {
        return transactions.send(owner, address, BigInteger.ZERO, "setApprovalForAll(address,bool)", operator,
                approved);
    }

    /** {@code owner} lets {@code approved} move token {@code id}. */
    public String approve(String owner, String approved, BigInteger id) {
        return transactions.send(owner, address, BigInteger.ZERO, "approve(address,uint256)", approved, id);
    }

    /** {@code from}, the owner, moves token {@code id} to {@code to} ({@code transferFrom}). */
    public String transfer(String from, String to, BigInteger id) {
        return transactions.send(from, address, BigInteger.ZERO, "transferFrom(address,address,uint256)", from, to,
                id);
    }
}

package io.chainwatch.devkit.contracts;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.chainwatch.devkit.DevnetNode;

/**
 * Sends the test contracts' transactions on one node and waits for each to be mined: the node estimates the gas, so
 * a call that would revert is refused up front with the node's revert message, and a mined one that reverted anyway
 * is replayed with {@code eth_call} for its reason. The estimate gets a margin: it is exact for the pending block, and
 * a contract that stores {@code block.timestamp} costs 2,800 gas more when the mined block's second differs from it. Needs automatic mining (one block per transaction), the devnet
 * default. Sends from any address: the node's unlocked accounts as they are, any other through the node's
 * impersonation ({@code anvil_impersonateAccount}, or hardhat's), funded first when it has no ether for gas.
 * <p>
 * Thread-safe as the node's RPC is; impersonating the same address from two threads at once is not supported.
 */
final class Transactions {

    private static final Duration MINING_TIMEOUT = Duration.ofSeconds(30);
    private static final BigInteger GAS_MONEY = BigInteger.TEN.pow(20); // 100 ether
    private static final BigInteger GAS_MARGIN = BigInteger.valueOf(25_000);

    private final DevnetNode node;
    private volatile List<String> unlocked;

    Transactions(DevnetNode node) {
        this.node = node;
    }

    DevnetNode node() {
        return node;
    }

    /** Deploys {@code contract} with its constructor {@code args}; returns the new contract's address. */
    String deploy(String from, CompiledContract contract, Object... args) {
        JsonNode receipt = mined(from, Optional.empty(), BigInteger.ZERO, contract.deployData(args), "deploy "
                + contract.name());
        return receipt.get("contractAddress").asText();
    }

    /** Sends {@code signature(args)} to {@code to} with {@code value} wei; returns the hash once mined. */
    String send(String from, String to, BigInteger value, String signature, Object... args) {
        return mined(from, Optional.of(to), value, Abi.call(signature, args), signature + " on " + to)
                .get("transactionHash").asText();
    }

    /** Sends {@code wei} to {@code to} with no data (a contract's {@code receive}); returns the hash once mined. */
    String sendEth(String from, String to, BigInteger wei) {
        return mined(from, Optional.of(to), wei, "0x", "send " + wei + " wei to " + to).get("transactionHash")
                .asText();
    }

    /** {@code eth_call} of {@code signature(args)} on {@code to} at the latest block; the raw result. */
    String call(String to, String signature, Object... args) {
        return node.rpc("eth_call", Map.of("to", to, "data", Abi.call(signature, args)), "latest").asText();
    }

    private JsonNode mined(String from, Optional<String> to, BigInteger value, String data, String what) {
        String sender = from.toLowerCase(Locale.ROOT);
        Map<String, String> tx = new TreeMap<>(Map.of("from", sender, "data", data, "value", quantity(value)));
        to.ifPresent(address -> tx.put("to", address));
        boolean impersonate = !unlocked().contains(sender);
        if (impersonate) {
            impersonate(sender);
        }
        String hash;
        try {
            BigInteger estimate = new BigInteger(node.rpc("eth_estimateGas", tx).asText().substring(2), 16);
            tx.put("gas", quantity(estimate.add(estimate.shiftRight(2)).add(GAS_MARGIN)));
            hash = node.rpc("eth_sendTransaction", tx).asText();
        } catch (DevnetNode.NodeRpcException e) {
            throw new ContractCallException(what + " from " + sender + " refused: " + e.getMessage(), e);
        } finally {
            if (impersonate) {
                node.rpc(rpcPrefix() + "stopImpersonatingAccount", sender);
            }
        }
        JsonNode receipt = awaitReceipt(hash, what);
        if (!receipt.path("status").asText().equals("0x1")) {
            throw new ContractCallException(what + " from " + sender + " reverted in " + hash + ": " + replay(tx,
                    receipt));
        }
        return receipt;
    }

    private JsonNode awaitReceipt(String hash, String what) {
        long deadline = System.nanoTime() + MINING_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> receipt = node.receipt(hash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(10); // automine answers within milliseconds; a devkit helper, not a test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContractCallException(what + ": interrupted waiting for " + hash, e);
            }
        }
        throw new ContractCallException(what + ": " + hash + " not mined within " + MINING_TIMEOUT
                + " (is automatic mining off?)");
    }

    /** Why a mined transaction reverted: the same call replayed on the state of its block. */
    private String replay(Map<String, String> tx, JsonNode receipt) {
        try {
            node.rpc("eth_call", tx, receipt.get("blockNumber").asText());
            return "no reason (the replay succeeds)";
        } catch (DevnetNode.NodeRpcException e) {
            return e.getMessage();
        }
    }

    private void impersonate(String account) {
        if (node.implementation().equals("ganache")) {
            throw new ContractCallException("ganache cannot send from " + account + ", not one of its accounts");
        }
        node.rpc(rpcPrefix() + "impersonateAccount", account);
        BigInteger balance = new BigInteger(node.rpc("eth_getBalance", account, "latest").asText().substring(2), 16);
        if (balance.compareTo(GAS_MONEY) < 0) {
            node.rpc(rpcPrefix() + "setBalance", account, quantity(GAS_MONEY));
        }
    }

    private String rpcPrefix() {
        return node.implementation().equals("hardhat") ? "hardhat_" : "anvil_";
    }

    private List<String> unlocked() {
        List<String> accounts = unlocked;
        if (accounts == null) {
            accounts = node.accounts().stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
            unlocked = accounts;
        }
        return accounts;
    }

    static String quantity(BigInteger value) {
        return "0x" + value.toString(16);
    }
}

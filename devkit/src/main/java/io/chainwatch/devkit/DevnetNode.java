package io.chainwatch.devkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real Ethereum devnet node running as a child process on 127.0.0.1 with chain id {@value #CHAIN_ID} (chainwatch's
 * {@code devnet} preset): anvil ({@link AnvilNode}, which the demo runs) or, for the tests, ganache and the hardhat
 * node (test-support's {@code GanacheNode} and {@code HardhatNode}), each from npm, pinned in the repository's
 * package-lock.json. The JSON-RPC helpers here are the ones all three answer alike; what differs (mining on demand)
 * each implements. Not sealed: the test-only implementations live in another module, and extend it through the
 * protected launch helpers.
 * <p>
 * Thread-safe: the RPC helpers may be called concurrently; {@link #close()} may be called more than once.
 */
public abstract class DevnetNode implements AutoCloseable {

    /** The devnet chain id (chainwatch's {@code devnet} preset). */
    public static final long CHAIN_ID = 31337;
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String rpcUrl;
    // HTTP/1.1: the JDK's default HTTP/2 upgrade request makes the hardhat node drop the connection
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(
            Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong requestIds = new AtomicLong();

    protected DevnetNode(Process process, int port) {
        this.process = process;
        this.rpcUrl = "http://127.0.0.1:" + port;
    }

    /** Which implementation this is: "anvil", "ganache", "hardhat". */
    public abstract String implementation();

    /** Mines {@code blocks} blocks at once. */
    public abstract void mine(int blocks);

    /** Turns mining of one block per transaction on or off. */
    public abstract void setAutomine(boolean enabled);

    /** Starts {@code command} and waits until the node answers {@code eth_chainId}. */
    protected static Process launch(List<String> command, Path workingDirectory, Map<String, String> environment,
            String what, Duration startupTimeout, int port) {
        try {
            // the node's own output is kept until it is up: a node that fails to start says why in the exception
            Path log = Files.createTempFile("chainwatch-" + what, ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                awaitReady(process, "http://127.0.0.1:" + port, what, startupTimeout);
            } catch (IllegalStateException e) {
                String output = Files.readString(log);
                throw new IllegalStateException(e.getMessage() + "; its output begins: " + output.substring(0, Math
                        .min(output.length(), 2000)), e.getCause());
            } finally {
                Files.deleteIfExists(log); // the open file stays writable for the node; nothing accumulates
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + what + " (" + command.get(0) + ")", e);
        }
    }

    private static void awaitReady(Process process, String url, String what, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration
                .ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with code " + process.exitValue() + " on start");
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).header(
                        "Content-Type", "application/json").POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                        .build();
                if (client.send(request, HttpResponse.BodyHandlers.ofString()).body().contains("\"result\"")) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS); // doubles as a short pause between probes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop(process);
        throw new IllegalStateException(what + " did not answer eth_chainId within " + timeout, last);
    }

    /** {@code relative} in the working directory or the nearest parent that has it (the repository root). */
    protected static Optional<Path> findUpwards(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The JSON-RPC endpoint, {@code http://127.0.0.1:PORT}. */
    public String rpcUrl() {
        return rpcUrl;
    }

    /** The operating system process id of the node. */
    public long pid() {
        return process.pid();
    }

    /**
     * Calls a JSON-RPC method and returns its {@code result}.
     *
     * @throws NodeRpcException when the node answers with a JSON-RPC error (its message is the node's)
     */
    public JsonNode rpc(String method, Object... params) {
        ObjectNode request = json.createObjectNode().put("jsonrpc", "2.0").put("id", requestIds.incrementAndGet());
        request.put("method", method).set("params", json.valueToTree(params));
        try {
            HttpRequest httpRequest = HttpRequest.newBuilder(URI.create(rpcUrl))
                    .timeout(RPC_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)))
                    .build();
            JsonNode response = json.readTree(http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray()).body());
            if (response.hasNonNull("error")) {
                throw new NodeRpcException(method + ": " + response.get("error").path("message").asText());
            }
            return response.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " failed at " + rpcUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }

    /** The unlocked, funded dev accounts. */
    public List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        rpc("eth_accounts").forEach(account -> accounts.add(account.asText()));
        return accounts;
    }

    /**
     * Sends {@code wei} from an unlocked account with {@code eth_sendTransaction}; returns the tx hash. With automine
     * the node mines the block right after answering, so the receipt may appear a moment later.
     */
    public String sendEth(String from, String to, BigInteger wei) {
        ObjectNode tx = json.createObjectNode().put("from", from).put("to", to).put("value", hex(wei));
        return rpc("eth_sendTransaction", tx).asText();
    }

    /** Sends a transaction with {@code data} (a contract call or, without {@code to}, a deployment). */
    public String sendData(String from, Optional<String> to, String data) {
        ObjectNode tx = json.createObjectNode().put("from", from).put("data", data).put("gas", "0x100000");
        to.ifPresent(address -> tx.put("to", address));
        return rpc("eth_sendTransaction", tx).asText();
    }

    /** The receipt of {@code txHash}, or empty while it is not mined. */
    public Optional<JsonNode> receipt(String txHash) {
        JsonNode receipt = rpc("eth_getTransactionReceipt", txHash);
        return receipt == null || receipt.isNull() ? Optional.empty() : Optional.of(receipt);
    }

    public long blockNumber() {
        return quantity(rpc("eth_blockNumber"));
    }

    /** The block hash at {@code number}, or empty when there is no such block. */
    public Optional<String> blockHash(long number) {
        JsonNode block = rpc("eth_getBlockByNumber", hex(BigInteger.valueOf(number)), false);
        return block == null || block.isNull() ? Optional.empty() : Optional.of(block.get("hash").asText());
    }

    protected static String hex(BigInteger value) {
        return "0x" + value.toString(16);
    }

    static long quantity(JsonNode hexQuantity) {
        return new BigInteger(hexQuantity.asText().substring(2), 16).longValueExact();
    }

    @Override
    public String toString() {
        return implementation();
    }

    /** Destroys the process by its PID: a polite stop, up to 5 s to exit, then a forced one. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A JSON-RPC error answered by the node. */
    public static final class NodeRpcException extends RuntimeException {
        NodeRpcException(String message) {
            super(message);
        }
    }
}

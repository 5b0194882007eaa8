package io.chainwatch.testsupport;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real Ethereum devnet node: launches anvil on a free port of 127.0.0.1 with chain id {@value #CHAIN_ID}, waits
 * until it answers {@code eth_chainId}, and offers a few JSON-RPC helpers for tests and the demo.
 * <p>
 * The binary is found in this order: the {@code ANVIL_BIN} environment variable; {@value #NPM_BINARY} in the
 * working directory or any parent (the repository root has it after {@code npm install}); {@code anvil} on the
 * {@code PATH}. Mining is automatic (one block per transaction) unless {@link Options#blockTime(Duration)} is set.
 * <p>
 * Thread-safe: the RPC helpers may be called concurrently; {@link #close()} may be called more than once.
 */
public final class AnvilNode implements AutoCloseable {

    /** The devnet chain id (chainwatch's {@code devnet} preset). */
    public static final long CHAIN_ID = 31337;
    static final String NPM_BINARY = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String rpcUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong requestIds = new AtomicLong();

    private AnvilNode(Process process, int port) {
        this.process = process;
        this.rpcUrl = "http://127.0.0.1:" + port;
    }

    /** Starts anvil with automatic mining. */
    public static AnvilNode start() {
        return start(new Options());
    }

    /** Starts anvil with the given options ({@code AnvilNode.start(AnvilNode.options().blockTime(...))}). */
    public static AnvilNode start(Options options) {
        Path binary = findBinary();
        int port = EmbeddedKafkaBroker.freePort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port), "--host",
                "127.0.0.1", "--chain-id", String.valueOf(CHAIN_ID), "--silent"));
        options.blockTime.ifPresent(time -> command.addAll(List.of("--block-time", blockTimeArgument(time))));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            AnvilNode node = new AnvilNode(process, port);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start anvil (" + binary + ")", e);
        }
    }

    public static Options options() {
        return new Options();
    }

    private static String blockTimeArgument(Duration time) {
        return time.toMillis() % 1000 == 0
                ? String.valueOf(time.toSeconds())
                : String.valueOf(time.toMillis() / 1000.0);
    }

    static Path findBinary() {
        String fromEnv = System.getenv("ANVIL_BIN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(NPM_BINARY);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "anvil"))) {
                return Path.of(dir, "anvil");
            }
        }
        throw new IllegalStateException("anvil not found: run `npm install` at the repository root (it installs "
                + NPM_BINARY + "), put anvil on the PATH, or set ANVIL_BIN");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with code " + process.exitValue() + " on start");
            }
            try {
                rpc("eth_chainId");
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS); // doubles as a short pause between probes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("anvil did not answer eth_chainId within " + STARTUP_TIMEOUT, last);
    }

    /** The JSON-RPC endpoint, {@code http://127.0.0.1:PORT}. */
    public String rpcUrl() {
        return rpcUrl;
    }

    /** The operating system process id of anvil. */
    public long pid() {
        return process.pid();
    }

    /**
     * Calls a JSON-RPC method and returns its {@code result}.
     *
     * @throws AnvilRpcException
     *             when the node answers with a JSON-RPC error (its message is the node's)
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
                throw new AnvilRpcException(method + ": " + response.get("error").path("message").asText());
            }
            return response.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(method + " failed at " + rpcUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        }
    }

    /** The ten unlocked, funded dev accounts. */
    public List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        rpc("eth_accounts").forEach(account -> accounts.add(account.asText()));
        return accounts;
    }

    /**
     * Sends {@code wei} from an unlocked account with {@code eth_sendTransaction}; returns the tx hash. With automine
     * anvil mines the block right after answering, so the receipt may appear a moment later.
     */
    public String sendEth(String from, String to, BigInteger wei) {
        ObjectNode tx = json.createObjectNode().put("from", from).put("to", to).put("value", hex(wei));
        return rpc("eth_sendTransaction", tx).asText();
    }

    /** Mines {@code blocks} blocks at once ({@code anvil_mine}). */
    public void mine(int blocks) {
        rpc("anvil_mine", hex(BigInteger.valueOf(blocks)));
    }

    public long blockNumber() {
        return quantity(rpc("eth_blockNumber"));
    }

    /** The block hash at {@code number}, or empty when there is no such block. */
    public Optional<String> blockHash(long number) {
        JsonNode block = rpc("eth_getBlockByNumber", hex(BigInteger.valueOf(number)), false);
        return block == null || block.isNull() ? Optional.empty() : Optional.of(block.get("hash").asText());
    }

    /** Turns automatic mining (one block per transaction) on or off ({@code evm_setAutomine}). */
    public void setAutomine(boolean enabled) {
        rpc("evm_setAutomine", enabled);
    }

    /**
     * Replaces the last {@code depth} blocks with new, empty blocks of the same numbers ({@code anvil_reorg} with no
     * re-included transactions): the head number stays, the hashes of those blocks change.
     */
    public void reorg(int depth) {
        rpc("anvil_reorg", depth, List.of());
    }

    static String hex(BigInteger value) {
        return "0x" + value.toString(16);
    }

    static long quantity(JsonNode hexQuantity) {
        return new BigInteger(hexQuantity.asText().substring(2), 16).longValueExact();
    }

    /** Destroys the process by its PID: a polite stop, up to 5 s to exit, then a forced one. */
    @Override
    public void close() {
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

    /** Launch options; not thread-safe (build, then pass to {@link AnvilNode#start(Options)}). */
    public static final class Options {
        private Optional<Duration> blockTime = Optional.empty();

        /** Mine a block every {@code interval} ({@code --block-time}) instead of one per transaction. */
        public Options blockTime(Duration interval) {
            this.blockTime = Optional.of(interval);
            return this;
        }
    }

    /** A JSON-RPC error answered by the node. */
    public static final class AnvilRpcException extends RuntimeException {
        AnvilRpcException(String message) {
            super(message);
        }
    }
}

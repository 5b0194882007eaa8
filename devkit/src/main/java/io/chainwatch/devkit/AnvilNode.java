package io.chainwatch.devkit;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * anvil (Foundry), a real Ethereum devnet node: launched on a free port of 127.0.0.1 with chain id
 * {@value DevnetNode#CHAIN_ID}; ready once it answers {@code eth_chainId}.
 * <p>
 * The binary is found in this order: the {@code ANVIL_BIN} environment variable; {@value #NPM_BINARY} in the
 * working directory or any parent (the repository root has it after {@code npm install}); {@code anvil} on the
 * {@code PATH}. Mining is automatic (one block per transaction) unless {@link Options#blockTime(Duration)} is set.
 * <p>
 * Thread-safe: the RPC helpers may be called concurrently; {@link #close()} may be called more than once.
 */
public final class AnvilNode extends DevnetNode {

    static final String NPM_BINARY = "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private AnvilNode(Process process, int port) {
        super(process, port);
    }

    /** Starts anvil with automatic mining. */
    public static AnvilNode start() {
        return start(new Options());
    }

    /** Starts anvil with the given options ({@code AnvilNode.start(AnvilNode.options().blockTime(...))}). */
    public static AnvilNode start(Options options) {
        Path binary = findBinary();
        int port = FreePorts.pick();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port), "--host",
                "127.0.0.1", "--chain-id", String.valueOf(options.chainId), "--silent"));
        options.blockTime.ifPresent(time -> command.addAll(List.of("--block-time", blockTimeArgument(time))));
        options.gasLimit.ifPresent(gas -> command.addAll(List.of("--gas-limit", String.valueOf(gas))));
        options.accounts.ifPresent(n -> command.addAll(List.of("--accounts", String.valueOf(n))));
        options.keptStates.ifPresent(states -> command.addAll(List.of("--prune-history", String.valueOf(states))));
        return new AnvilNode(launch(command, Path.of("").toAbsolutePath(), Map.of(), "anvil", STARTUP_TIMEOUT, port),
                port);
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
        Optional<Path> npm = findUpwards(NPM_BINARY).filter(Files::isExecutable);
        if (npm.isPresent()) {
            return npm.get();
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

    @Override
    public String implementation() {
        return "anvil";
    }

    /** Mines {@code blocks} blocks at once ({@code anvil_mine}). */
    @Override
    public void mine(int blocks) {
        rpc("anvil_mine", hex(BigInteger.valueOf(blocks)));
    }

    /** Turns automatic mining (one block per transaction) on or off ({@code evm_setAutomine}). */
    @Override
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

    /** Launch options; not thread-safe (build, then pass to {@link AnvilNode#start(Options)}). */
    public static final class Options {
        private Optional<Duration> blockTime = Optional.empty();
        private long chainId = CHAIN_ID;
        private Optional<Long> gasLimit = Optional.empty();
        private Optional<Integer> keptStates = Optional.empty();
        private Optional<Integer> accounts = Optional.empty();

        /** Mine a block every {@code interval} ({@code --block-time}) instead of one per transaction. */
        public Options blockTime(Duration interval) {
            this.blockTime = Optional.of(interval);
            return this;
        }

        /**
         * Serve chain id {@code id} ({@code --chain-id}) instead of {@value DevnetNode#CHAIN_ID}, so that a pipeline
         * configured for a real chain's preset (which checks {@code eth_chainId}) accepts the node.
         */
        public Options chainId(long id) {
            this.chainId = id;
            return this;
        }

        /** {@code n} funded dev accounts ({@code --accounts}) instead of 10. */
        public Options accounts(int n) {
            this.accounts = Optional.of(n);
            return this;
        }

        /**
         * Keep the state of only the last {@code states} blocks in memory ({@code --prune-history}); blocks and
         * receipts stay. Without it a node mining hundreds of transactions a second grows by gigabytes an hour.
         */
        public Options pruneHistory(int states) {
            this.keptStates = Optional.of(states);
            return this;
        }

        /** A block gas limit of {@code gas} ({@code --gas-limit}), for blocks fuller than anvil's default allows. */
        public Options gasLimit(long gas) {
            this.gasLimit = Optional.of(gas);
            return this;
        }
    }
}

package io.chainwatch.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chainwatch.devkit.DevnetNode;
import io.chainwatch.devkit.FreePorts;

/**
 * ganache (Truffle's devnet node, npm {@code ganache}), launched on a free port of 127.0.0.1 with chain id
 * {@value DevnetNode#CHAIN_ID}; ready once it answers {@code eth_chainId}. It mines one block per transaction. It
 * offers neither {@code eth_getBlockReceipts} nor {@code debug_traceBlockByNumber}, and says so with -32700 rather
 * than -32601 (issue #20).
 * <p>
 * The launcher is {@value #NPM_BINARY} in the working directory or any parent ({@code npm ci} at the repository
 * root installs it), or the {@code GANACHE_BIN} environment variable; it needs {@code node} on the {@code PATH}.
 */
public final class GanacheNode extends DevnetNode {

    static final String NPM_BINARY = "node_modules/.bin/ganache";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private GanacheNode(Process process, int port) {
        super(process, port);
    }

    public static GanacheNode start() {
        Path binary = npmBinary("GANACHE_BIN", NPM_BINARY, "ganache");
        int port = FreePorts.pick();
        List<String> command = List.of(binary.toString(), "--chain.chainId", String.valueOf(CHAIN_ID),
                "--server.host", "127.0.0.1", "--server.port", String.valueOf(port), "--logging.quiet");
        return new GanacheNode(launch(command, Path.of("").toAbsolutePath(), Map.of(), "ganache", STARTUP_TIMEOUT,
                port), port);
    }

    /** An npm launcher: from {@code variable} if set, else {@code relative} here or in a parent directory. */
    static Path npmBinary(String variable, String relative, String what) {
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return findUpwards(relative).orElseThrow(() -> new IllegalStateException(what + " not found: run `npm ci` "
                + "at the repository root (it installs " + relative + ") or set " + variable));
    }

    @Override
    public String implementation() {
        return "ganache";
    }

    /** Mines {@code blocks} blocks at once ({@code evm_mine} with a block count). */
    @Override
    public void mine(int blocks) {
        rpc("evm_mine", Map.of("blocks", blocks));
    }

    /** Stops or resumes mining ({@code miner_stop} / {@code miner_start}): ganache has no evm_setAutomine. */
    @Override
    public void setAutomine(boolean enabled) {
        rpc(enabled ? "miner_start" : "miner_stop");
    }
}

package io.chainwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chainwatch.devkit.DevnetNode;
import io.chainwatch.devkit.FreePorts;

/**
 * The hardhat node (Nomic Foundation's devnet, npm {@code hardhat}, 2.x: 3.x needs Node.js 22), launched on a free
 * port of 127.0.0.1 with its default chain id {@value DevnetNode#CHAIN_ID}; ready once it answers
 * {@code eth_chainId}. It mines one block per transaction. It offers neither {@code eth_getBlockReceipts} nor
 * {@code debug_traceBlockByNumber} (-32004 "Method … is not supported").
 * <p>
 * Hardhat refuses to run outside a project that has it installed, so it runs in the directory whose
 * {@code node_modules} holds it (the repository root), with an empty configuration written to a temporary file.
 * It needs {@code node} on the {@code PATH}.
 */
public final class HardhatNode extends DevnetNode {

    static final String NPM_BINARY = "node_modules/.bin/hardhat";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path config;

    private HardhatNode(Process process, int port, Path config) {
        super(process, port);
        this.config = config;
    }

    public static HardhatNode start() {
        Path binary = GanacheNode.npmBinary("HARDHAT_BIN", NPM_BINARY, "hardhat");
        Path projectRoot = binary.toAbsolutePath().getParent().getParent().getParent(); // <root>/node_modules/.bin
        int port = FreePorts.pick();
        try {
            Path config = Files.createTempFile("chainwatch-hardhat", ".config.js");
            Files.writeString(config, "module.exports = {};\n");
            List<String> command = List.of(binary.toString(), "--config", config.toString(), "node", "--hostname",
                    "127.0.0.1", "--port", String.valueOf(port));
            // no prompt asking for telemetry consent: nobody is there to answer
            Map<String, String> environment = Map.of("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
            return new HardhatNode(launch(command, projectRoot, environment, "hardhat", STARTUP_TIMEOUT, port), port,
                    config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write hardhat's configuration", e);
        }
    }

    @Override
    public String implementation() {
        return "hardhat";
    }

    /** Mines {@code blocks} blocks at once ({@code hardhat_mine}). */
    @Override
    public void mine(int blocks) {
        rpc("hardhat_mine", hex(BigInteger.valueOf(blocks)));
    }

    /** Turns automatic mining on or off ({@code evm_setAutomine}). */
    @Override
    public void setAutomine(boolean enabled) {
        rpc("evm_setAutomine", enabled);
    }

    @Override
    public void close() {
        super.close();
        try {
            Files.deleteIfExists(config);
        } catch (IOException e) {
            // a temporary file; the system cleans it up eventually
        }
    }
}

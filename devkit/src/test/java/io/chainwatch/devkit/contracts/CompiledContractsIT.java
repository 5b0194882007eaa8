package io.chainwatch.devkit.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed bytecode cannot drift from the Solidity sources: {@code compile.mjs --check} recompiles them with the
 * pinned solc (node, a real process, hence an IT) and compares.
 */
class CompiledContractsIT {

    private static final String SCRIPT = "devkit/src/main/solidity/compile.mjs";
    private static final String RESOURCES = "devkit/src/main/resources/io/chainwatch/devkit/contracts";

    @Test
    void shouldMatchCommittedContractsWhenRecompiled() throws Exception {
        Result check = node(SCRIPT, "--check");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(CompiledContract.load("PriceFeed").solcVersion()).startsWith("0.8.30+");
    }

    @Test
    void shouldFailCheckWhenCommittedBytecodeDiffers(@TempDir Path copy) throws Exception {
        try (Stream<Path> files = Files.list(repositoryRoot().resolve(RESOURCES))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path feed = copy.resolve("PriceFeed.json");
        Files.writeString(feed, Files.readString(feed).replace("\"bytecode\": \"0x", "\"bytecode\": \"0x00"));

        Result check = node(SCRIPT, "--check", "--out", copy.toString());

        assertThat(check.exitCode()).as(check.output()).isOne();
        assertThat(check.output()).contains("PriceFeed.json").doesNotContain("TestToken.json");
    }

    private static Result node(String script, String... args) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        List<String> command = Stream.concat(Stream.of("node", root.resolve(script).toString()), Stream.of(args))
                .toList();
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes(); // ends when node exits: it prints little
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 2 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The checkout's root: Maven runs the test in the devkit module, an IDE maybe elsewhere below the root. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException(SCRIPT + " not found in " + Path.of("").toAbsolutePath() + " or above");
    }

    private record Result(int exitCode, String output) {
    }
}

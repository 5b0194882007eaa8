package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} against what the code reads (issue #18), so that the page cannot drift: every
 * environment variable named in the product's sources is documented there, and every variable documented there is
 * read somewhere. Variables built per chain ({@code "CHAINWATCH_RPC_" + chain}) are documented as
 * {@code CHAINWATCH_RPC_<CHAIN>}. The devkit's and the test support's own variables belong to
 * {@code docs/development.md}.
 */
class ConfigurationDocTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The modules that read the product's variables: the product's own, and the benchmarks, which set them. */
    private static final List<String> PRODUCT_MODULES = List.of("common-schema", "block-ingestor", "tx-matcher",
            "notifier", "bot-frontend", "deploy", "bench");
    /** A string literal that names a variable, or the prefix of a per-chain one. */
    private static final Pattern LITERAL = Pattern.compile("\"((?:CHAINWATCH|TELEGRAM|KAFKA|REDIS)_[A-Z0-9_]*)\"");
    /** A variable in backquotes, alone or with a value ({@code `CHAINWATCH_TEST_KAFKA=testcontainers`}). */
    private static final Pattern DOCUMENTED = Pattern.compile(
            "`((?:CHAINWATCH|TELEGRAM|KAFKA|REDIS)_[A-Z0-9_<>]*)(?:=[^`]*)?`");
    /** The prefix every chainwatch variable starts with, used alone to pass the environment through. */
    private static final String BARE_PREFIX = "CHAINWATCH_";

    @Test
    void shouldDocumentEveryVariableTheProductReads() {
        Set<String> documented = documentedIn("docs/configuration.md");
        Set<String> undocumented = new TreeSet<>();
        for (String name : literalsIn(PRODUCT_MODULES)) {
            String asDocumented = name.endsWith("_") ? name + "<CHAIN>" : name;
            if (!documented.contains(asDocumented) && !isPerChainInstance(name, documented)) {
                undocumented.add(name);
            }
        }
        assertThat(undocumented)
                .as("variables read by the code but missing from docs/configuration.md: add a row to its table")
                .isEmpty();
    }

    @Test
    void shouldReadEveryVariableThePageDocuments() {
        String code = String.join("\n", literalsIn(PRODUCT_MODULES)) + "\n" + read("chainwatch") + read(
                "deploy/docker/Dockerfile") + read("docker-compose.yml");
        Set<String> unread = new TreeSet<>();
        for (String name : documentedIn("docs/configuration.md")) {
            String lookedFor = name.replace("<CHAIN>", "");
            if (!code.contains(lookedFor)) {
                unread.add(name);
            }
        }
        assertThat(unread).as("documented in docs/configuration.md but read nowhere: remove the row or read it")
                .isEmpty();
    }

    @Test
    void shouldDocumentTheTestSupportsVariablesForDevelopers() {
        Set<String> documented = documentedIn("docs/development.md");
        Set<String> testVariables = new TreeSet<>(literalsIn(List.of("devkit", "test-support")));
        // the broker settings a test node or container is given, not variables a developer sets
        testVariables.removeIf(name -> name.startsWith("KAFKA_") && !name.equals("KAFKA_IMAGE"));
        testVariables.removeAll(documentedIn("docs/configuration.md"));
        assertThat(testVariables).isNotEmpty().allSatisfy(name -> assertThat(documented).as(
                "the devkit or test-support reads " + name + ": explain it in docs/development.md").contains(name));
    }

    /** {@code CHAINWATCH_RPC_DEVNET} is an instance of the documented {@code CHAINWATCH_RPC_<CHAIN>}. */
    private static boolean isPerChainInstance(String name, Set<String> documented) {
        return name.equals(BARE_PREFIX) || documented.stream().filter(d -> d.endsWith("_<CHAIN>")).map(d -> d
                .substring(0, d.length() - "<CHAIN>".length())).anyMatch(prefix -> name.startsWith(prefix)
                        && name.substring(prefix.length()).matches("[A-Z0-9]+"));
    }

    private static Set<String> documentedIn(String page) {
        Set<String> names = new TreeSet<>();
        read(page).lines().filter(line -> line.startsWith("| `")).forEach(line -> {
            String firstColumn = line.substring(1, line.indexOf('|', 1));
            Matcher m = DOCUMENTED.matcher(firstColumn);
            while (m.find()) {
                names.add(m.group(1));
            }
        });
        if (page.endsWith("development.md")) { // prose, not a table
            Matcher m = DOCUMENTED.matcher(read(page));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static Set<String> literalsIn(List<String> modules) {
        Set<String> names = new TreeSet<>();
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).map(ConfigurationDocTest::read).forEach(
                        source -> {
                            Matcher m = LITERAL.matcher(source);
                            while (m.find()) {
                                names.add(m.group(1));
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private static String read(String relative) {
        return read(ROOT.resolve(relative));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.chainwatch.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #18: no test or benchmark code on a service image's classpath. {@code deploy/docker/build-images} makes each
 * service image of its module's build output ({@code <module>/target/lib} and the module's jar) and the
 * healthcheck's tools of deploy's (its classes less the packages the script strips, {@code deploy/target/lib} less
 * {@link HealthCommandIT#LEFT_OUT_OF_THE_IMAGE}); this reads that output as the script copies it.
 * <p>
 * In a reactor build ({@code ./mvnw verify}) the services are packaged before deploy's tests run; where they are not
 * ({@code -pl deploy -am test}), the check of their jars is skipped and says why. {@link HealthCommandIT} checks the
 * tools' jars once deploy itself is packaged.
 */
class ServiceImageContentsTest {

    private static final Path ROOT = DeployFilesTest.ROOT;
    private static final String VERSION = "0.1.0-SNAPSHOT";
    /** Jars (by file name prefix) that only tests, benchmarks or the local devkit use. */
    static final List<String> TEST_OR_BENCH_JARS = List.of("devkit-", "test-support-", "bench-", "testcontainers-",
            "junit-", "assertj-", "archunit-", "awaitility-", "kafka-streams-test-utils-", "mockito-",
            "micronaut-test-");
    /** Our classes that only tests, benchmarks or the local devkit use: their packages, and test classes by name. */
    static final Pattern TEST_OR_BENCH_ENTRY = Pattern.compile(
            "io/chainwatch/(devkit|testsupport|bench)/.*|io/chainwatch/.*(Test|IT)(\\$[^/]*)?\\.class");
    /** A line of build-images' SERVICES: {@code module:main class:port}. */
    private static final Pattern SERVICE = Pattern.compile(
            "^(?:SERVICES=\")?([a-z-]+):io\\.chainwatch\\.[\\w.]+:\\d+\"?$",
            Pattern.MULTILINE);
    /** What build-images removes from the deploy jar before it goes into the image's tools. */
    private static final Pattern STRIPPED = Pattern.compile("rm -rf ((?:io/chainwatch/\\S+ )+)META-INF/MANIFEST.MF");

    static List<String> services() throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = SERVICE.matcher(buildImages());
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(modules).as("the services deploy/docker/build-images builds").containsExactlyInAnyOrder(
                "block-ingestor", "tx-matcher", "notifier", "bot-frontend");
        return modules;
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldPutNoTestOrBenchmarkCodeInAServiceImage(String module) throws IOException {
        Path target = ROOT.resolve(module).resolve("target");
        Path jar = target.resolve(module + "-" + VERSION + ".jar");
        assumeTrue(Files.isRegularFile(jar) && Files.isDirectory(target.resolve("lib")), module
                + " is not packaged (target/lib and its jar are what the image is made of): run the reactor's "
                + "./mvnw verify or package");
        List<Path> classpath = new ArrayList<>(List.of(jar));
        classpath.addAll(jarsIn(target.resolve("lib")));
        assertThat(testOrBenchCode(classpath)).as("test or benchmark code on the classpath of chainwatch/" + module
                + "'s image: make that dependency test-scoped (or move the code out of main)").isEmpty();
    }

    @Test
    void shouldPutNoTestOrBenchmarkClassInTheHealthchecksTools() throws IOException {
        Matcher stripped = STRIPPED.matcher(buildImages());
        assertThat(stripped.find()).as("build-images strips the deploy jar").isTrue();
        List<String> strippedPackages = List.of(stripped.group(1).trim().split(" "));
        Path classes = ROOT.resolve("deploy/target/classes");
        List<String> left = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(Files::isRegularFile).map(file -> classes.relativize(file).toString().replace('\\', '/'))
                    .filter(entry -> strippedPackages.stream().noneMatch(entry::startsWith))
                    .filter(entry -> TEST_OR_BENCH_ENTRY.matcher(entry).matches()).forEach(left::add);
        }
        assertThat(left).as("test or benchmark classes in deploy's jar, which the image's tools keep").isEmpty();
    }

    @Test
    void shouldRecogniseTestAndBenchmarkCode() {
        assertThat(TEST_OR_BENCH_ENTRY.matcher("io/chainwatch/bench/MatchBenchmark.class").matches()).isTrue();
        assertThat(TEST_OR_BENCH_ENTRY.matcher("io/chainwatch/devkit/BotApiDouble$SentMessage.class").matches())
                .isTrue();
        assertThat(TEST_OR_BENCH_ENTRY.matcher("io/chainwatch/notifier/NotifierServiceIT.class").matches()).isTrue();
        assertThat(TEST_OR_BENCH_ENTRY.matcher("io/chainwatch/bot/BotFixtureTest$1.class").matches()).isTrue();
        assertThat(TEST_OR_BENCH_ENTRY.matcher("io/chainwatch/notifier/app/NotifierApplication.class").matches())
                .isFalse();
        assertThat(TEST_OR_BENCH_ENTRY.matcher("io/chainwatch/standalone/HealthScope.class").matches()).isFalse();
    }

    /**
     * The test or benchmark code in {@code classpath}: whole jars by name, and our own classes by package and name
     * (other libraries' class names are theirs to choose).
     */
    static List<String> testOrBenchCode(List<Path> classpath) {
        List<String> found = new ArrayList<>();
        for (Path jar : classpath) {
            String name = jar.getFileName().toString();
            if (TEST_OR_BENCH_JARS.stream().anyMatch(name::startsWith)) {
                found.add(name);
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(ZipEntry::getName).filter(entry -> TEST_OR_BENCH_ENTRY.matcher(entry).matches())
                        .forEach(entry -> found.add(name + "!" + entry));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        return found;
    }

    static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String buildImages() throws IOException {
        return Files.readString(ROOT.resolve("deploy/docker/build-images"));
    }
}

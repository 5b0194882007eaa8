package io.chainwatch.bench.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ServicesTest {

    @Test
    void gcPausesAreReadFromTheUnifiedLog() {
        String log = """
                [0.012s][info][gc] Using Serial
                [1.234s][info][gc] GC(0) Pause Young (Allocation Failure) 3M->1M(9M) 2.345ms
                [9.876s][info][gc] GC(1) Pause Full (System.gc()) 40M->12M(60M) 31.000ms
                """;
        assertThat(GcLog.pausesMillis(log)).containsExactly(2.345, 31.0);
    }

    @Test
    void cpuIsUserPlusSystemTimeAfterTheName() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 100 0 0";
        assertThat(ProcStats.cpuSecondsOfStat(stat)).isEqualTo(3.0);
    }

    @Test
    void heapShareIsSetWithBothPercentagesAndSmallerForTheMatcher() {
        assertThat(ServiceJvms.heapOptions("MATCHER")).containsExactly("-XX:MinRAMPercentage=30",
                "-XX:MaxRAMPercentage=30");
        assertThat(ServiceJvms.heapOptions("NOTIFIER")).containsExactly("-XX:MinRAMPercentage=50",
                "-XX:MaxRAMPercentage=50");
    }

    /** The benchmarks measure what ships: the image's JAVA_OPTS and the compose file's heap share for the matcher. */
    @Test
    void benchmarkFlagsAreTheImagesFlags() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String dockerfile = Files.readString(root.resolve("deploy/docker/Dockerfile"));
        Matcher javaOpts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(javaOpts.find()).isTrue();
        String expected = "-XX:MinRAMPercentage=${HEAP_PERCENT} -XX:MaxRAMPercentage=${HEAP_PERCENT} "
                + ServiceJvms.SERVICE_JVM_OPTIONS.replace("-XX:MaxRAM=256m ", "");
        assertThat(javaOpts.group(1)).isEqualTo(expected);
        assertThat(dockerfile).contains("ARG HEAP_PERCENT=" + ServiceJvms.DEFAULT_HEAP_PERCENT);
        assertThat(Files.readString(root.resolve("docker-compose.yml"))).contains("HEAP_PERCENT: "
                + ServiceJvms.heapPercent("MATCHER"));
        assertThat(Files.readString(root.resolve("deploy/docker/build-images"))).contains("heap_percent="
                + ServiceJvms.heapPercent("MATCHER"));
        assertThat(dockerfile).contains("MALLOC_ARENA_MAX=" + ServiceJvms.SERVICE_NATIVE_ENV.get("MALLOC_ARENA_MAX"));
    }
}

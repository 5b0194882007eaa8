package io.chainwatch.bench.services;

import static org.assertj.core.api.Assertions.assertThat;

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
}

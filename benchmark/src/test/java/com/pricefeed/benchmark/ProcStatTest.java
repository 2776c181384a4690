package com.pricefeed.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcStatTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void shouldFindTheCpuTimeOfThisJvmsJitCompilerThreadsWithinItsOwn() {
        double compiling = ProcStat.compilerCpuSeconds(SELF);
        double total = ProcStat.cpuSeconds(SELF);

        assertThat(compiling).as("a JVM that has loaded JUnit has compiled code").isPositive();
        assertThat(compiling).isLessThan(total);
    }

    @Test
    void shouldReportNothingForAProcessThatDoesNotExist() {
        assertThat(ProcStat.compilerCpuSeconds(Long.MAX_VALUE)).isZero();
        assertThat(ProcStat.cpuSeconds(Long.MAX_VALUE)).isZero();
    }
}

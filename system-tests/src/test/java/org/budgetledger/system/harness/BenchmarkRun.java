package org.budgetledger.system.harness;

import org.junit.jupiter.api.Test;

/**
 * The benchmark under Maven: {@code ./mvnw -o -pl system-tests verify -Pbench [-Dbench.args="--backend both --size full"]}.
 * Named so that the normal suite (failsafe's *Test) never runs it; it measures and asserts nothing.
 */
class BenchmarkRun {

    @Test
    void benchmark() throws Exception {
        Benchmark.runAll(System.getProperty("bench.args", "--backend memory --size smoke")
                .trim()
                .split("\\s+"));
    }
}

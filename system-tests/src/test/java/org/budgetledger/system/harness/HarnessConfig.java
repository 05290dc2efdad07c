package org.budgetledger.system.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a harness run does. {@link #small()} is the configuration of the normal test suite, {@link #full()} the one
 * whose figures docs/RELIABILITY.md reports. Every value can be overridden by a {@code --name value} argument of
 * {@link FaultHarness#main} or a {@code harness.name} system property (the Maven profile {@code harness} uses those).
 */
record HarnessConfig(
        /* postings to send in all (valid, duplicates, conflicts, invalid, garbage, reversals) */
        int postings,
        int departments,
        /* budget units per department, the department's own unit included */
        int unitsPerDepartment,
        /* SIGKILLs of ledger-service, and as many of projection-service */
        int killsPerService,
        boolean killKafka,
        /* SIGKILL the store once (no clean stop: what it acknowledged must survive) */
        boolean killStore,
        /* how long the store stays down; beyond the services' 10 s store timeout every request meets the outage */
        Duration storeDown,
        /* instances of ledger-service and of projection-service (bin/ledger-local's LEDGER_SERVICE_INSTANCES, ...) */
        int ledgerInstances,
        int projectionInstances,
        /* h2 or memory: LEDGER_STORE_BACKEND of bin/ledger-local */
        String backend,
        long seed,
        int restThreads,
        /* share of the postings sent through Kafka rather than REST */
        double kafkaShare,
        /* share of the REST postings sent one per request rather than in batches */
        double singleShare,
        int maxBatch,
        /* also fill one ledger to its limit and break the overflow rule (92,233 maximal appropriations more) */
        boolean overflow,
        /* sending takes at least this long (paced), so that the faults fall while postings flow; 0: as fast as it goes */
        Duration sendAtLeast,
        /* after a component is healthy again, errors are still excused this long */
        Duration grace,
        /* how long a wait for the system (a phase's postings recorded, the projection caught up) may take */
        Duration patience,
        Path workDir) {

    static HarnessConfig small() {
        return new HarnessConfig(
                5_000,
                2,
                3,
                2,
                true,
                true,
                Duration.ofSeconds(15),
                1,
                1,
                "h2",
                20191231L,
                4,
                0.35,
                0.05,
                200,
                false,
                // paced so that postings flow from first to last; each fault holds sending back until it is over, so
                // every fault still falls while postings flow (Faults.sendingMayReach), and a shorter pace saves time
                Duration.ofSeconds(50),
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                Path.of("target", "harness"));
    }

    static HarnessConfig full() {
        return new HarnessConfig(
                100_000,
                2,
                3,
                5,
                true,
                true,
                Duration.ofSeconds(40),
                1,
                1,
                "h2",
                20191231L,
                4,
                0.35,
                0.03,
                500,
                true,
                Duration.ZERO,
                Duration.ofSeconds(5),
                Duration.ofMinutes(20),
                Path.of("target", "harness"));
    }

    int units() {
        return departments * unitsPerDepartment;
    }

    /** Applies {@code name -> value} overrides (names as the record's components). */
    HarnessConfig with(Function<String, String> lookup) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String name : new String[] {
            "postings",
            "departments",
            "unitsPerDepartment",
            "killsPerService",
            "killKafka",
            "killStore",
            "storeDown",
            "ledgerInstances",
            "projectionInstances",
            "backend",
            "seed",
            "restThreads",
            "kafkaShare",
            "singleShare",
            "maxBatch",
            "overflow",
            "sendAtLeast",
            "grace",
            "patience",
            "workDir"
        }) {
            String value = lookup.apply(name);
            if (value != null && !value.isBlank()) {
                v.put(name, value.trim());
            }
        }
        return new HarnessConfig(
                Integer.parseInt(v.getOrDefault("postings", String.valueOf(postings))),
                Integer.parseInt(v.getOrDefault("departments", String.valueOf(departments))),
                Integer.parseInt(v.getOrDefault("unitsPerDepartment", String.valueOf(unitsPerDepartment))),
                Integer.parseInt(v.getOrDefault("killsPerService", String.valueOf(killsPerService))),
                Boolean.parseBoolean(v.getOrDefault("killKafka", String.valueOf(killKafka))),
                Boolean.parseBoolean(v.getOrDefault("killStore", String.valueOf(killStore))),
                v.containsKey("storeDown") ? Duration.ofSeconds(Long.parseLong(v.get("storeDown"))) : storeDown,
                Integer.parseInt(v.getOrDefault("ledgerInstances", String.valueOf(ledgerInstances))),
                Integer.parseInt(v.getOrDefault("projectionInstances", String.valueOf(projectionInstances))),
                v.getOrDefault("backend", backend),
                Long.parseLong(v.getOrDefault("seed", String.valueOf(seed))),
                Integer.parseInt(v.getOrDefault("restThreads", String.valueOf(restThreads))),
                Double.parseDouble(v.getOrDefault("kafkaShare", String.valueOf(kafkaShare))),
                Double.parseDouble(v.getOrDefault("singleShare", String.valueOf(singleShare))),
                Integer.parseInt(v.getOrDefault("maxBatch", String.valueOf(maxBatch))),
                Boolean.parseBoolean(v.getOrDefault("overflow", String.valueOf(overflow))),
                v.containsKey("sendAtLeast") ? Duration.ofSeconds(Long.parseLong(v.get("sendAtLeast"))) : sendAtLeast,
                v.containsKey("grace") ? Duration.ofSeconds(Long.parseLong(v.get("grace"))) : grace,
                v.containsKey("patience") ? Duration.ofMinutes(Long.parseLong(v.get("patience"))) : patience,
                v.containsKey("workDir") ? Path.of(v.get("workDir")) : workDir);
    }

    /** From system properties {@code harness.<name>}; {@code harness.profile=full} starts from {@link #full()}. */
    static HarnessConfig fromSystemProperties() {
        HarnessConfig base = "full".equals(System.getProperty("harness.profile")) ? full() : small();
        return base.with(name -> System.getProperty("harness." + name));
    }

    /** From {@code --name value} arguments; {@code --profile full} starts from {@link #full()}. */
    static HarnessConfig fromArgs(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            String name = args[i].substring(2);
            String value;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for --" + name);
            }
            a.put(name, value);
        }
        HarnessConfig base = "full".equals(a.get("profile")) ? full() : small();
        return base.with(a::get);
    }

    String describe() {
        return postings + " postings over " + units() + " units in " + departments + " departments, "
                + ledgerInstances + " ledger-service and " + projectionInstances + " projection-service instance(s), "
                + killsPerService + " SIGKILLs of each service" + (killKafka ? ", Kafka SIGKILLed once" : "")
                + (killStore
                        ? ", the store SIGKILLed once"
                                + (storeDown.isZero() ? "" : " (down " + storeDown.toSeconds() + " s)")
                        : "")
                + ", store backend " + backend
                + ", seed " + seed + ", " + restThreads + " REST clients, " + Math.round(kafkaShare * 100)
                + "% through Kafka"
                + (overflow ? ", overflow ledger" : "");
    }
}

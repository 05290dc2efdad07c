package org.budgetledger.system.harness;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's settings: defaults per size ({@code smoke} finishes in minutes, {@code full} gives the figures of
 * docs/PERFORMANCE.md), any of them overridden by {@code --name value}. Kept as text so the report can print them all.
 */
final class BenchSettings {

    private static final Map<String, String[]> DEFAULTS = new LinkedHashMap<>();

    static {
        // name -> {smoke, full}
        def("limitDocsMemory", "20000", "100000");
        def("limitDocsH2", "4000", "20000");
        def("limitBatch", "100", "100");
        def("ledgers", "8", "8");
        def("asOfPostings", "2000", "10000");
        def("singleThreads", "8", "8");
        def("singleSeconds", "5", "30");
        def("batchPostings", "4000", "50000");
        def("batchSize", "500", "500");
        def("batchThreads", "4", "4");
        def("kafkaPostings", "4000", "50000");
        def("lagRate", "2000", "2000");
        def("lagBatch", "100", "100");
        def("lagSeconds", "10", "60");
        def("lagSenders", "8", "8");
        def("queryThreads", "16", "16");
        def("querySeconds", "5", "30");
        def("reportThreads", "4", "4");
        def("reportSeconds", "5", "15");
        def("asOfRepeats", "20", "20");
        def("rebuildEvents", "20000", "1000000");
        def("topUpLedgers", "20", "100");
        def("patienceMinutes", "10", "120");
        def("storeHeapMemory", "2g", "6g");
        def("storeHeapH2", "2g", "2g");
        def("serviceHeap", "1g", "2g");
        def("kafkaHeap", "512m", "1g");
        def("serviceJavaOpts", "", "");
        // instances of each service (bin/ledger-local's LEDGER_SERVICE_INSTANCES, PROJECTION_SERVICE_INSTANCES)
        def("ledgerInstances", "1", "1");
        def("projectionInstances", "1", "1");
        def("workDir", "target/bench", "target/bench");
        def("profile", "true", "true");
        def("warmupSeconds", "10", "120");
        // all, or some of:
        // limit,warm-up,rest-single,rest-single-alone,rest-batch,kafka,projection-lag,queries,rebuild,rest-single-in-a-grown-store,growth
        def("growthFromEvents", "20000", "250000");
        def("growthMaxEvents", "40000", "4000000");
        def("growthSeconds", "5", "20");
        def("growthP99Millis", "100", "100");
        def("steps", "all", "all");
    }

    private static void def(String name, String smoke, String full) {
        DEFAULTS.put(name, new String[] {smoke, full});
    }

    final List<String> backends;
    final String size;
    private final Map<String, String> values = new LinkedHashMap<>();

    private BenchSettings(List<String> backends, String size, Map<String, String> overrides) {
        this.backends = backends;
        this.size = size;
        int column = size.equals("full") ? 1 : 0;
        DEFAULTS.forEach((k, v) -> values.put(k, v[column]));
        overrides.forEach((k, v) -> {
            if (!DEFAULTS.containsKey(k)) {
                throw new IllegalArgumentException("unknown setting --" + k + "; known: " + DEFAULTS.keySet());
            }
            values.put(k, v);
        });
    }

    static BenchSettings fromArgs(String[] args) {
        String backend = "memory";
        String size = "smoke";
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            String name = args[i].substring(2);
            String value = args[++i];
            switch (name) {
                case "backend" -> backend = value;
                case "size" -> size = value;
                default -> overrides.put(name, value);
            }
        }
        if (!List.of("smoke", "full").contains(size)) {
            throw new IllegalArgumentException("--size smoke|full, not " + size);
        }
        List<String> backends = switch (backend) {
            case "memory", "h2" -> List.of(backend);
            case "both" -> List.of("memory", "h2");
            default -> throw new IllegalArgumentException("--backend memory|h2|both, not " + backend);
        };
        return new BenchSettings(backends, size, overrides);
    }

    int i(String name) {
        return Integer.parseInt(s(name).replace("_", ""));
    }

    boolean b(String name) {
        return Boolean.parseBoolean(s(name));
    }

    String s(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no setting " + name);
        }
        return v;
    }

    Duration patience() {
        return Duration.ofMinutes(i("patienceMinutes"));
    }

    String describe() {
        StringBuilder sb = new StringBuilder("size ").append(size);
        values.forEach((k, v) -> sb.append(", ").append(k).append(' ').append(v));
        return sb.toString();
    }
}

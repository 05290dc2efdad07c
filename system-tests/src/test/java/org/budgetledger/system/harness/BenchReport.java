package org.budgetledger.system.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What one benchmark run measured: every figure printed as it comes, and the Markdown block at the end. */
final class BenchReport {

    record Figure(String step, String what, String value, String note) {}

    /** Latencies in milliseconds. */
    record Latency(int count, double p50, double p99, double max) {
        static Latency ofNanos(Collection<Long> nanos) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Latency(
                    sorted.length, pct(sorted, 0.50) / 1e6, pct(sorted, 0.99) / 1e6, sorted[sorted.length - 1] / 1e6);
        }

        /** Nearest-rank percentile. */
        static long pct(long[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        String text() {
            return count == 0 ? "no samples" : "p50 " + ms(p50) + ", p99 " + ms(p99) + ", max " + ms(max);
        }

        static String ms(double v) {
            return v >= 1000
                    ? String.format("%.2f s", v / 1000)
                    : v >= 10 ? String.format("%.0f ms", v) : String.format("%.1f ms", v);
        }
    }

    final String backend;
    final BenchSettings settings;
    final Instant started = Instant.now();
    final List<Figure> figures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private final String loadAtStart = loadAverage();

    BenchReport(String backend, BenchSettings settings) {
        this.backend = backend;
        this.settings = settings;
    }

    synchronized void add(String step, String what, String value, String note) {
        figures.add(new Figure(step, what, value, note == null ? "" : note));
        System.out.println("[bench " + backend + "] " + step + ": " + what + " = " + value
                + (note == null || note.isEmpty() ? "" : " (" + note + ")"));
    }

    synchronized void note(String line) {
        notes.add(line);
        System.out.println("[bench " + backend + "] note: " + line);
    }

    void failed(String step, Throwable e) {
        add(
                step,
                "FAILED",
                e.getClass().getSimpleName(),
                String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        e.printStackTrace(System.out);
    }

    static String rate(double perSecond) {
        return perSecond < 0 || Double.isNaN(perSecond) ? "n/a" : String.format("%,.0f/s", perSecond);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("### Benchmark: ")
                .append(backend)
                .append(" backend, ")
                .append(settings.size)
                .append(" size, ")
                .append(started)
                .append("\n\n");
        sb.append("- machine: ").append(String.join("; ", machine())).append('\n');
        sb.append("- load average at start ")
                .append(loadAtStart)
                .append(", at end ")
                .append(loadAverage())
                .append(" (other processes on the machine count)\n");
        sb.append("- settings: ").append(settings.describe()).append("\n\n");
        sb.append("| step | figure | value | note |\n|---|---|---|---|\n");
        for (Figure f : figures) {
            sb.append("| ")
                    .append(cell(f.step()))
                    .append(" | ")
                    .append(cell(f.what()))
                    .append(" | ")
                    .append(cell(f.value()))
                    .append(" | ")
                    .append(cell(f.note()))
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            sb.append('\n');
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static List<String> machine() {
        List<String> m = new ArrayList<>();
        m.add(Runtime.getRuntime().availableProcessors() + " cores (nproc)");
        m.add("RAM " + procLine("/proc/meminfo", "MemTotal:"));
        m.add("CPU " + procLine("/proc/cpuinfo", "model name"));
        m.add(javaVersion());
        return m;
    }

    private static String procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String loadAverage() {
        try {
            return String.join(
                    " ",
                    Arrays.copyOf(
                            Files.readString(Path.of("/proc/loadavg")).trim().split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    /** The java the stack runs on (bin/ledger-local uses JAVA_HOME, else java on the PATH). */
    private static String javaVersion() {
        String home = System.getenv("JAVA_HOME");
        String java = home == null || home.isBlank() ? "java" : home + "/bin/java";
        try {
            Process p = new ProcessBuilder(java, "-version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return String.join(" / ", out.lines().toList());
        } catch (IOException | InterruptedException e) {
            return "java -version failed: " + e;
        }
    }
}

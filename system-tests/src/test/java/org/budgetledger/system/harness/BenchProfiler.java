package org.budgetledger.system.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JFR recording ("profile" settings: method samples every 10 ms) of ledger-service, projection-service and the
 * embedded store for the whole run, cut into one file per step, so that a figure comes with where its time went. One
 * recording, not one per step: starting and stopping a recording instruments and restores the JDK's socket and file
 * classes, and the JIT then recompiled thousands of methods during the first 20 s of each step (measured: 6,300
 * compilations, the single posts of that step at a third of their speed). A slice is cut at the recording's chunk
 * boundaries, so it may begin up to a minute before its step: filter by {@code startTime} for exact figures. The hot
 * methods are summarised with {@code jfr view hot-methods} of a JDK that has it (21+, e.g. the Temurin 25 beside Java
 * 17 here).
 */
final class BenchProfiler {

    private static final String[] COMPONENTS = {LocalStack.LEDGER, LocalStack.PROJECTION, LocalStack.STORE};
    private static final String RECORDING = "bench";

    private final LocalStack stack;
    private final Path dir;
    private final String jfrTool;

    BenchProfiler(LocalStack stack, Path dir) throws IOException {
        this.stack = stack;
        this.dir = Files.createDirectories(dir);
        this.jfrTool = findJfrView();
    }

    /** Starts the run's recording in both services (before anything is measured or warmed up). */
    void begin() {
        for (String c : COMPONENTS) {
            jcmd(c, "JFR.start", "name=" + RECORDING, "settings=profile", "maxage=4h");
        }
    }

    /** The step's slice of the recording; answers one line per service with its three hottest methods, if a jfr tool can tell. */
    List<String> slice(String step, Instant from, Instant to) {
        List<String> lines = new ArrayList<>();
        for (String c : COMPONENTS) {
            Path file = dir.resolve(name(step) + "-" + c + ".jfr");
            if (!jcmd(c, "JFR.dump", "name=" + RECORDING, "filename=" + file, "begin=" + from, "end=" + to)) {
                continue;
            }
            String hot = hotMethods(file);
            if (hot != null) {
                lines.add(
                        c + ": " + hot + " (" + dir.relativize(file.resolveSibling(file.getFileName() + ".txt")) + ")");
            }
        }
        return lines;
    }

    /** Ends the run's recording (its slices are kept). */
    void end() {
        for (String c : COMPONENTS) {
            jcmd(c, "JFR.stop", "name=" + RECORDING);
        }
    }

    private static String name(String step) {
        return step.replaceAll("[^a-z0-9]+", "-");
    }

    private boolean jcmd(String component, String... command) {
        try {
            long pid = stack.pid(component);
            if (pid < 0) {
                return false;
            }
            List<String> cmd = new ArrayList<>(List.of("jcmd", String.valueOf(pid)));
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.contains("Could not");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The three hottest methods with their share of samples, the whole table in a .txt beside the recording. */
    private String hotMethods(Path file) {
        if (jfrTool == null) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(jfrTool, "view", "--width", "200", "hot-methods", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            Files.writeString(file.resolveSibling(file.getFileName() + ".txt"), out);
            List<String> top = new ArrayList<>();
            for (String line : out.split("\n")) {
                String l = line.trim();
                if (l.matches(".*\\s\\d+\\.\\d+%$") && top.size() < 3) {
                    String[] parts = l.split("\\s{2,}");
                    top.add(shortName(parts[0]) + " " + parts[parts.length - 1]);
                }
            }
            return String.join(", ", top);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static String shortName(String method) {
        String m = method.replaceAll("\\(.*$", "");
        String[] parts = m.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : m;
    }

    private static String findJfrView() {
        try (var jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path jdk : jdks.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Path jfr = jdk.resolve("bin/jfr");
                if (Files.isExecutable(jfr) && jdk.getFileName().toString().matches(".*-(2[1-9]|[3-9]\\d)[.-].*")) {
                    return jfr.toString();
                }
            }
        } catch (IOException ignored) {
            // no JDK directory: no summaries, the recordings stay
        }
        return null;
    }
}

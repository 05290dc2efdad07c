package org.budgetledger.system.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time each JVM of the stack (and the load driver) spent during a step, from /proc: what one operation costs
 * each process, which a throughput figure on a shared, saturated machine cannot say by itself and which does not
 * move with the machine's other load the way latencies do.
 */
final class CpuAccount {

    static final List<String> COMPONENTS = List.of("ledger-service", "projection-service", "store", "kafka");
    private static final long TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

    /** CPU seconds per process, and the machine's busy and total jiffies, at one instant. */
    record Snapshot(Map<String, Double> seconds, long busy, long total) {}

    private final LocalStack stack;

    CpuAccount(LocalStack stack) {
        this.stack = stack;
    }

    Snapshot snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String component : COMPONENTS) {
            List<String> instances = switch (component) {
                case LocalStack.LEDGER -> stack.ledgers;
                case LocalStack.PROJECTION -> stack.projections;
                default -> List.of(component);
            };
            double sum = 0;
            boolean any = false;
            for (String instance : instances) { // a service is all its instances
                try {
                    long pid = stack.pid(instance);
                    if (pid > 0) {
                        sum += processSeconds(pid);
                        any = true;
                    }
                } catch (IOException | RuntimeException e) {
                    // a component that died is reported by the step itself
                }
            }
            if (any) {
                seconds.put(component, sum);
            }
        }
        seconds.put("driver", processSeconds(ProcessHandle.current().pid()));
        long[] machine = machine();
        return new Snapshot(seconds, machine[0], machine[1]);
    }

    /** "ledger-service 0.21 ms, projection-service 0.05 ms, …; machine 97% busy": CPU per operation since {@code before}. */
    String perOperation(Snapshot before, long operations, String unit) {
        Snapshot after = snapshot();
        StringBuilder out = new StringBuilder();
        double sum = 0;
        for (Map.Entry<String, Double> e : after.seconds().entrySet()) {
            Double was = before.seconds().get(e.getKey());
            if (was == null || operations <= 0) {
                continue;
            }
            double ms = (e.getValue() - was) * 1000 / operations;
            sum += ms;
            out.append(out.isEmpty() ? "" : ", ")
                    .append(e.getKey())
                    .append(' ')
                    .append(String.format("%.3f", ms))
                    .append(" ms");
        }
        long total = after.total() - before.total();
        String busy = total > 0
                ? String.format("; machine %d%% busy", Math.round(100.0 * (after.busy() - before.busy()) / total))
                : "";
        return String.format("%.3f ms of CPU per %s: ", sum, unit) + out + busy;
    }

    private static double processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // fields after the command name (which may hold spaces) start at state; utime and stime are 14th and 15th
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** busy and total jiffies of all CPUs (the first line of /proc/stat). */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}

package org.budgetledger.system.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The faults of a run, at random moments of the load: each is drawn as a point of the sending progress (so it hits
 * while postings flow, whatever the machine's speed) plus a random delay. SIGKILL of a ledger-service and of a
 * projection-service instance (any of them), SIGKILL of the Kafka broker, SIGKILL of the store; each followed by
 * {@code bin/ledger-local start}, which starts what is down and returns when every service is healthy, and which is
 * tried again, as a supervisor would, when it fails. A fault's window runs from the signal until that start returns.
 */
final class Faults implements Runnable {

    enum Kind {
        KILL_LEDGER,
        KILL_PROJECTION,
        KILL_KAFKA,
        KILL_STORE
    }

    /** Starts after a fault, each after a longer pause: a supervisor's patience with a component that will not come up. */
    private static final long[] RESTART_PAUSES_MILLIS = {0, 2_000, 5_000, 10_000};

    record Window(Kind kind, long startMillis, long endMillis, long pid, String note) {
        boolean overlaps(long from, long to, long graceMillis) {
            return from <= endMillis + graceMillis && to >= startMillis;
        }
    }

    record Planned(Kind kind, long atProgress, long delayMillis) {}

    /** What the harness does while the store is stopped (probes what the services answer meanwhile). */
    interface StoreOutage {
        void whileDown(long downMillis) throws Exception;
    }

    private final LocalStack stack;
    private final AtomicLong progress;
    private final BooleanSupplier sendingDone;
    final List<Planned> schedule = new ArrayList<>();
    final List<Window> windows = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    volatile Throwable failure;
    /** Told when injecting or recovering from a fault failed, so that the run stops instead of waiting for the system. */
    volatile Runnable onFailure = () -> {};

    private final Random rnd;
    private final long storeDownMillis;
    private final StoreOutage outage;
    private final long totalItems;

    Faults(
            HarnessConfig config,
            LocalStack stack,
            AtomicLong progress,
            long totalItems,
            BooleanSupplier sendingDone,
            StoreOutage outage) {
        this.stack = stack;
        this.storeDownMillis = config.storeDown().toMillis();
        this.outage = outage;
        this.progress = progress;
        this.sendingDone = sendingDone;
        this.totalItems = totalItems;
        this.rnd = new Random(config.seed() * 31 + 7);
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < config.killsPerService(); i++) {
            kinds.add(Kind.KILL_LEDGER);
            kinds.add(Kind.KILL_PROJECTION);
        }
        if (config.killKafka()) {
            kinds.add(Kind.KILL_KAFKA);
        }
        if (config.killStore()) {
            kinds.add(Kind.KILL_STORE);
        }
        Collections.shuffle(kinds, rnd);
        List<Long> points = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            points.add((long) (totalItems * (0.04 + 0.9 * rnd.nextDouble())));
        }
        Collections.sort(points);
        for (int i = 0; i < kinds.size(); i++) {
            schedule.add(new Planned(kinds.get(i), points.get(i), rnd.nextInt(1_500)));
        }
    }

    /** How far past a fault's planned point sending goes on while the fault is injected and recovered from. */
    private long margin() {
        return Math.max(50, totalItems / 25);
    }

    /**
     * How many items sending may have dispatched: up to a little past the next fault still to be done, so that every
     * fault falls while postings flow, whatever the machine's speed and however long a restart takes.
     */
    long sendingMayReach() {
        int done = windows.size();
        return done >= schedule.size() || failure != null
                ? Long.MAX_VALUE
                : schedule.get(done).atProgress() + margin();
    }

    int count(Kind kind) {
        return (int) windows.stream().filter(w -> w.kind() == kind).count();
    }

    @Override
    public void run() {
        try {
            for (Planned p : schedule) {
                while (progress.get() < p.atProgress() && !sendingDone.getAsBoolean()) {
                    Thread.sleep(50);
                }
                Thread.sleep(p.delayMillis());
                inject(p.kind(), p.atProgress());
            }
        } catch (Throwable e) {
            failure = e;
            System.out.println("[harness] fault injection failed: " + e);
            e.printStackTrace(System.out);
            onFailure.run();
        }
    }

    private void inject(Kind kind, long at) throws Exception {
        String component = switch (kind) {
            case KILL_LEDGER -> stack.ledgers.get(rnd.nextInt(stack.ledgers.size()));
            case KILL_PROJECTION -> stack.projections.get(rnd.nextInt(stack.projections.size()));
            case KILL_KAFKA -> LocalStack.KAFKA;
            case KILL_STORE -> LocalStack.STORE;
        };
        long start = System.currentTimeMillis();
        long sent = progress.get();
        long pid = stack.kill(component);
        long signalled = System.currentTimeMillis();
        if (kind == Kind.KILL_STORE && storeDownMillis > 0) {
            outage.whileDown(storeDownMillis);
        } else {
            Thread.sleep(rnd.nextInt(2_000)); // a supervisor takes a moment to notice
        }
        int starts = restart();
        long end = System.currentTimeMillis();
        windows.add(new Window(kind, start, end, pid, ""));
        String line = String.format(
                "%s SIGKILL %s (pid %d) at %d postings sent (planned %d): gone in %.1f s, healthy again after %.1f s%s",
                java.time.Instant.ofEpochMilli(start),
                component,
                pid,
                sent,
                at,
                (signalled - start) / 1000.0,
                (end - start) / 1000.0,
                starts > 1 ? " (" + starts + " starts)" : "");
        log.add(line);
        System.out.println("[harness] " + line);
    }

    /** bin/ledger-local start, again after a pause when it fails; the reasons of every failure if none succeeds. */
    private int restart() throws Exception {
        StringBuilder reasons = new StringBuilder();
        for (int attempt = 0; attempt < RESTART_PAUSES_MILLIS.length; attempt++) {
            Thread.sleep(RESTART_PAUSES_MILLIS[attempt]);
            try {
                stack.start();
                return attempt + 1;
            } catch (IllegalStateException e) {
                reasons.append("\n--- start ").append(attempt + 1).append(": ").append(e.getMessage());
                System.out.println(
                        "[harness] bin/ledger-local start failed (attempt " + (attempt + 1) + "), trying again");
            }
        }
        throw new IllegalStateException(
                "bin/ledger-local start failed " + RESTART_PAUSES_MILLIS.length + " times:" + reasons);
    }
}

package org.budgetledger.system.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes a test starts, taken below the kernel's ephemeral range (32768–60999 here). A port the
 * kernel hands out for {@code bind(0)} is one it may hand out again at once as the local end of any outgoing
 * connection: a stack stopped and started on the same ports lost one that way ("Port … already in use").
 */
public final class Ports {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final int ATTEMPTS = 1_000;

    private Ports() {}

    /** A port that is free now, between {@value #LOW} and {@value #HIGH}. */
    public static int free() throws IOException {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IOException("no free port between " + LOW + " and " + HIGH + " in " + ATTEMPTS + " attempts");
    }
}

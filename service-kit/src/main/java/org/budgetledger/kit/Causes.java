package org.budgetledger.kit;

/** Whether a failure was caused by a kind of exception, however deeply the frameworks wrapped it. */
public final class Causes {

    private static final int MAX_DEPTH = 16;

    private Causes() {}

    @SafeVarargs
    public static boolean any(Throwable failure, Class<? extends Throwable>... types) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}

package org.budgetledger.kit;

/**
 * A value taken from a request or a record, made safe to put in a log line: CR, LF and the other control characters
 * are written as escapes, so that a sender cannot end our line and forge the next one (a fake "parked" or "DIVERGENCE"
 * line, say). Bounded too: a log line is not where a 1 MB posting belongs.
 */
public final class LogSafe {

    static final int MAX = 2_000;

    private LogSafe() {}

    public static String of(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
        for (int i = 0; i < text.length() && i < MAX; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX) {
            out.append("… (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}

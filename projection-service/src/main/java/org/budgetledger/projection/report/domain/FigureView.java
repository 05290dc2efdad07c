package org.budgetledger.projection.report.domain;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/** The report's reading of the figures ({@link Cells}): printed cells and the codes that print. */
final class FigureView {

    private final Cells cells;

    FigureView(Cells cells) {
        this.cells = cells;
    }

    long fen(String key) {
        return cells.fen(key);
    }

    /** The printed cell, or {@code zero} when it prints as 0.00. */
    String printed(String key, String zero) {
        return cells.printsAsZero(key) ? zero : Amounts.printed(fen(key));
    }

    boolean printsNonZero(String key) {
        return !cells.printsAsZero(key);
    }

    /**
     * The codes {@code c} (digits of the given lengths) for which {@code prefix + c + suffix} is a key of a cell that
     * prints as non-zero, sorted.
     */
    Set<String> codes(String prefix, String suffix, Set<Integer> lengths) {
        Pattern digits = Pattern.compile("\\d+");
        Set<String> codes = new TreeSet<>();
        for (String key : cells.keys()) {
            if (key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()) {
                String code = key.substring(prefix.length(), key.length() - suffix.length());
                if (lengths.contains(code.length()) && digits.matcher(code).matches() && !cells.printsAsZero(key)) {
                    codes.add(code);
                }
            }
        }
        return codes;
    }

    /** Whether any key with this prefix has a non-zero exact value. */
    boolean anyNonZero(String prefix) {
        return cells.anyNonZero(prefix);
    }
}

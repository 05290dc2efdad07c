package org.budgetledger.projection.report.domain;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/** The report's reading of the figures ({@link Cells}): printed cells and the codes that print. */
final class FigureView {

    private final Map<String, Long> figures;
    private final Cells cells;

    FigureView(Map<String, Long> figures) {
        this.figures = figures;
        this.cells = new Cells(figures);
    }

    long fen(String key) {
        return cells.fen(key);
    }

    /** The printed cell, or {@code zero} when it prints as 0.00. */
    String printed(String key, String zero) {
        long fen = fen(key);
        return Amounts.printsZero(fen) ? zero : Amounts.printed(fen);
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
        figures.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()) {
                String code = key.substring(prefix.length(), key.length() - suffix.length());
                if (lengths.contains(code.length()) && digits.matcher(code).matches() && !Amounts.printsZero(value)) {
                    codes.add(code);
                }
            }
        });
        return codes;
    }

    /** Whether any key with this prefix has a non-zero exact value. */
    boolean anyNonZero(String prefix) {
        return cells.anyNonZero(prefix);
    }
}

package org.budgetledger.projection.checks.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.budgetledger.projection.finalaccounts.domain.Cells;

/** The checks' reading of the figures ({@link Cells}) by key, table and row, and as terms of a comparison. */
final class Figures {

    static final Pattern CLASS = Pattern.compile("\\d{3}");
    static final Pattern DIGITS = Pattern.compile("\\d+");

    /** "total" first, then codes (lexicographic order puts each 类 before its 款 and 项), then named rows. */
    static final Comparator<String> ROW_ORDER = Comparator.comparingInt(
                    (String r) -> r.equals("total") ? 0 : DIGITS.matcher(r).matches() ? 1 : 2)
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, Long> cells;
    private final Cells view;

    Figures(Map<String, Long> cells) {
        this.cells = cells;
        this.view = new Cells(cells);
    }

    Map<String, Long> cells() {
        return cells;
    }

    long get(String key) {
        return view.fen(key);
    }

    Term t(String key) {
        return Term.of(key, get(key));
    }

    Term neg(String key) {
        return Term.minus(key, get(key));
    }

    List<Term> terms(String... keys) {
        return Arrays.stream(keys).map(this::t).toList();
    }

    boolean nonZero(String key) {
        return get(key) != 0;
    }

    /** Rows present in a table, whatever their value, in {@link #ROW_ORDER}. */
    List<String> rows(String table) {
        TreeSet<String> rows = new TreeSet<>(ROW_ORDER);
        String prefix = table + "/";
        for (String key : cells.keySet()) {
            if (key.startsWith(prefix)) {
                String[] parts = key.split("/", -1);
                if (parts.length == 3) {
                    rows.add(parts[1]);
                }
            }
        }
        return new ArrayList<>(rows);
    }

    /** Code rows of a table (digits only), in code order. */
    List<String> codeRows(String table) {
        return rows(table).stream().filter(r -> DIGITS.matcher(r).matches()).toList();
    }

    /** The 类 of 01 (or 04) expense rows: {@code expenditure.{3 digits}}. */
    List<String> expenseClasses(String table) {
        return rows(table).stream()
                .filter(r -> r.startsWith("expenditure."))
                .map(r -> r.substring("expenditure.".length()))
                .filter(c -> CLASS.matcher(c).matches())
                .toList();
    }

    /** Whether any cell of the table is non-zero. */
    boolean anyNonZero(String table) {
        return view.anyNonZero(table + "/");
    }

    List<String> nonZeroKeys(java.util.function.Predicate<String> which) {
        return cells.entrySet().stream()
                .filter(e -> e.getValue() != 0 && which.test(e.getKey()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    static String key(String table, String row, String column) {
        return table + "/" + row + "/" + column;
    }

    static boolean allZero(List<Term> left, List<Term> right) {
        return left.stream().allMatch(t -> t.fen() == 0) && right.stream().allMatch(t -> t.fen() == 0);
    }
}

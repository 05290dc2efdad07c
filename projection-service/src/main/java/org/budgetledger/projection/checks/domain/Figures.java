package org.budgetledger.projection.checks.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
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

    private final Cells cells;

    Figures(Cells cells) {
        this.cells = cells;
    }

    long get(String key) {
        return cells.fen(key);
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

    /** Whether the cell prints as 0.00 万元 ({@link Cells#printsAsZero}). */
    boolean printsAsZero(String key) {
        return cells.printsAsZero(key);
    }

    /** Rows present in a table, whatever their value, in {@link #ROW_ORDER}. */
    List<String> rows(String table) {
        TreeSet<String> rows = new TreeSet<>(ROW_ORDER);
        String prefix = table + "/";
        for (String key : cells.keys()) {
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
        return cells.anyNonZero(table + "/");
    }

    /** The non-zero keys {@code which} accepts, sorted ({@link Cells#nonZeroKeys}). */
    List<String> nonZeroKeys(Predicate<String> which) {
        return cells.nonZeroKeys(which);
    }

    static String key(String table, String row, String column) {
        return table + "/" + row + "/" + column;
    }

    static boolean allZero(List<Term> left, List<Term> right) {
        return left.stream().allMatch(t -> t.fen() == 0) && right.stream().allMatch(t -> t.fen() == 0);
    }
}

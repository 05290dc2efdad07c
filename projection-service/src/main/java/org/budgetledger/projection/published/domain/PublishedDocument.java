package org.budgetledger.projection.published.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.report.domain.TableSpec;
import org.budgetledger.projection.report.domain.Template;

/**
 * The figures of a published disclosure, read from what a unit has of it: the workbook of tables in the official
 * layout (what the 决算 software and our own report.xlsx export), one table's CSV, or the cells as JSON.
 */
public final class PublishedDocument {

    /** What was read: fen by cell key (zeros left out) and the tables it covers, or the problems. */
    public record Reading(Map<String, Long> cells, List<String> tables, List<Problem> problems) {
        public Reading {
            cells = Map.copyOf(cells);
            tables = List.copyOf(tables);
            problems = List.copyOf(problems);
        }

        public boolean readable() {
            return problems.isEmpty();
        }
    }

    private static final Pattern WAN = Pattern.compile("-?\\d{1,13}(\\.\\d{1,2})?");
    /** Figures of the text that no table prints: 机关运行经费, 一般性支出, 政府采购. */
    private static final Pattern TEXT_KEY = Pattern.compile("(ops|general|procurement)/[a-z_]+/amount");

    private static final Pattern TABLE_KEY = Pattern.compile("(\\d{2})/[A-Za-z0-9_.]+/[a-z_]+");
    public static final int MAX_CELLS = 20_000;

    private PublishedDocument() {}

    /** Every table of the year's template, each found by its title on any sheet. */
    public static Reading workbook(
            List<SheetText> sheets, Template template, Function<String, Optional<String>> classCodeByName) {
        Map<String, Long> cells = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (TableSpec spec : template.tables()) {
            Optional<TableReading.Result> read = Optional.empty();
            for (SheetText sheet : sheets) {
                Optional<Integer> title = TableReading.titleRow(spec, sheet);
                if (title.isPresent()) {
                    read = Optional.of(TableReading.read(spec, sheet, title.get(), classCodeByName));
                    break;
                }
            }
            if (read.isEmpty()) {
                problems.add(new Problem(
                        spec.number() + " " + spec.title(),
                        null,
                        null,
                        "the table is missing: no sheet has its title " + spec.title()));
                continue;
            }
            tables.add(spec.id());
            cells.putAll(read.get().cells());
            problems.addAll(read.get().problems());
        }
        return new Reading(cells, tables, problems);
    }

    /** One table (a CSV of it), recognised by its title. */
    public static Reading table(
            SheetText sheet, Template template, Function<String, Optional<String>> classCodeByName) {
        for (TableSpec spec : template.tables()) {
            Optional<Integer> title = TableReading.titleRow(spec, sheet);
            if (title.isPresent()) {
                TableReading.Result read = TableReading.read(spec, sheet, title.get(), classCodeByName);
                return new Reading(read.cells(), List.of(spec.id()), read.problems());
            }
        }
        return new Reading(
                Map.of(),
                List.of(),
                List.of(new Problem(
                        sheet.name(),
                        null,
                        null,
                        "no table of the " + template.id() + " template was found: its title (e.g. "
                                + template.tables().get(0).title() + ") must head the file")));
    }

    /**
     * The cells as GET …/cells answers them: key → 万元 with at most 2 decimals (a string or a number). Keys of the
     * template's tables, and the figures only the text prints (ops/…, general/…, procurement/…).
     */
    public static Reading cells(Map<String, String> wan, Template template) {
        Set<String> tableIds = new TreeSet<>();
        template.tables().forEach(t -> tableIds.add(t.id()));
        Map<String, Long> cells = new TreeMap<>();
        Set<String> tables = new TreeSet<>();
        List<Problem> problems = new ArrayList<>();
        if (wan.size() > MAX_CELLS) {
            return new Reading(
                    Map.of(),
                    List.of(),
                    List.of(new Problem("cells", null, null, "more than " + MAX_CELLS + " cells")));
        }
        wan.forEach((key, value) -> {
            var table = TABLE_KEY.matcher(key);
            boolean known = TEXT_KEY.matcher(key).matches() || (table.matches() && tableIds.contains(table.group(1)));
            String text = value == null ? "" : value.strip();
            if (!known) {
                problems.add(new Problem(
                        "cells", key, null, "'" + key + "' is not a cell of the " + template.id() + " template"));
            } else if (!WAN.matcher(text).matches()) {
                problems.add(new Problem(
                        "cells", key, null, "'" + text + "' is not an amount in 万元 with at most 2 decimals"));
            } else {
                long fen = Money.ofWanYuan(new BigDecimal(text)).fen();
                if (fen != 0) {
                    cells.put(key, fen);
                }
                tables.add(table.matches() ? table.group(1) : key.substring(0, key.indexOf('/')));
            }
        });
        return new Reading(cells, List.copyOf(tables), problems);
    }
}

package org.budgetledger.projection.report.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.budgetledger.projection.finalaccounts.domain.CellKeys;
import org.budgetledger.projection.report.domain.TableSpec.Block;
import org.budgetledger.projection.report.domain.TableSpec.Classes;
import org.budgetledger.projection.report.domain.TableSpec.Coded;
import org.budgetledger.projection.report.domain.TableSpec.Fixed;
import org.budgetledger.projection.report.domain.TableSpec.Line;

/** Prints the tables of a template from exact figures (docs/CELLS.md, docs/DOMAIN.md#rendering). */
final class TableBuilder {

    private final FigureView figures;
    private final Function<String, Optional<String>> functionalNames;
    private final Function<String, Optional<String>> economicNames;
    private final String unitName;
    private final Wording wording;

    TableBuilder(
            FigureView figures,
            Function<String, Optional<String>> functionalNames,
            Function<String, Optional<String>> economicNames,
            String unitName,
            Wording wording) {
        this.figures = figures;
        this.functionalNames = functionalNames;
        this.economicNames = economicNames;
        this.unitName = unitName;
        this.wording = wording;
    }

    ReportTable build(TableSpec spec) {
        Optional<String> statement = Optional.empty();
        List<List<Cell>> body;
        if (spec instanceof TableSpec.Summary s) {
            body = summary(s);
        } else if (spec instanceof TableSpec.Functional f) {
            if (f.emptyStatement().isPresent() && !figures.anyNonZero(f.id() + "/")) {
                statement = Optional.of(Wording.fillPattern(f.emptyStatement().get(), "单位", unitName));
            }
            body = functional(f);
        } else if (spec instanceof TableSpec.Economic e) {
            body = economic(e);
        } else {
            body = sangong((TableSpec.Sangong) spec);
        }
        return new ReportTable(
                spec.id(),
                spec.number(),
                spec.title(),
                wording.fill("table.department", "单位", unitName),
                wording.get("table.unit"),
                spec.columns(),
                spec.header(),
                body,
                spec.note(),
                statement);
    }

    // ---------------------------------------------------------------- 01 / 04

    /** One printed side of a summary line: label and amounts (blank cells on a blank line). */
    private record Side(String label, List<Cell> amounts) {}

    private List<List<Cell>> summary(TableSpec.Summary spec) {
        List<Side> left = new ArrayList<>();
        List<Side> right = new ArrayList<>();
        for (Block block : spec.blocks()) {
            List<Side> l = sides(block.left(), spec.leftAmounts());
            List<Side> r = sides(block.right(), spec.rightAmounts());
            int rows = Math.max(block.minRows(), Math.max(l.size(), r.size()));
            pad(l, rows, spec.leftAmounts());
            pad(r, rows, spec.rightAmounts());
            left.addAll(l);
            right.addAll(r);
        }
        List<List<Cell>> body = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            List<Cell> row = new ArrayList<>();
            addSide(row, left.get(i), spec.lineNumbers() ? String.valueOf(i + 1) : "");
            addSide(row, right.get(i), spec.lineNumbers() ? String.valueOf(left.size() + i + 1) : "");
            body.add(row);
        }
        return body;
    }

    private static void addSide(List<Cell> row, Side side, String lineNumber) {
        row.add(Cell.text(side.label()));
        row.add(Cell.text(lineNumber));
        row.addAll(side.amounts());
    }

    private static void pad(List<Side> sides, int rows, int amounts) {
        while (sides.size() < rows) {
            sides.add(blank(amounts));
        }
    }

    private static Side blank(int amounts) {
        return new Side("", java.util.Collections.nCopies(amounts, Cell.amount("")));
    }

    private List<Side> sides(List<Line> lines, int amounts) {
        List<Side> out = new ArrayList<>();
        for (Line line : lines) {
            if (line instanceof Fixed f) {
                out.add(
                        f.keys().isEmpty()
                                ? new Side(f.label(), blank(amounts).amounts())
                                : new Side(
                                        f.label(),
                                        f.keys().stream()
                                                .map(k -> figure(k, ""))
                                                .toList()));
            } else {
                out.addAll(classes((Classes) line, amounts));
            }
        }
        return out;
    }

    private List<Side> classes(Classes spec, int amounts) {
        Map<String, String> fallback = new LinkedHashMap<>();
        spec.fixed().forEach(c -> fallback.put(c.code(), c.name()));
        Set<String> extra = new TreeSet<>();
        for (String pattern : spec.keyPatterns()) {
            int at = pattern.indexOf("{code}");
            extra.addAll(figures.codes(pattern.substring(0, at), pattern.substring(at + 6), Set.of(3)));
        }
        List<String> codes = new ArrayList<>(fallback.keySet());
        extra.stream().filter(c -> !fallback.containsKey(c)).forEach(codes::add);
        List<Side> out = new ArrayList<>();
        int n = 0;
        for (String code : codes) {
            n++;
            String name = functionalNames.apply(code).orElse(fallback.getOrDefault(code, ""));
            out.add(new Side(
                    Numerals.of(n) + "、" + name,
                    spec.keyPatterns().stream()
                            .map(p -> figure(p.replace("{code}", code), ""))
                            .toList()));
        }
        out.add(new Side(
                Numerals.of(n + 1) + "、" + spec.ellipsis(), blank(amounts).amounts()));
        return out;
    }

    // ---------------------------------------------------------------- 02 / 03 / 05 / 08 / 09

    /** The functional codes (类, 款, 项) of a table with a non-zero printed figure, nested order. */
    Set<String> functionalCodes(String table, List<String> columns) {
        Set<String> codes = new TreeSet<>();
        for (String column : columns) {
            codes.addAll(figures.codes(table + "/", "/" + column, Set.of(3, 5, 7)));
        }
        return codes;
    }

    private List<List<Cell>> functional(TableSpec.Functional spec) {
        List<List<Cell>> body = new ArrayList<>();
        List<Cell> total = new ArrayList<>(List.of(Cell.span(spec.totalLabel(), 2, 1)));
        spec.amountColumns().forEach(c -> total.add(figure(CellKeys.total(spec.id(), c), spec.totalZero())));
        body.add(total);
        for (String code : functionalCodes(spec.id(), spec.amountColumns())) {
            List<Cell> row = new ArrayList<>(List.of(Cell.text(code), Cell.text(functionalName(code))));
            spec.amountColumns().forEach(c -> row.add(figure(spec.id() + "/" + code + "/" + c, "")));
            body.add(row);
        }
        return body;
    }

    String functionalName(String code) {
        return functionalNames.apply(code).orElse("");
    }

    // ---------------------------------------------------------------- 06

    /** The 06 rows per column group in table order (codes), as printed. */
    List<List<Coded>> economicGroups(TableSpec.Economic spec) {
        Map<String, Integer> groupOfClass = new TreeMap<>();
        Map<String, String> templateNames = new TreeMap<>();
        Map<String, Set<String>> itemsOfClass = new TreeMap<>();
        for (int g = 0; g < spec.groups().size(); g++) {
            for (Coded c : spec.groups().get(g)) {
                templateNames.put(c.code(), c.name());
                String cls = c.code().substring(0, 3);
                groupOfClass.putIfAbsent(cls, g);
                itemsOfClass.computeIfAbsent(cls, k -> new TreeSet<>());
                if (c.code().length() == 5) {
                    itemsOfClass.get(cls).add(c.code());
                }
            }
        }
        for (String code : figures.codes(CellKeys.T06 + "/", "/" + CellKeys.AMOUNT, Set.of(3, 5))) {
            String cls = code.substring(0, 3);
            groupOfClass.putIfAbsent(cls, spec.otherGroup());
            itemsOfClass.computeIfAbsent(cls, k -> new TreeSet<>());
            if (code.length() == 5) {
                itemsOfClass.get(cls).add(code);
            }
        }
        List<List<Coded>> groups = new ArrayList<>();
        for (int g = 0; g < spec.groups().size(); g++) {
            List<Coded> rows = new ArrayList<>();
            for (Map.Entry<String, Integer> e : groupOfClass.entrySet()) {
                if (e.getValue() == g) {
                    String cls = e.getKey();
                    rows.add(new Coded(cls, economicName(cls, templateNames)));
                    itemsOfClass.get(cls).forEach(i -> rows.add(new Coded(i, economicName(i, templateNames))));
                }
            }
            groups.add(rows);
        }
        return groups;
    }

    private String economicName(String code, Map<String, String> templateNames) {
        return economicNames.apply(code).orElse(templateNames.getOrDefault(code, ""));
    }

    private List<List<Cell>> economic(TableSpec.Economic spec) {
        List<List<Coded>> groups = economicGroups(spec);
        int height = groups.stream().mapToInt(List::size).max().orElse(0);
        List<List<Cell>> body = new ArrayList<>();
        for (int i = 0; i < height; i++) {
            List<Cell> row = new ArrayList<>();
            for (List<Coded> group : groups) {
                if (i < group.size()) {
                    Coded c = group.get(i);
                    row.add(Cell.text(c.code()));
                    row.add(Cell.text(c.name()));
                    row.add(figure(CellKeys.amount(CellKeys.T06, c.code()), ""));
                } else {
                    row.addAll(List.of(Cell.text(""), Cell.text(""), Cell.amount("")));
                }
            }
            body.add(row);
        }
        body.add(List.of(
                Cell.span(spec.personnelLabel(), 2, 1),
                figure(CellKeys.PERSONNEL_TOTAL_KEY, ""),
                Cell.span(spec.publicLabel(), spec.columns() - 4, 1),
                figure(CellKeys.PUBLIC_TOTAL_KEY, "")));
        return body;
    }

    // ---------------------------------------------------------------- 07

    boolean sangongBudgetExists(List<String> items) {
        return figures.fen(Facts.sangongBudgetKey("total", Facts.POSTINGS)) > 0
                || items.stream().anyMatch(i -> figures.fen(CellKeys.sangongBudget(i)) != 0);
    }

    private List<List<Cell>> sangong(TableSpec.Sangong spec) {
        List<Cell> row = new ArrayList<>();
        if (sangongBudgetExists(spec.items())) {
            spec.items().forEach(i -> row.add(figure(CellKeys.sangongBudget(i), spec.zero())));
        } else {
            row.add(new Cell(spec.noBudget(), spec.items().size(), 1, false));
        }
        spec.items().forEach(i -> row.add(figure(CellKeys.sangongActual(i), spec.zero())));
        return List.of(row);
    }

    /** The printed figure of a cell, naming its key. */
    private Cell figure(String key, String zero) {
        return Cell.figure(figures.printed(key, zero), key);
    }
}

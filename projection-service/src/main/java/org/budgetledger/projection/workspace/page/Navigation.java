package org.budgetledger.projection.workspace.page;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.budgetledger.kit.scope.UnitScopes;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.projection.store.UnitDirectory;
import org.springframework.stereotype.Component;

/**
 * The side of every page: the years the projection holds ledgers for, and the year's departments with their units as
 * a tree (UnitDirectory), each a link to its disclosure; the page's asOf and scope go along.
 */
@Component
public class Navigation {

    private static final int MAX_DEPTH = 16;

    private final Stores stores;
    private final UnitScopes scopes;

    public Navigation(Stores stores, UnitScopes scopes) {
        this.stores = stores;
        this.scopes = scopes;
    }

    /** The years held with a unit in the caller's scope, latest first. */
    public List<Integer> years() {
        return stores.active().units().all().values().stream()
                .filter(u -> scopes.coversCurrent(u.unitCode(), u.fiscalYear()))
                .map(UnitDirectory.Unit::fiscalYear)
                .collect(Collectors.toCollection(TreeSet::new))
                .descendingSet()
                .stream()
                .toList();
    }

    /**
     * The units of a year whose parent has no ledger that year: the departments (决算部门); for a caller scoped to a
     * unit, the top of its scope.
     */
    public List<UnitDirectory.Unit> departments(int year) {
        List<UnitDirectory.Unit> units = unitsOf(year);
        Set<String> codes = units.stream().map(UnitDirectory.Unit::unitCode).collect(Collectors.toSet());
        return units.stream()
                .filter(u -> u.parentUnitCode() == null || !codes.contains(u.parentUnitCode()))
                .toList();
    }

    /** Every unit of a year in the caller's scope, by code. */
    public List<UnitDirectory.Unit> units(int year) {
        return unitsOf(year);
    }

    private List<UnitDirectory.Unit> unitsOf(int year) {
        return stores.active().units().all().values().stream()
                .filter(u -> u.fiscalYear() == year && scopes.coversCurrent(u.unitCode(), year))
                .sorted(Comparator.comparing(UnitDirectory.Unit::unitCode))
                .toList();
    }

    /** The side as HTML, the current unit and year marked; year null: the latest. */
    String html(PageRequest page, String unit, Integer year) {
        List<Integer> years = years();
        int shown = year != null ? year : years.isEmpty() ? 0 : years.get(0);
        StringBuilder h = new StringBuilder(4096);
        h.append("<nav class=\"sidebar\" aria-label=\"年度与单位\">\n<h2>年度</h2>\n<ul class=\"years\">\n");
        for (int y : years) {
            boolean held = unit != null && stores.active().units().unit(unit, y).isPresent();
            String target = held ? "/workspace/" + segment(unit) + "/" + y : "/workspace/dashboard/" + y;
            h.append("<li><a href=\"")
                    .append(esc(page.link(target)))
                    .append('"')
                    .append(y == shown ? " aria-current=\"true\"" : "")
                    .append('>')
                    .append(y)
                    .append("年</a></li>\n");
        }
        h.append("</ul>\n");
        if (shown != 0) {
            h.append("<p class=\"dashboard-link\"><a href=\"")
                    .append(esc(page.link("/workspace/dashboard/" + shown)))
                    .append("\">")
                    .append(shown)
                    .append("年度汇总看板</a></p>\n<h2>")
                    .append(shown)
                    .append("年度部门与单位</h2>\n");
            tree(h, page, unit, shown);
        }
        return h.append("</nav>\n").toString();
    }

    private void tree(StringBuilder h, PageRequest page, String current, int year) {
        List<UnitDirectory.Unit> units = unitsOf(year);
        Map<String, List<UnitDirectory.Unit>> children = new HashMap<>();
        units.forEach(u -> {
            if (u.parentUnitCode() != null) {
                children.computeIfAbsent(u.parentUnitCode(), k -> new ArrayList<>())
                        .add(u);
            }
        });
        List<UnitDirectory.Unit> roots = departments(year);
        if (roots.isEmpty()) {
            h.append("<p>本年度尚无单位。</p>\n");
            return;
        }
        h.append("<ul class=\"tree\">\n");
        roots.forEach(r -> node(h, page, current, r, children, 0));
        h.append("</ul>\n");
    }

    private static void node(
            StringBuilder h,
            PageRequest page,
            String current,
            UnitDirectory.Unit unit,
            Map<String, List<UnitDirectory.Unit>> children,
            int depth) {
        h.append("<li><a href=\"")
                .append(esc(page.link("/workspace/" + segment(unit.unitCode()) + "/" + unit.fiscalYear())))
                .append('"')
                .append(unit.unitCode().equals(current) ? " aria-current=\"page\"" : "")
                .append(" data-unit=\"")
                .append(esc(unit.unitCode()))
                .append("\">")
                .append(esc(unit.name() == null ? unit.unitCode() : unit.name()))
                .append(" <span class=\"code\">")
                .append(esc(unit.unitCode()))
                .append("</span></a>");
        List<UnitDirectory.Unit> below = children.getOrDefault(unit.unitCode(), List.of());
        if (!below.isEmpty() && depth < MAX_DEPTH) {
            h.append("\n<ul>\n");
            below.forEach(c -> node(h, page, current, c, children, depth + 1));
            h.append("</ul>\n");
        }
        h.append("</li>\n");
    }
}

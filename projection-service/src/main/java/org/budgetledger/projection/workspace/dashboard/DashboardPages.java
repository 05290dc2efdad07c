package org.budgetledger.projection.workspace.dashboard;

import static org.budgetledger.projection.workspace.page.Html.esc;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.budgetledger.projection.dashboard.Dashboards;
import org.budgetledger.projection.dashboard.Headline;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.report.render.CsvRenderer;
import org.budgetledger.projection.store.UnitDirectory;
import org.budgetledger.projection.web.BadParameter;
import org.budgetledger.projection.workspace.page.Html;
import org.budgetledger.projection.workspace.page.Layout;
import org.budgetledger.projection.workspace.page.Navigation;
import org.budgetledger.projection.workspace.page.PageRequest;
import org.budgetledger.projection.workspace.page.Viewer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The finance bureau's overview of a year (Dashboards, as the API answers it): the departments (consolidated), or with
 * scope=self every unit alone, side by side in charts (ECharts, served from the application) and in a table that sorts,
 * with the spending by month per unit, and a CSV of the table as shown.
 */
@Controller
@Hidden
public class DashboardPages {

    /** A column of the table, the CSV and the charts: its key (for sorting), its heading and its figure (万元). */
    record Column(String key, String label, Function<Headline, String> value) {}

    static final List<Column> COLUMNS = List.of(
            new Column("income", "本年收入合计", Headline::income),
            new Column("expenditure", "本年支出合计", Headline::expenditure),
            new Column("basic", "基本支出", Headline::basic),
            new Column("project", "项目支出", Headline::project),
            new Column("sangongBudget", "“三公”经费预算", h -> sangong(h, "budget")),
            new Column("sangong", "“三公”经费决算", h -> sangong(h, "actual")),
            new Column("operatingCosts", "机关运行经费", Headline::operatingCosts),
            new Column("closingBalance", "年末结转和结余", Headline::closingBalance));

    /** How many units the monthly chart draws at most (the largest spenders): more lines would be unreadable. */
    static final int MONTHLY_SERIES = 12;

    private final Dashboards dashboards;
    private final Navigation navigation;
    private final FinalAccounts accounts;
    private final Layout layout;
    private final DashboardCharts charts;

    public DashboardPages(
            Dashboards dashboards,
            Navigation navigation,
            FinalAccounts accounts,
            Layout layout,
            DashboardCharts charts) {
        this.dashboards = dashboards;
        this.navigation = navigation;
        this.accounts = accounts;
        this.layout = layout;
        this.charts = charts;
    }

    @GetMapping("/workspace/dashboard/{year:\\d+}")
    ResponseEntity<String> dashboard(
            @PathVariable int year,
            @RequestParam(defaultValue = "expenditure") String sort,
            @RequestParam(defaultValue = "desc") String order,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        List<Headline> rows = rows(year, page, sort, order);
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<h1>")
                .append(year)
                .append("年度汇总看板 <span class=\"unit\">")
                .append(page.self() ? "（各单位，仅本单位数）" : "（各部门，合并数）")
                .append("</span></h1>\n<p class=\"meta\">金额单位：万元 · ")
                .append(rows.size())
                .append(page.self() ? " 个单位" : " 个部门")
                .append(" · <a href=\"")
                .append(esc(PageRequest.link("/workspace/dashboard/" + year, page.asOf(), !page.self())))
                .append("\">")
                .append(page.self() ? "按部门合并查看" : "按单位分别查看")
                .append("</a></p>\n");
        charts.html(h, rows, monthly(rows, year, page));
        table(h, rows, page, year, sort, order);
        return layout.answer(
                HttpStatus.OK,
                page,
                Viewer.of(request).orElseThrow(),
                new Layout.Page(
                        year + "年度汇总看板",
                        null,
                        year,
                        h.toString(),
                        new Layout.Live(page.link("/workspace/dashboard/" + year + "/position"), position(year)),
                        true));
    }

    /** The table as shown (same rows, same order) as CSV: UTF-8 with BOM, figures in 万元. */
    @GetMapping("/workspace/dashboard/{year:\\d+}/units.csv")
    ResponseEntity<byte[]> csv(
            @PathVariable int year,
            @RequestParam(defaultValue = "expenditure") String sort,
            @RequestParam(defaultValue = "desc") String order,
            HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        StringBuilder csv = new StringBuilder(CsvRenderer.BOM);
        csv.append("单位代码,单位名称");
        COLUMNS.forEach(c -> csv.append(',').append(CsvRenderer.field(c.label() + "（万元）")));
        csv.append(",支出较上年增长（%）\r\n");
        for (Headline row : rows(year, page, sort, order)) {
            csv.append(CsvRenderer.field(row.unitCode())).append(',').append(CsvRenderer.field(row.name()));
            COLUMNS.forEach(
                    c -> csv.append(',').append(CsvRenderer.field(c.value().apply(row))));
            csv.append(',').append(CsvRenderer.field(growth(row))).append("\r\n");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("dashboard-" + year + ".csv", StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** How many events the year's figures include, over every unit: an open dashboard asks, and reloads on growth. */
    @GetMapping(path = "/workspace/dashboard/{year:\\d+}/position", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> positionOf(@PathVariable int year) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("position", position(year));
        return body;
    }

    private long position(int year) {
        long sum = 0;
        for (UnitDirectory.Unit d : navigation.departments(year)) {
            sum += accounts.positions(d.unitCode(), year, FinalAccounts.Scope.DEPARTMENT)
                    .map(p -> p.byLedger().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .orElse(0L);
        }
        return sum;
    }

    private List<Headline> rows(int year, PageRequest page, String sort, String order) {
        Column column = COLUMNS.stream()
                .filter(c -> c.key().equals(sort))
                .findFirst()
                .orElseThrow(() -> new BadParameter("sort", "不能按此排序：" + sort));
        List<Headline> rows = page.self()
                ? dashboards.headlines(year, null, null, FinalAccounts.Scope.SELF, "expenditure", true, page.asOf())
                : navigation.departments(year).stream()
                        .map(d -> dashboards.headline(d.unitCode(), year, FinalAccounts.Scope.DEPARTMENT, page.asOf()))
                        .flatMap(java.util.Optional::stream)
                        .toList();
        Comparator<Headline> by =
                Comparator.comparing(r -> new BigDecimal(column.value().apply(r)));
        by = "asc".equalsIgnoreCase(order) ? by : by.reversed();
        return rows.stream().sorted(by.thenComparing(Headline::unitCode)).toList();
    }

    private List<DashboardCharts.Monthly> monthly(List<Headline> rows, int year, PageRequest page) {
        String figure = org.budgetledger.projection.finalaccounts.domain.CellKeys.MONTH_FIGURES.get(0);
        return rows.stream()
                .sorted(Comparator.comparing((Headline r) -> new BigDecimal(r.expenditure()))
                        .reversed())
                .limit(MONTHLY_SERIES)
                .map(r -> new DashboardCharts.Monthly(
                        r.name(),
                        dashboards.monthly(r.unitCode(), year, page.scope(), page.asOf()).orElse(List.of()).stream()
                                .map(m -> m.get(figure))
                                .toList()))
                .toList();
    }

    private void table(StringBuilder h, List<Headline> rows, PageRequest page, int year, String sort, String order) {
        String base = "/workspace/dashboard/" + year;
        String csv = page.link(base + "/units.csv");
        h.append("<section class=\"units\" aria-labelledby=\"units-heading\">\n<h2 id=\"units-heading\">各")
                .append(page.self() ? "单位" : "部门")
                .append("主要数字</h2>\n<p><a class=\"export\" data-export href=\"")
                .append(esc(csv + (csv.contains("?") ? "&" : "?") + "sort=" + sort + "&order=" + order))
                .append("\" download=\"download\">导出当前表格（CSV）</a></p>\n")
                .append("<table class=\"sortable\" data-sortable>\n<caption>金额单位：万元；点击列名排序</caption>\n")
                .append("<thead><tr><th scope=\"col\">单位</th>");
        for (Column c : COLUMNS) {
            boolean sorted = c.key().equals(sort);
            String next = sorted && !"asc".equalsIgnoreCase(order) ? "asc" : "desc";
            String link = page.link(base);
            h.append("<th scope=\"col\" data-sort-key=\"")
                    .append(esc(c.key()))
                    .append('"')
                    .append(
                            sorted
                                    ? " aria-sort=\"" + ("asc".equalsIgnoreCase(order) ? "ascending" : "descending")
                                            + "\""
                                    : "")
                    .append("><a href=\"")
                    .append(esc(link + (link.contains("?") ? "&" : "?") + "sort=" + c.key() + "&order=" + next))
                    .append("\">")
                    .append(esc(c.label()))
                    .append("</a></th>");
        }
        h.append("<th scope=\"col\">支出较上年增长（%）</th></tr></thead>\n<tbody>\n");
        for (Headline row : rows) {
            h.append("<tr data-unit=\"")
                    .append(esc(row.unitCode()))
                    .append("\"><th scope=\"row\"><a href=\"")
                    .append(esc(page.link("/workspace/" + Html.segment(row.unitCode()) + "/" + year)))
                    .append("\">")
                    .append(esc(row.name()))
                    .append("</a></th>");
            COLUMNS.forEach(c -> h.append("<td class=\"amount\" data-value=\"")
                    .append(esc(c.value().apply(row)))
                    .append("\">")
                    .append(esc(c.value().apply(row)))
                    .append("</td>"));
            h.append("<td class=\"amount\">").append(esc(growth(row))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static String growth(Headline row) {
        return row.expenditureChange() == null || row.expenditureChange().growthPercent() == null
                ? ""
                : row.expenditureChange().growthPercent();
    }

    private static String sangong(Headline h, String side) {
        return h.sangong().get("total").get(side);
    }
}

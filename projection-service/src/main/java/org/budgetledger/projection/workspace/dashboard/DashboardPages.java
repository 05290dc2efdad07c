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
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The finance bureau's overview of a year (Dashboards, as the API answers it): the departments (consolidated), or with
 * scope=self every unit alone, side by side in charts (ECharts, served from the application) and in a table that sorts,
 * with the spending by month per unit, and a CSV of the table as shown.
 */
@Controller
@Hidden
@org.budgetledger.kit.scope.ScopedByHandler // the units of the caller's scope only (Navigation, Dashboards)
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

    /** How many rows a page of the table (and so its charts) shows; the CSV has every row the filter selects. */
    static final int PAGE_SIZE = 50;

    /**
     * What the reader chose besides asOf and scope: the units under {@code parent} (its subtree) and in
     * {@code region} (a region code's prefix), the sort, and the page of the table (from 1).
     */
    record Filter(String parent, String region, String sort, String order, int page) {

        static Filter of(HttpServletRequest request) {
            String page = request.getParameter("page");
            int number;
            try {
                number = page == null || page.isBlank() ? 1 : Integer.parseInt(page.trim());
            } catch (NumberFormatException e) {
                throw new BadParameter("page", "page 须为页码（1、2、…），而不是：" + page);
            }
            if (number < 1) {
                throw new BadParameter("page", "page 须为页码（1、2、…），而不是：" + page);
            }
            return new Filter(
                    blankToNull(request.getParameter("parent")),
                    blankToNull(request.getParameter("region")),
                    request.getParameter("sort") == null ? "expenditure" : request.getParameter("sort"),
                    "asc".equalsIgnoreCase(request.getParameter("order")) ? "asc" : "desc",
                    number);
        }

        boolean narrowed() {
            return parent != null || region != null;
        }

        /** A link to the dashboard with this filter, another sort or page: the page's asOf and scope go along. */
        String link(PageRequest page, String path, String sortBy, String orderBy, int pageNumber) {
            StringBuilder q = new StringBuilder(page.link(path));
            java.util.function.BiConsumer<String, String> add =
                    (name, value) -> q.append(q.indexOf("?") < 0 ? '?' : '&')
                            .append(name)
                            .append('=')
                            .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
            if (parent != null) {
                add.accept("parent", parent);
            }
            if (region != null) {
                add.accept("region", region);
            }
            add.accept("sort", sortBy);
            add.accept("order", orderBy);
            if (pageNumber > 1) {
                add.accept("page", String.valueOf(pageNumber));
            }
            return q.toString();
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.trim();
        }
    }

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
    ResponseEntity<String> dashboard(@PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        Filter filter = Filter.of(request);
        List<Headline> all = rows(year, page, filter);
        int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(filter.page(), pages);
        List<Headline> rows = all.subList((shown - 1) * PAGE_SIZE, Math.min(all.size(), shown * PAGE_SIZE));
        String units = page.self() || filter.narrowed() ? " 个单位" : " 个部门";
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<h1>")
                .append(year)
                .append("年度汇总看板 <span class=\"unit\">")
                .append(page.self() ? "（各单位，仅本单位数）" : "（合并数）")
                .append("</span></h1>\n<p class=\"meta\">金额单位：万元 · ")
                .append(all.size())
                .append(units)
                .append(" · <a href=\"")
                .append(esc(PageRequest.link("/workspace/dashboard/" + year, page.asOf(), !page.self())))
                .append("\">")
                .append(page.self() ? "按部门合并查看" : "按单位分别查看")
                .append("</a></p>\n");
        filters(h, year, page, filter);
        charts.html(h, rows, monthly(rows, year, page));
        table(h, rows, page, year, filter, all.size());
        pager(h, year, page, filter, shown, pages);
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

    /** The filter form: a unit whose subtree to show (codes offered from the year's units) and a region prefix. */
    private void filters(StringBuilder h, int year, PageRequest page, Filter filter) {
        h.append("<form class=\"filters\" method=\"get\" action=\"/workspace/dashboard/")
                .append(year)
                .append("\">\n<label for=\"filter-parent\">所属单位（含下属）</label>\n")
                .append("<input id=\"filter-parent\" name=\"parent\" list=\"filter-units\" value=\"")
                .append(esc(filter.parent() == null ? "" : filter.parent()))
                .append("\"/>\n<datalist id=\"filter-units\">\n");
        navigation
                .units(year)
                .forEach(u -> h.append("<option value=\"")
                        .append(esc(u.unitCode()))
                        .append("\">")
                        .append(esc(u.name() == null ? u.unitCode() : u.name()))
                        .append("</option>\n"));
        h.append("</datalist>\n<label for=\"filter-region\">行政区划代码（前缀）</label>\n")
                .append("<input id=\"filter-region\" name=\"region\" inputmode=\"numeric\" value=\"")
                .append(esc(filter.region() == null ? "" : filter.region()))
                .append("\"/>\n");
        if (page.asOf() != null) {
            h.append("<input type=\"hidden\" name=\"asOf\" value=\"")
                    .append(esc(page.asOf().toString()))
                    .append("\"/>\n");
        }
        if (page.self()) {
            h.append("<input type=\"hidden\" name=\"scope\" value=\"self\"/>\n");
        }
        h.append("<button type=\"submit\">筛选</button>\n<a href=\"")
                .append(esc(page.link("/workspace/dashboard/" + year)))
                .append("\">清除筛选</a>\n</form>\n");
    }

    private static void pager(StringBuilder h, int year, PageRequest page, Filter filter, int shown, int pages) {
        if (pages == 1) {
            return;
        }
        String path = "/workspace/dashboard/" + year;
        h.append("<nav class=\"pager\" aria-label=\"分页\"><p>第 ")
                .append(shown)
                .append(" / ")
                .append(pages)
                .append(" 页");
        if (shown > 1) {
            h.append(" · <a rel=\"prev\" href=\"")
                    .append(esc(filter.link(page, path, filter.sort(), filter.order(), shown - 1)))
                    .append("\">上一页</a>");
        }
        if (shown < pages) {
            h.append(" · <a rel=\"next\" href=\"")
                    .append(esc(filter.link(page, path, filter.sort(), filter.order(), shown + 1)))
                    .append("\">下一页</a>");
        }
        h.append("</p></nav>\n");
    }

    /** The table as filtered and sorted (every page of it, in order) as CSV: UTF-8 with BOM, figures in 万元. */
    @GetMapping("/workspace/dashboard/{year:\\d+}/units.csv")
    ResponseEntity<byte[]> csv(@PathVariable int year, HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        Filter filter = Filter.of(request);
        StringBuilder csv = new StringBuilder(CsvRenderer.BOM);
        csv.append("单位代码,单位名称");
        COLUMNS.forEach(c -> csv.append(',').append(CsvRenderer.field(c.label() + "（万元）")));
        csv.append(",支出较上年增长（%）\r\n");
        for (Headline row : rows(year, page, filter)) {
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
                    .map(FinalAccounts.Positions::total)
                    .orElse(0L);
        }
        return sum;
    }

    /**
     * The rows: with scope=self every unit alone; consolidated, the departments, or, once filtered, every unit the
     * filter selects with its descendants' figures (as the API's dashboard answers with scope=department).
     */
    private List<Headline> rows(int year, PageRequest page, Filter filter) {
        Column column = COLUMNS.stream()
                .filter(c -> c.key().equals(filter.sort()))
                .findFirst()
                .orElseThrow(() -> new BadParameter("sort", "不能按此排序：" + filter.sort()));
        List<Headline> rows = page.self() || filter.narrowed()
                ? dashboards.headlines(
                        year, filter.region(), filter.parent(), page.scope(), "expenditure", true, page.asOf())
                : navigation.departments(year).stream()
                        .map(d -> dashboards.headline(d.unitCode(), year, FinalAccounts.Scope.DEPARTMENT, page.asOf()))
                        .flatMap(java.util.Optional::stream)
                        .toList();
        Comparator<Headline> by =
                Comparator.comparing(r -> new BigDecimal(column.value().apply(r)));
        by = "asc".equals(filter.order()) ? by : by.reversed();
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

    private void table(StringBuilder h, List<Headline> rows, PageRequest page, int year, Filter filter, int all) {
        String base = "/workspace/dashboard/" + year;
        String sort = filter.sort();
        String order = filter.order();
        h.append("<section class=\"units\" aria-labelledby=\"units-heading\">\n<h2 id=\"units-heading\">各")
                .append(page.self() || filter.narrowed() ? "单位" : "部门")
                .append("主要数字</h2>\n<p><a class=\"export\" data-export href=\"")
                .append(esc(filter.link(page, base + "/units.csv", sort, order, 1)))
                .append("\" download=\"download\">导出当前表格（CSV")
                .append(all > rows.size() ? "，筛选结果全部 " + all + " 行" : "")
                .append("）</a></p>\n")
                .append("<table class=\"sortable\" data-sortable>\n<caption>金额单位：万元；点击列名排序</caption>\n")
                .append("<thead><tr><th scope=\"col\">单位</th>");
        for (Column c : COLUMNS) {
            boolean sorted = c.key().equals(sort);
            String next = sorted && !"asc".equalsIgnoreCase(order) ? "asc" : "desc";
            h.append("<th scope=\"col\" data-sort-key=\"")
                    .append(esc(c.key()))
                    .append('"')
                    .append(
                            sorted
                                    ? " aria-sort=\"" + ("asc".equalsIgnoreCase(order) ? "ascending" : "descending")
                                            + "\""
                                    : "")
                    .append("><a href=\"")
                    .append(esc(filter.link(page, base, c.key(), next, 1)))
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

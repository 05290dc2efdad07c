package org.budgetledger.projection.workspace.dashboard;

import static org.budgetledger.projection.workspace.page.Html.esc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.projection.dashboard.Headline;
import org.springframework.stereotype.Component;

/**
 * The dashboard's charts: an element {@code data-chart="<name>"} for each, and their figures as JSON in the page
 * (a data block, not a script), which the workspace's script draws with ECharts.
 */
@Component
public class DashboardCharts {

    /** One unit's spending per month, 01 to 12, in 万元. */
    public record Monthly(String name, List<String> months) {}

    /** The charts: name, title, what it shows (for a reader who cannot see it). */
    private static final List<List<String>> CHARTS = List.of(
            List.of("income-expenditure", "收入与支出", "各单位本年收入合计与本年支出合计（万元）"),
            List.of("basic-project", "基本支出与项目支出", "各单位基本支出与项目支出（万元）"),
            List.of("sangong", "“三公”经费：预算与决算", "各单位“三公”经费预算数与决算数（万元）"),
            List.of("operating-costs", "机关运行经费", "各单位机关运行经费（万元）"),
            List.of("monthly", "按月支出", "支出最多的单位逐月支出（万元）"));

    /** Drawn where a unit shown has the previous year's figures: its spending then and now. */
    private static final List<String> YEAR_ON_YEAR = List.of("year-on-year", "支出与上年对比", "各单位上年与本年支出合计（万元），仅含有上年数据的单位");

    private final ObjectMapper json;

    public DashboardCharts(ObjectMapper json) {
        this.json = json;
    }

    void html(StringBuilder h, List<Headline> rows, List<Monthly> monthly) {
        h.append("<section class=\"charts\" aria-label=\"图表\">\n");
        List<List<String>> charts = new java.util.ArrayList<>(CHARTS);
        if (rows.stream().anyMatch(r -> previous(r) != null)) {
            charts.add(YEAR_ON_YEAR);
        }
        for (List<String> chart : charts) {
            h.append("<figure class=\"chart-box\">\n<figcaption>")
                    .append(esc(chart.get(1)))
                    .append("</figcaption>\n<div class=\"chart\" data-chart=\"")
                    .append(esc(chart.get(0)))
                    .append("\" role=\"img\" aria-label=\"")
                    .append(esc(chart.get(2)))
                    .append("\"></div>\n</figure>\n");
        }
        h.append("</section>\n<script type=\"application/json\" id=\"dashboard-data\">")
                .append(data(rows, monthly).replace("<", "\\u003c"))
                .append("</script>\n");
    }

    private String data(List<Headline> rows, List<Monthly> monthly) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("units", rows.stream().map(Headline::name).toList());
        for (DashboardPages.Column c : DashboardPages.COLUMNS) {
            d.put(c.key(), rows.stream().map(r -> number(c.value().apply(r))).toList());
        }
        List<String> months = new java.util.ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(m + "月");
        }
        d.put("months", months);
        List<Headline> compared = rows.stream().filter(r -> previous(r) != null).toList();
        d.put("compared", compared.stream().map(Headline::name).toList());
        d.put(
                "comparedPrevious",
                compared.stream().map(r -> number(previous(r))).toList());
        d.put(
                "comparedCurrent",
                compared.stream().map(r -> number(r.expenditure())).toList());
        d.put(
                "monthly",
                monthly.stream()
                        .map(m -> Map.of(
                                "name",
                                m.name(),
                                "values",
                                m.months().stream().map(DashboardCharts::number).toList()))
                        .toList());
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unit's spending of the previous year (万元), or null where the projection holds no such year. */
    private static String previous(Headline row) {
        return row.expenditureChange() == null ? null : row.expenditureChange().previous();
    }

    private static BigDecimal number(String wan) {
        return wan == null || wan.isEmpty() ? BigDecimal.ZERO : new BigDecimal(wan);
    }
}

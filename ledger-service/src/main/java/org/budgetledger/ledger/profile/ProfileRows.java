package org.budgetledger.ledger.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.budgetledger.ledger.web.ApiException;

/**
 * A year's unit profiles as a request carries them: a table (CSV or a workbook's first sheet, one unit per row under a
 * heading row, in English or Chinese) or a JSON array of {@code {"unitCode", "profile": {…}}} (as the fixtures'
 * units.json) or of flat objects ({@code {"unitCode", "name", "kind", …}}). Each becomes the profile's JSON, so that
 * ProfileReader checks it exactly as a single PUT is checked.
 */
final class ProfileRows {

    /** One unit of the request: its row (1-based: a sheet's row, or the array's index + 1), code and profile JSON. */
    record Item(int row, String unitCode, JsonNode profile) {}

    /** The headings a column may have, and the profile field it fills ("staffing.x" inside staffing). */
    private static final Map<String, List<String>> HEADINGS = Map.ofEntries(
            Map.entry("unitCode", List.of("unitcode", "单位代码", "单位编码")),
            Map.entry("name", List.of("name", "单位名称")),
            Map.entry("kind", List.of("kind", "单位类型", "单位性质")),
            Map.entry("parentUnitCode", List.of("parentunitcode", "上级单位代码")),
            Map.entry("region", List.of("region", "行政区划", "地区")),
            Map.entry("staffing.authorized", List.of("authorized", "编制人数", "编制数")),
            Map.entry("staffing.actual", List.of("actual", "实有人数")),
            Map.entry("staffing.active", List.of("active", "在职人数")),
            Map.entry("staffing.retiredCadres", List.of("retiredcadres", "离休人数")),
            Map.entry("staffing.retired", List.of("retired", "退休人数")),
            Map.entry("duties", List.of("duties", "职责", "主要职能")));

    private ProfileRows() {}

    static List<Item> fromJson(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ApiException.badRequest("the body must be a JSON array of {\"unitCode\", \"profile\"} objects");
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            String code = item.path("unitCode").asText("");
            JsonNode profile = item.has("profile") ? item.get("profile") : withoutUnitCode(item);
            items.add(new Item(i + 1, code, profile));
        }
        return items;
    }

    private static JsonNode withoutUnitCode(JsonNode item) {
        if (!item.isObject()) {
            return item;
        }
        ObjectNode copy = ((ObjectNode) item).deepCopy();
        copy.remove(List.of("unitCode", "fiscalYear"));
        return copy;
    }

    /** The table's units: the first row naming a unitCode column is the heading; empty rows are skipped. */
    static List<Item> fromTable(List<List<String>> cells) {
        int heading = -1;
        Map<Integer, String> columns = Map.of();
        for (int r = 0; r < Math.min(20, cells.size()) && heading < 0; r++) {
            Map<Integer, String> found = columns(cells.get(r));
            if (found.containsValue("unitCode")) {
                heading = r;
                columns = found;
            }
        }
        if (heading < 0) {
            throw ApiException.unprocessable(
                    "file.heading", "body", "no heading row naming a unitCode (单位代码) column in the first 20 rows");
        }
        List<Item> items = new ArrayList<>();
        for (int r = heading + 1; r < cells.size(); r++) {
            List<String> row = cells.get(r);
            if (row.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            ObjectNode profile = JsonNodeFactory.instance.objectNode();
            String code = "";
            for (Map.Entry<Integer, String> column : columns.entrySet()) {
                String value =
                        column.getKey() < row.size() ? row.get(column.getKey()).strip() : "";
                if (column.getValue().equals("unitCode")) {
                    code = value;
                } else if (!value.isEmpty()) {
                    put(profile, column.getValue(), value);
                }
            }
            items.add(new Item(r + 1, code, profile));
        }
        return items;
    }

    /** Column index to profile field, for the headings this row has (at most 64 columns are read). */
    private static Map<Integer, String> columns(List<String> row) {
        Map<Integer, String> columns = new java.util.HashMap<>();
        for (int c = 0; c < Math.min(row.size(), 64); c++) {
            String heading = row.get(c) == null ? "" : row.get(c).strip().toLowerCase(Locale.ROOT);
            for (Map.Entry<String, List<String>> field : HEADINGS.entrySet()) {
                if (field.getValue().contains(heading)) {
                    if (columns.containsValue(field.getKey())) {
                        throw ApiException.unprocessable(
                                "file.heading",
                                "body",
                                "two columns are headed " + field.getKey() + " (" + heading + ")");
                    }
                    columns.put(c, field.getKey());
                }
            }
        }
        return columns;
    }

    /** A staffing count as a number (as the JSON form has it; ProfileReader names it when it is not one). */
    private static void put(ObjectNode profile, String field, String value) {
        if (!field.startsWith("staffing.")) {
            profile.put(field, value);
            return;
        }
        ObjectNode staffing =
                profile.has("staffing") ? (ObjectNode) profile.get("staffing") : profile.putObject("staffing");
        String name = field.substring("staffing.".length());
        try { // "40", "40.0" (a workbook's number) and "1,200" are counts; "40.5" is not, and ProfileReader says so
            staffing.put(name, new java.math.BigDecimal(value.replace(",", "")).intValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            staffing.put(name, value);
        }
    }
}

package org.budgetledger.projection.report.domain;

import java.util.HashMap;
import java.util.Map;

/**
 * A template's fixed texts: titles, headings and sentence patterns with {@code {name}} placeholders. Patterns are
 * data of the template (docs/DOMAIN.md#tables-and-templates); the narrative code only decides which pattern applies and fills it.
 */
public record Wording(Map<String, String> patterns) {

    public Wording {
        patterns = Map.copyOf(patterns);
    }

    public String get(String key) {
        String pattern = patterns.get(key);
        if (pattern == null) {
            throw new IllegalArgumentException("the template has no wording " + key);
        }
        return pattern;
    }

    public boolean has(String key) {
        return patterns.containsKey(key);
    }

    /** The pattern with each {@code {name}} replaced; {@code values} alternates names and values. */
    public String fill(String key, Object... values) {
        return fillPattern(get(key), values);
    }

    public static String fillPattern(String pattern, Object... values) {
        if (values.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        String out = pattern;
        for (int i = 0; i < values.length; i += 2) {
            out = out.replace("{" + values[i] + "}", String.valueOf(values[i + 1]));
        }
        return out;
    }

    /** This wording with some patterns added or replaced (a later template deriving from an earlier one). */
    public Wording with(Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(patterns);
        merged.putAll(changes);
        return new Wording(merged);
    }
}

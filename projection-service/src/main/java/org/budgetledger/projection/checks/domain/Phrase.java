package org.budgetledger.projection.checks.domain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words in the subjects of results, the labels of comparisons and the names of figures that are no cell ("totals",
 * "general_budget: closing balance", "2019 closing general_budget").
 * Subjects and labels are identifiers: the JSON answer and its readers select results by them, so they stay English;
 * only the Chinese text shows them in Chinese. The rules build them from these constants, so each phrase is written
 * once per language, and cell keys, codes and fund-source keys around a phrase stay as they are.
 */
enum Phrase {
    CELL_KEYS("cell keys", "数据键"),
    CATALOGUE("catalogue", "科目目录"),
    NAMES("names", "科目名称"),
    TOTALS("totals", "合计"),
    FISCAL("fiscal", "财政拨款"),
    NON_FISCAL("non-fiscal", "非财政拨款"),
    ALL_SOURCES("all sources", "全部资金来源"),
    NON_FISCAL_TOGETHER("non-fiscal sources together", "非财政拨款资金合计"),
    CLOSING_BALANCE("closing balance", "年末结转和结余"),
    CLOSING_BALANCE_OF_ITEM("closing balance of the 项", "该项年末结转和结余"),
    NOT_NEGATIVE("not negative", "不为负数"),
    PER_ITEM("per 项", "按项"),
    PER_SOURCE_AND_ITEM("per fund source and 项", "按资金来源和项"),
    GENERAL_BUDGET("general budget", "一般公共预算"),
    INCOME_EQUALS_EXPENSE_GRAND_TOTAL("income = expense grand total", "收入总计 = 支出总计"),
    ALL_UNITS_ADMINISTRATIVE("all units administrative", "全部为行政单位"),
    DERIVED_FROM_FIGURES("derived from the figures", "由报表数据推算"),
    // in the names of figures that are no cell: "2019 closing general_budget 2296002", "Σ audit lines of 01/…"
    CLOSING("closing", "年末"),
    OPENING("opening", "年初"),
    AUDIT_LINES_OF("Σ audit lines of", "审计明细合计");

    /** Longest first, so that "closing balance of the 项" is not read as "closing balance" and more. */
    private static final List<Phrase> LONGEST_FIRST = Arrays.stream(values())
            .sorted(Comparator.comparingInt((Phrase p) -> p.en.length()).reversed())
            .toList();

    private final String en;
    private final String zh;
    /** The phrase as a whole word: not inside a key ("02/total/fiscal", "closing_balance") or a longer word. */
    private final Pattern whole;

    Phrase(String en, String zh) {
        this.en = en;
        this.zh = zh;
        this.whole = Pattern.compile("(?<![\\w./\\-])" + Pattern.quote(en) + "(?![\\w./\\-])");
    }

    /** The phrase as subjects and labels carry it. */
    String en() {
        return en;
    }

    String zh() {
        return zh;
    }

    /** "general_budget: closing balance". */
    String after(String key) {
        return key + ": " + en;
    }

    /** "08 per 项", "2019 closing". */
    String suffixing(String key) {
        return key + " " + en;
    }

    /** A subject or label as a reader of this language sees it: every phrase in it translated, the rest as is. */
    static String in(String text, Language language) {
        if (text == null || language == Language.EN) {
            return text;
        }
        String out = text;
        for (Phrase p : LONGEST_FIRST) {
            out = p.whole.matcher(out).replaceAll(Matcher.quoteReplacement(p.zh));
        }
        return out;
    }
}

package org.budgetledger.system.harness;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid postings for the benchmark, made on demand (a million of them never sit in memory). Every ledger is funded
 * first with one large appropriation, and expenditures draw only on that fund source, so every posting is valid in any
 * order and over any channel. The mix is what a unit's year looks like: mostly expenditures, some income and budgets.
 */
final class BenchPostings {

    static final int YEAR = 2019;
    static final String SOURCE = "treasury-payments";

    private static final String[] FUNCTIONAL = {
        "2013701", "2013701", "2013702", "2060199", "2010101", "2080501", "2120101", "2130101", "2070101", "2080505"
    };
    /** economic codes without 三公 or activity details */
    private static final String[] ECONOMIC = {
        "30101", "30102", "30103", "30107", "30108", "30113", "30199", "30201", "30202", "30205", "30207", "30211",
        "30226", "30299"
    };

    private static final String[] INCOME_SOURCES = {"SUPERIOR_SUBSIDY", "OPERATING", "BUSINESS", "OTHER"};
    private static final String[] TEXTS = {"办公用品", "差旅报销", "1月基本工资", "电费", "物业管理费"};

    /** one appropriation per ledger: far more than a million expenditures of at most 2,000 yuan spend */
    private static final String FUNDING_YUAN = "900000000000.00";

    private final String tag = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong counter = new AtomicLong();

    String funding(String unit) {
        return "{\"postingId\":\"BF-" + tag + "-" + unit + "\",\"sourceSystem\":\"" + SOURCE + "\",\"unitCode\":\""
                + unit
                + "\",\"fiscalYear\":" + YEAR
                + ",\"type\":\"APPROPRIATION\",\"fundSource\":\"GENERAL_BUDGET\",\"functionalCode\":\"2013701\""
                + ",\"amount\":\"" + FUNDING_YUAN + "\",\"occurredOn\":\"2019-01-02\",\"description\":\"基准测试年初拨款\"}";
    }

    /** The next posting for the unit (an id never used before in this run). */
    String next(String unit) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(360);
        sb.append("{\"postingId\":\"B-")
                .append(tag)
                .append('-')
                .append(counter.incrementAndGet())
                .append("\",\"sourceSystem\":\"")
                .append(SOURCE)
                .append("\",\"unitCode\":\"")
                .append(unit)
                .append("\",\"fiscalYear\":")
                .append(YEAR);
        double kind = r.nextDouble();
        String functional = FUNCTIONAL[r.nextInt(FUNCTIONAL.length)];
        if (kind < 0.75) {
            sb.append(",\"type\":\"EXPENDITURE\",\"fundSource\":\"GENERAL_BUDGET\",\"functionalCode\":\"")
                    .append(functional)
                    .append("\",\"economicCode\":\"")
                    .append(ECONOMIC[r.nextInt(ECONOMIC.length)])
                    .append("\",\"expenditureKind\":\"")
                    .append(r.nextDouble() < 0.7 ? "BASIC" : "PROJECT")
                    .append('"');
        } else if (kind < 0.90) {
            sb.append(",\"type\":\"INCOME\",\"fundSource\":\"")
                    .append(INCOME_SOURCES[r.nextInt(INCOME_SOURCES.length)])
                    .append("\",\"functionalCode\":\"")
                    .append(functional)
                    .append('"');
        } else {
            sb.append(",\"type\":\"BUDGET\",\"fundSource\":\"GENERAL_BUDGET\",\"functionalCode\":\"")
                    .append(functional)
                    .append("\",\"economicCode\":\"")
                    .append(ECONOMIC[r.nextInt(ECONOMIC.length)])
                    .append("\",\"stage\":\"INITIAL\"");
        }
        long fen = 100 + r.nextLong(200_000);
        sb.append(",\"amount\":\"")
                .append(fen / 100)
                .append('.')
                .append(String.format("%02d", fen % 100))
                .append('"');
        sb.append(",\"occurredOn\":\"2019-")
                .append(String.format("%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28)))
                .append('"');
        sb.append(",\"description\":\"").append(TEXTS[r.nextInt(TEXTS.length)]).append("\"}");
        return sb.toString();
    }

    /** A JSON array of {@code n} postings, each for a unit the picker chooses. */
    String batch(int n, List<String> units, boolean skewed) {
        StringBuilder sb = new StringBuilder(n * 380).append('[');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(next(pick(units, skewed)));
        }
        return sb.append(']').toString();
    }

    /**
     * A unit: skewed like a province (the k-th ledger gets a share proportional to 1/k, so the first, the as-of ledger,
     * is the busiest), or uniform (the top-up for the rebuild).
     */
    static String pick(List<String> units, boolean skewed) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (!skewed) {
            return units.get(r.nextInt(units.size()));
        }
        double total = 0;
        for (int k = 1; k <= units.size(); k++) {
            total += 1.0 / k;
        }
        double x = r.nextDouble() * total;
        for (int k = 1; k <= units.size(); k++) {
            x -= 1.0 / k;
            if (x <= 0) {
                return units.get(k - 1);
            }
        }
        return units.get(units.size() - 1);
    }
}

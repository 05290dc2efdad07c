package org.budgetledger.system.harness;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The harness's own, straightforward recomputation of the published figures from the valid postings it sent
 * (docs/CELLS.md read directly, none of the projection's code): exact fen per cell, a reversed posting and its reversal
 * counting nothing, rounded half-up to 万元 once. It covers the headline figures of the tables, not every row.
 */
final class Recompute {

    private static final Map<String, String> SANGONG = Map.of(
            "30212",
            "overseas_travel",
            "31013",
            "vehicle_purchase",
            "30231",
            "vehicle_operation",
            "30217",
            "reception");
    private static final List<String> SOURCES = List.of(
            "general_budget",
            "government_fund",
            "state_capital",
            "superior_subsidy",
            "operating",
            "business",
            "affiliate_remittance",
            "other");
    private static final List<String> KINDS =
            List.of("basic", "project", "remit_to_superior", "business", "subsidy_to_affiliates");

    private Recompute() {}

    /** Every key the recomputation covers for the given postings, with its exact fen (zero included). */
    static Map<String, Long> cells(Collection<PostingSpec> postings, String unitKind) {
        Set<String> reversed = new HashSet<>();
        for (PostingSpec p : postings) {
            if (p.type.equals("REVERSAL")) {
                reversed.add(p.sourceSystem + "|" + p.reverses);
            }
        }
        Map<String, Long> c = new TreeMap<>();
        // the keys compared even when zero
        for (String s : SOURCES) {
            c.put("01/income." + s + "/amount", 0L);
        }
        for (String k : KINDS) {
            c.put("03/total/" + k, 0L);
        }
        for (String item :
                List.of("total", "overseas_travel", "vehicles", "vehicle_purchase", "vehicle_operation", "reception")) {
            c.put("07/actual/" + item, 0L);
            c.put("07/budget/" + item, 0L);
        }
        for (String k : List.of("total", "goods", "works", "services", "sme", "small_micro")) {
            c.put("procurement/" + k + "/amount", 0L);
        }
        long incomeTotal = 0;
        long fundOffset = 0;
        long opening = 0;
        long expenditureTotal = 0;
        long surplus = 0;
        long publicBasic = 0;
        for (PostingSpec p : postings) {
            if (p.type.equals("REVERSAL") || reversed.contains(p.key())) {
                continue; // a reversed posting and its reversal add up to nothing
            }
            long a = p.amountFen;
            String source = p.fundSource == null ? null : p.fundSource.toLowerCase();
            switch (p.type) {
                case "APPROPRIATION", "INCOME" -> {
                    incomeTotal += a;
                    add(c, "01/income." + source + "/amount", a);
                    add(c, "02/total/total", a);
                    add(c, "02/total/" + (p.fiscal() ? "fiscal" : source), a);
                    if (p.fiscal()) {
                        add(c, "04/income.total/amount", a);
                        add(c, "04/income." + source + "/amount", a);
                    }
                    if (p.fundSource.equals("GOVERNMENT_FUND")) {
                        add(c, "08/total/income", a);
                    }
                }
                case "OPENING_BALANCE" -> opening += a;
                case "FUND_OFFSET" -> fundOffset += a;
                case "SURPLUS_DISTRIBUTION" -> surplus += a;
                case "EXPENDITURE" -> {
                    expenditureTotal += a;
                    String kind = p.expenditureKind.toLowerCase();
                    String cls = p.functionalCode.substring(0, 3);
                    add(c, "01/expenditure." + cls + "/amount", a);
                    add(c, "03/total/total", a);
                    add(c, "03/total/" + kind, a);
                    add(c, "03/" + cls + "/total", a);
                    add(c, "03/" + cls + "/" + kind, a);
                    if (p.fiscal()) {
                        add(c, "04/expenditure.total/total", a);
                        add(c, "04/expenditure.total/" + source, a);
                    }
                    if (p.fundSource.equals("GOVERNMENT_FUND")) {
                        add(c, "08/total/expenditure", a);
                    }
                    if (p.fundSource.equals("GENERAL_BUDGET")) {
                        add(c, "05/total/subtotal", a);
                        add(c, "05/total/" + kind, a);
                        String ec = p.economicCode;
                        if (kind.equals("basic")) {
                            boolean personnel = ec.startsWith("301") || ec.startsWith("303");
                            add(c, "06/" + (personnel ? "personnel_total" : "public_total") + "/amount", a);
                            if (!personnel) {
                                publicBasic += a;
                            }
                        }
                        String item = SANGONG.get(ec);
                        if (item != null) {
                            add(c, "07/actual/" + item, a);
                            add(c, "07/actual/total", a);
                            if (item.startsWith("vehicle_")) {
                                add(c, "07/actual/vehicles", a);
                            }
                        }
                        if (ec.equals("30215")) {
                            add(c, "general/meetings/amount", a);
                        }
                        if (ec.equals("30216")) {
                            add(c, "general/training/amount", a);
                        }
                        if ("FESTIVAL".equals(p.activityKind)) {
                            add(c, "general/festivals/amount", a);
                        }
                    }
                }
                case "BUDGET" -> {
                    String item = p.economicCode == null ? null : SANGONG.get(p.economicCode);
                    if (p.fundSource.equals("GENERAL_BUDGET") && item != null) {
                        long signed = "DECREASE".equals(p.stage) ? -a : a;
                        add(c, "07/budget/" + item, signed);
                        add(c, "07/budget/total", signed);
                        if (item.startsWith("vehicle_")) {
                            add(c, "07/budget/vehicles", signed);
                        }
                    }
                }
                case "PROCUREMENT" -> {
                    add(c, "procurement/total/amount", a);
                    add(c, "procurement/" + p.procurementCategory.toLowerCase() + "/amount", a);
                    if (p.sme) {
                        add(c, "procurement/sme/amount", a);
                    }
                    if (p.smallMicro) {
                        add(c, "procurement/small_micro/amount", a);
                    }
                }
                default -> throw new IllegalArgumentException(p.type);
            }
        }
        long incomeGrand = Math.addExact(Math.addExact(incomeTotal, fundOffset), opening);
        long closing = incomeGrand - expenditureTotal - surplus;
        c.put("01/income.total/amount", incomeTotal);
        c.put("01/income.business_fund_offset/amount", fundOffset);
        c.put("01/income.opening_balance/amount", opening);
        c.put("01/income.grand_total/amount", incomeGrand);
        c.put("01/expenditure.total/amount", expenditureTotal);
        c.put("01/expenditure.surplus_distribution/amount", surplus);
        c.put("01/expenditure.closing_balance/amount", closing);
        c.put("01/expenditure.grand_total/amount", expenditureTotal + surplus + closing);
        c.put(
                "ops/operating_costs/amount",
                unitKind.equals("ADMINISTRATIVE") || unitKind.equals("CIVIL_SERVICE_MANAGED") ? publicBasic : 0L);
        return c;
    }

    /** A department's figures: the plain sum of its units' (each unit's operating costs by its own kind). */
    static Map<String, Long> sum(Collection<Map<String, Long>> parts) {
        Map<String, Long> total = new TreeMap<>();
        for (Map<String, Long> part : parts) {
            part.forEach((k, v) -> total.merge(k, v, Math::addExact));
        }
        return total;
    }

    /** 万元 with 2 decimals, rounded half-up once from the exact fen (1 万元 = 1,000,000 fen). */
    static String wan(long fen) {
        return BigDecimal.valueOf(fen)
                .movePointLeft(6)
                .setScale(2, RoundingMode.HALF_UP)
                .toPlainString();
    }

    private static void add(Map<String, Long> c, String key, long fen) {
        c.merge(key, fen, Math::addExact);
    }
}

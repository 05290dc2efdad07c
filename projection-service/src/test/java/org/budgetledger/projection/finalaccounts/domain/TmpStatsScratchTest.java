package org.budgetledger.projection.finalaccounts.domain;

import org.budgetledger.contract.*;
import org.junit.jupiter.api.Test;
import java.util.*;

class TmpStatsScratchTest {
    @Test
    void stats() {
        Map<String, Integer> c = new TreeMap<>();
        for (long seed = 1; seed <= 200; seed++) {
            RandomLedgerStream s = RandomLedgerStream.of(seed);
            Set<String> seen = new TreeSet<>();
            for (Posting p : s.postings) {
                seen.add("type " + p.type());
                if (p.fundSource() != null) seen.add("src " + p.type() + " " + p.fundSource());
                if (p.expenditureKind() != null && p.type() == PostingType.EXPENDITURE) seen.add("kind " + p.expenditureKind());
                if (p.stage() != null) seen.add("stage " + p.stage() + (p.economicCode() == null ? " noec" : " ec"));
                if (p.procurement() != null) seen.add("proc " + p.procurement());
                if (p.activity() != null) seen.add("act " + p.activity().kind());
            }
            s.kinds.values().forEach(k -> seen.add("unitkind " + k));
            seen.add("units " + s.kinds.size());
            if (s.stateCapital) seen.add("flag SC");
            if (s.otherPublicClasses) seen.add("flag other");
            Map<String, Long> cells = NaiveCells.compute(NaiveCells.lines(s.postings, u -> true), s.kinds);
            for (String k : cells.keySet()) {
                String[] parts = k.split("/");
                String row = parts[1].replaceAll("\\d{7}", "P").replaceAll("\\d{5}", "K").replaceAll("\\d{3}", "C");
                seen.add("cell " + parts[0] + "/" + row + "/" + parts[2]);
            }
            if (cells.getOrDefault("07/budget/total", 0L) > 0) seen.add("07 budget>0");
            if (cells.getOrDefault("08/total/closing_balance", 0L) == 0 && cells.containsKey("08/total/income")) seen.add("08 closing 0 with income");
            seen.forEach(x -> c.merge(x, 1, Integer::sum));
            c.merge("postings", s.postings.size(), Integer::sum);
        }
        c.forEach((k, v) -> System.out.println("STAT " + k + " = " + v));
    }
}

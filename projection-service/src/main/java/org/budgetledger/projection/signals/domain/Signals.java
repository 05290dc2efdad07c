package org.budgetledger.projection.signals.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.budgetledger.contract.Money;
import org.budgetledger.projection.checks.domain.Language;
import org.budgetledger.projection.checks.domain.Severity;

/** Runs the detectors over a unit's year, and writes their signals as text (the checks' "Signals" section). */
public final class Signals {

    /** Postings the text names per signal; the JSON answer lists them all. */
    static final int POSTINGS_IN_TEXT = 10;

    private Signals() {}

    /** Every detector's signals: errors first, then by kind in the order of {@link SignalKind}, then by unit. */
    public static List<Signal> detect(SignalInput input, List<SignalDetector> detectors) {
        List<Signal> signals = new ArrayList<>();
        detectors.forEach(d -> signals.addAll(d.detect(input)));
        signals.sort(Comparator.comparing(Signal::severity)
                .thenComparing(Signal::kind)
                .thenComparing(Signal::unitCode));
        return List.copyOf(signals);
    }

    /**
     * The section the checks' text ends with: a heading with the count, then per signal its kind, severity, unit and
     * message, the cells it is read from and, when {@code withPostings}, the postings behind it (the first
     * {@value #POSTINGS_IN_TEXT}); otherwise a note that the postings are for auditors.
     */
    public static String render(List<Signal> signals, Language language, boolean withPostings) {
        boolean en = language == Language.EN;
        StringBuilder sb = new StringBuilder();
        if (signals.isEmpty()) {
            return sb.append(en ? "Signals: none" : "预警信号：无").toString();
        }
        sb.append(en ? "Signals (" + signals.size() + ")" : "预警信号（" + signals.size() + "）");
        for (Signal s : signals) {
            sb.append('\n')
                    .append(s.kind())
                    .append(en ? "" : " " + s.kind().zh())
                    .append("  ")
                    .append(severity(s.severity(), language))
                    .append("  ")
                    .append(s.unitCode())
                    .append("  ")
                    .append(s.message().in(language));
            if (!s.cellKeys().isEmpty()) {
                sb.append("\n    ")
                        .append(en ? "cells (scope " + s.scope() + "): " : "数据（范围 " + s.scope() + "）：")
                        .append(String.join(", ", s.cellKeys()));
            }
            if (withPostings && !s.postings().isEmpty()) {
                sb.append("\n    ").append(en ? "postings: " : "记账：").append(postings(s.postings(), en));
            }
        }
        if (!withPostings) {
            sb.append('\n')
                    .append(
                            en
                                    ? "the postings behind each signal: GET …/signals (auditors)"
                                    : "各信号所涉记账：GET …/signals（审计人员）");
        }
        return sb.toString();
    }

    private static String postings(List<PostingRef> postings, boolean en) {
        List<String> named = postings.stream()
                .limit(POSTINGS_IN_TEXT)
                .map(p -> p.sourceSystem() + "/" + p.postingId() + " " + Money.ofFen(p.fen()))
                .toList();
        String list = String.join(", ", named);
        int more = postings.size() - named.size();
        if (more > 0) {
            list += en ? " … and " + more + " more" : " … 等共" + postings.size() + "笔";
        }
        return list;
    }

    private static String severity(Severity severity, Language language) {
        if (language == Language.EN) {
            return severity.name();
        }
        return severity == Severity.ERROR ? "错误" : "警示";
    }
}

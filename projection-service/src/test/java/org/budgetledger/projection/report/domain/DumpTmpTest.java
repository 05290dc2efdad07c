package org.budgetledger.projection.report.domain;

import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

class DumpTmpTest {
    @Test
    void dump() {
        for (String name : new String[] {Fixtures.HETANG, Fixtures.DEMO_WLJ}) {
            ReportFixtures fx = new ReportFixtures(name);
            Report r = ReportBuilder.build(fx.input(Optional.empty(), Map.of()));
            StringBuilder sb = new StringBuilder();
            r.contents().forEach(c -> sb.append("  ".repeat(c.level())).append(c.text()).append('\n'));
            for (TextPart p : r.textParts()) {
                sb.append("== ").append(p.number()).append(' ').append(p.title()).append('\n').append(p.text()).append('\n');
            }
            for (ReportTable t : r.tables().tables()) {
                sb.append("## ").append(t.number()).append(' ').append(t.title()).append('\n');
                t.headerGrid().text().forEach(row -> sb.append(String.join("\t", row)).append('\n'));
                t.bodyGrid().text().forEach(row -> sb.append(String.join("\t", row)).append('\n'));
                sb.append(t.note()).append('\n');
                t.emptyStatement().ifPresent(s -> sb.append(s).append('\n'));
            }
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/report-" + name + ".txt"), sb.toString());
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        }
    }
}

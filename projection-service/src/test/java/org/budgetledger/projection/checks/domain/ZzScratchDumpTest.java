package org.budgetledger.projection.checks.domain;

import org.junit.jupiter.api.Test;
import java.nio.file.*;
import java.util.*;

class ZzScratchDumpTest {
    @Test
    void dump() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (CheckInput in : List.of(CheckFixtures.seed(), CheckFixtures.demo(),
                CheckInput.builder("X", 2019, CheckFixtures.seed().cells()).build())) {
            sb.append(Checks.report(in).render(Language.ZH)).append("\n=====\n");
        }
        Map<String, Long> cells = new HashMap<>(CheckFixtures.seed().cells());
        cells.put("01/income.total/amount", cells.get("01/income.total/amount") + 1_000_000L);
        cells.put("zz/bad/key", 1L);
        cells.put("06/30217/amount", cells.getOrDefault("06/30217/amount", 0L) + 900_000_000L);
        sb.append(Checks.report(CheckInput.builder("HT-CAC", 2019, cells).build()).render(Language.ZH));
        Files.writeString(Path.of("/tmp/scratch/zh.txt"), sb.toString());
    }
}

package org.budgetledger.projection.finalaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CellsCacheTest {

    private final CellsCache cache = new CellsCache();
    private final CellsCache.Key key = new CellsCache.Key("HT-CAC", 2019, FinalAccounts.Scope.DEPARTMENT);
    private final byte[] body = "{\"position\":12}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void anAnswerIsReusedOnlyWhileEveryLedgerStandsWhereItWas() {
        FinalAccounts.Positions at = new FinalAccounts.Positions(1, Map.of("HT-CAC:2019", 7L, "HT-CAC-1:2019", 5L));
        cache.put(key, at, body);

        assertThat(cache.get(key, new FinalAccounts.Positions(1, Map.of("HT-CAC:2019", 7L, "HT-CAC-1:2019", 5L))))
                .isSameAs(body);
        assertThat(cache.get(key, new FinalAccounts.Positions(1, Map.of("HT-CAC:2019", 7L, "HT-CAC-1:2019", 6L))))
                .isNull();
        assertThat(cache.get(key, new FinalAccounts.Positions(1, Map.of("HT-CAC:2019", 7L))))
                .as("a member left or joined")
                .isNull();
        assertThat(cache.get(key, new FinalAccounts.Positions(2, at.byLedger())))
                .as("after a rebuild")
                .isNull();
        assertThat(cache.get(new CellsCache.Key("HT-CAC", 2019, FinalAccounts.Scope.SELF), at))
                .isNull();
    }

    @Test
    void forgetsTheLeastRecentlyUsedBeyondItsBound() {
        FinalAccounts.Positions at = new FinalAccounts.Positions(1, Map.of("U:2019", 1L));
        for (int i = 0; i <= CellsCache.MAX_ENTRIES; i++) {
            cache.put(new CellsCache.Key("U" + i, 2019, FinalAccounts.Scope.SELF), at, body);
        }
        assertThat(cache.get(new CellsCache.Key("U0", 2019, FinalAccounts.Scope.SELF), at))
                .isNull();
        assertThat(cache.get(new CellsCache.Key("U" + CellsCache.MAX_ENTRIES, 2019, FinalAccounts.Scope.SELF), at))
                .isSameAs(body);
    }
}

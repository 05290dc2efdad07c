package org.budgetledger.projection.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RenderingCacheTest {

    private final RenderingCache cache = new RenderingCache();
    private final AtomicInteger renders = new AtomicInteger();

    private String render() {
        return "workbook " + renders.incrementAndGet();
    }

    @Test
    void aRenderingIsMadeAgainOnlyWhenWhatItWasMadeFromMoved() {
        RenderingCache.Key key = new RenderingCache.Key("HT-CAC", 2019, null, "xlsx");
        assertThat(cache.get(key, "positions 10", this::render)).isEqualTo("workbook 1");
        assertThat(cache.get(key, "positions 10", this::render))
                .as("unchanged: the same bytes")
                .isEqualTo("workbook 1");
        assertThat(cache.get(key, "positions 11", this::render))
                .as("a posting applied since")
                .isEqualTo("workbook 2");
        assertThat(cache.get(
                        new RenderingCache.Key("HT-CAC", 2019, Instant.EPOCH, "xlsx"), "positions 11", this::render))
                .as("as of an instant: another rendering")
                .isEqualTo("workbook 3");
        assertThat(cache.get(new RenderingCache.Key("HT-CAC", 2019, null, "csv:01"), "positions 11", this::render))
                .isEqualTo("workbook 4");
    }

    @Test
    void boundedTheLeastRecentlyUsedGo() {
        for (int i = 0; i < RenderingCache.MAX_ENTRIES + 50; i++) {
            cache.get(new RenderingCache.Key("U" + i, 2019, null, "html"), 1, this::render);
        }
        assertThat(cache.size()).isEqualTo(RenderingCache.MAX_ENTRIES);
    }
}

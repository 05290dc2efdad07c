package org.budgetledger.projection.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.budgetledger.projection.web.BadParameter;
import org.junit.jupiter.api.Test;

class DashboardPagesTest {

    private static final List<Integer> UNITS = IntStream.range(0, 250).boxed().toList();

    @Test
    void aPageAndHowManyThereAreInAll() {
        var first = DashboardController.page(UNITS, 0, DashboardController.DEFAULT_PAGE);
        assertThat(first.getBody()).hasSize(100).startsWith(0).endsWith(99);
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo("250");
        assertThat(DashboardController.page(UNITS, 200, 100).getBody())
                .hasSize(50)
                .startsWith(200);
        assertThat(DashboardController.page(UNITS, 300, 100).getBody()).isEmpty();
    }

    @Test
    void aPageOutsideTheBoundsNamesItsParameter() {
        assertThatThrownBy(() -> DashboardController.page(UNITS, -1, 10))
                .isInstanceOfSatisfying(
                        BadParameter.class, e -> assertThat(e.field()).isEqualTo("offset"));
        assertThatThrownBy(() -> DashboardController.page(UNITS, 0, DashboardController.MAX_PAGE + 1))
                .isInstanceOfSatisfying(
                        BadParameter.class, e -> assertThat(e.field()).isEqualTo("limit"));
    }
}

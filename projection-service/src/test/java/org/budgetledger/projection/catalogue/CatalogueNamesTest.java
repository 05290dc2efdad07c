package org.budgetledger.projection.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Instant;
import java.util.List;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.event.CatalogueRevised;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A catalogue's names as the projection keeps them: codes added and renamed, removed, and added again. */
class CatalogueNamesTest {

    static MongoClient client;
    static CatalogueNames names;
    static final Recording REC = new Recording(Instant.EPOCH, "c", "test", "test");
    static final String STREAM = CatalogueKind.FUNCTIONAL.stream(1996);

    @BeforeAll
    static void connect() {
        ConnectionString uri = new ConnectionString(TestInfra.freshMongoDatabase("catalogue_names"));
        client = MongoClients.create(uri);
        names = new CatalogueNames(client.getDatabase(uri.getDatabase()).getCollection("catalogues"));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aRemovedCodeIsGoneAndComesBackWhenAddedAgain() {
        List<CatalogueEntry> three = List.of(
                new CatalogueEntry("201", "一般公共服务支出"),
                new CatalogueEntry("20101", "人大事务"),
                new CatalogueEntry("2010102", "一般行政管理事务"));
        assertThat(names.apply(STREAM, -1, 0, List.of(revised(three, List.of()))))
                .isTrue();
        assertThat(names.apply(
                        STREAM,
                        0,
                        2,
                        List.of(
                                revised(List.of(), List.of("2010102")),
                                revised(List.of(new CatalogueEntry("20101", "人大事务（改）")), List.of()))))
                .isTrue();
        Catalogue after = names.of(1996, CatalogueKind.FUNCTIONAL).orElseThrow();
        assertThat(after.contains("2010102")).isFalse();
        assertThat(after.nameOf("20101")).contains("人大事务（改）");
        assertThat(names.apply(
                        STREAM, 2, 3, List.of(revised(List.of(new CatalogueEntry("2010102", "再次加入")), List.of()))))
                .isTrue();
        assertThat(names.name(1996, CatalogueKind.FUNCTIONAL, "2010102")).contains("再次加入");
    }

    private static CatalogueRevised revised(List<CatalogueEntry> codes, List<String> removed) {
        return new CatalogueRevised(1996, CatalogueKind.FUNCTIONAL, codes, removed, REC);
    }
}

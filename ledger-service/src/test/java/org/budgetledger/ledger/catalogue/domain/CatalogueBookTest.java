package org.budgetledger.ledger.catalogue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.contract.catalogue.CatalogueKind.ECONOMIC;
import static org.budgetledger.contract.catalogue.CatalogueKind.FUNCTIONAL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.contract.event.CatalogueRevised;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.ledger.aggregate.Capture;
import org.junit.jupiter.api.Test;

/** Operators' catalogue revisions: add and rename, never delete; parents must exist (or come in the same request). */
class CatalogueBookTest {

    static final Recording REC = new Recording(Instant.parse("2020-01-10T09:30:00Z"), "corr-cat", "rest", "test");
    static final int SHIPPED_YEAR = 2019;
    static final int NEW_YEAR = 2030;

    /**
     * A fresh fixture per given-when-then: a fixture keeps the aggregate identifier of its first 'when', even across
     * givenNoPriorActivity(), so one fixture cannot serve two catalogue streams.
     */
    static AggregateTestFixture<CatalogueBook> fixture() {
        return new AggregateTestFixture<>(CatalogueBook.class);
    }

    static CatalogueEntry e(String code, String name) {
        return new CatalogueEntry(code, name);
    }

    static CatalogueBook.ReviseCatalogue revise(int year, CatalogueKind kind, CatalogueEntry... codes) {
        return new CatalogueBook.ReviseCatalogue(
                CatalogueBook.streamId(year, kind), year, kind, List.of(codes), java.util.List.of(), REC);
    }

    static CatalogueBook.ReviseCatalogue revise(int year, CatalogueKind kind, List<CatalogueEntry> codes) {
        return new CatalogueBook.ReviseCatalogue(
                CatalogueBook.streamId(year, kind), year, kind, codes, java.util.List.of(), REC);
    }

    static int shippedSize(int year, CatalogueKind kind) {
        return ShippedCatalogues.load(year, kind).map(Catalogue::size).orElse(0);
    }

    static void assertRefused(CatalogueBook.Revision r, String error, String field) {
        assertThat(r.error()).as("%s", r.message()).isEqualTo(error);
        assertThat(r.field()).isEqualTo(field);
        assertThat(r.message()).contains(field);
        assertThat(r.changed()).isZero();
    }

    @Test
    void streamIdNamesKindAndYear() {
        assertThat(CatalogueBook.streamId(2019, FUNCTIONAL)).isEqualTo("catalogue:functional:2019");
        assertThat(CatalogueBook.streamId(2024, ECONOMIC)).isEqualTo("catalogue:economic:2024");
    }

    @Test
    void removesCodesAndRefusesToRemoveAParentWhoseChildStays() {
        CatalogueBook.ReviseCatalogue removeChild = new CatalogueBook.ReviseCatalogue(
                CatalogueBook.streamId(NEW_YEAR, FUNCTIONAL), NEW_YEAR, FUNCTIONAL, List.of(), List.of("2010102"), REC);
        List<CatalogueEntry> three = List.of(e("201", "一般公共服务支出"), e("20101", "人大事务"), e("2010102", "一般行政管理事务"));
        fixture()
                .given(new CatalogueRevised(NEW_YEAR, FUNCTIONAL, three, List.of(), REC))
                .when(removeChild)
                .expectEvents(new CatalogueRevised(NEW_YEAR, FUNCTIONAL, List.of(), List.of("2010102"), REC));
        Capture<Object> result = Capture.capture();
        fixture()
                .given(new CatalogueRevised(NEW_YEAR, FUNCTIONAL, three, List.of(), REC))
                .when(new CatalogueBook.ReviseCatalogue(
                        CatalogueBook.streamId(NEW_YEAR, FUNCTIONAL),
                        NEW_YEAR,
                        FUNCTIONAL,
                        List.of(),
                        List.of("20101"),
                        REC))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result);
        assertRefused((CatalogueBook.Revision) result.value(), "code.parent_removed", "remove");
    }

    @Test
    void addsACodeToAShippedCatalogue() {
        Capture<Object> result = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013704", "网络安全")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CatalogueRevised(
                        SHIPPED_YEAR, FUNCTIONAL, List.of(e("2013704", "网络安全")), java.util.List.of(), REC))
                .expectResultMessagePayloadMatching(result);
        CatalogueBook.Revision r = result.value();
        assertThat(r.error()).isNull();
        assertThat(r.changed()).isEqualTo(1);
        assertThat(r.catalogue().isValid("2013704")).isTrue();
        assertThat(r.catalogue().nameOf("2013701")).contains("行政运行");
        assertThat(r.catalogue().size()).isEqualTo(shippedSize(SHIPPED_YEAR, FUNCTIONAL) + 1);
    }

    @Test
    void renamesACode() {
        Capture<Object> result = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013701", "行政运行（网信）")))
                .expectEvents(new CatalogueRevised(
                        SHIPPED_YEAR, FUNCTIONAL, List.of(e("2013701", "行政运行（网信）")), java.util.List.of(), REC))
                .expectResultMessagePayloadMatching(result);
        CatalogueBook.Revision r = result.value();
        assertThat(r.changed()).isEqualTo(1);
        assertThat(r.catalogue().nameOf("2013701")).contains("行政运行（网信）");
        assertThat(r.catalogue().size()).isEqualTo(shippedSize(SHIPPED_YEAR, FUNCTIONAL));
    }

    @Test
    void onlyWhatChangesIsRecorded() {
        Capture<Object> result = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, ECONOMIC, e("30101", "基本工资"), e("30199", "其他工资福利"), e("30198", "新款")))
                .expectEvents(new CatalogueRevised(
                        SHIPPED_YEAR,
                        ECONOMIC,
                        List.of(e("30199", "其他工资福利"), e("30198", "新款")),
                        java.util.List.of(),
                        REC))
                .expectResultMessagePayloadMatching(result);
        CatalogueBook.Revision r = result.value();
        assertThat(r.changed()).isEqualTo(2);
        assertThat(r.catalogue().isValid("30198")).isTrue();
    }

    @Test
    void anUnchangedRevisionAppliesNoEvent() {
        Capture<Object> result = Capture.capture();
        fixture()
                .given(new CatalogueRevised(
                        SHIPPED_YEAR, FUNCTIONAL, List.of(e("2013704", "网络安全")), java.util.List.of(), REC))
                .when(revise(
                        SHIPPED_YEAR, FUNCTIONAL, e("2013701", "行政运行"), e("201", "一般公共服务支出"), e("2013704", "网络安全")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result);
        CatalogueBook.Revision r = result.value();
        assertThat(r.error()).isNull();
        assertThat(r.changed()).isZero();
        assertThat(r.catalogue().isValid("2013704")).isTrue();
    }

    @Test
    void anUnchangedFirstRevisionAppliesNoEvent() {
        // no stream yet and nothing to record: the aggregate is never created
        Capture<Object> result = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013701", "行政运行")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result);
        CatalogueBook.Revision r = result.value();
        assertThat(r.error()).isNull();
        assertThat(r.changed()).isZero();
    }

    @Test
    void aCodeWhoseParentsAreMissingIsRefused() {
        Capture<Object> result = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013704", "网络安全"), e("2990101", "无类无款")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result);
        CatalogueBook.Revision r = result.value();
        assertRefused(r, "code.parent_missing", "codes[1].code");
        assertThat(r.message()).contains("2990101").contains("299");
        assertThat(r.catalogue().contains("2013704"))
                .as("a refused request changes nothing")
                .isFalse();
    }

    @Test
    void aNewYearNeedsItsParentsTooButTheyMayComeInTheSameRequest() {
        Capture<Object> refused = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(NEW_YEAR, FUNCTIONAL, e("201", "一般公共服务支出"), e("2013701", "行政运行")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused);
        CatalogueBook.Revision r = refused.value();
        assertRefused(r, "code.parent_missing", "codes[1].code");
        assertThat(r.message()).contains("20137");
        assertThat(r.catalogue().size()).isZero();

        // child first, parents after: order inside a request does not matter
        List<CatalogueEntry> codes = List.of(e("2013701", "行政运行"), e("20137", "网信事务"), e("201", "一般公共服务支出"));
        Capture<Object> accepted = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(NEW_YEAR, FUNCTIONAL, codes))
                .expectEvents(new CatalogueRevised(NEW_YEAR, FUNCTIONAL, codes, java.util.List.of(), REC))
                .expectResultMessagePayloadMatching(accepted);
        CatalogueBook.Revision ok = accepted.value();
        assertThat(ok.error()).isNull();
        assertThat(ok.changed()).isEqualTo(3);
        assertThat(ok.catalogue().isValid("2013701")).isTrue();
        assertThat(ok.catalogue().fiscalYear()).isEqualTo(NEW_YEAR);
    }

    @Test
    void parentsFromAnEarlierRevisionCount() {
        Capture<Object> result = Capture.capture();
        fixture()
                .given(new CatalogueRevised(NEW_YEAR, ECONOMIC, List.of(e("301", "工资福利支出")), java.util.List.of(), REC))
                .when(revise(NEW_YEAR, ECONOMIC, e("30101", "基本工资")))
                .expectEvents(
                        new CatalogueRevised(NEW_YEAR, ECONOMIC, List.of(e("30101", "基本工资")), java.util.List.of(), REC))
                .expectResultMessagePayloadMatching(result);
        CatalogueBook.Revision r = result.value();
        assertThat(r.catalogue().size()).isEqualTo(2);
        assertThat(r.catalogue().isValid("30101")).isTrue();
    }

    @Test
    void wrongLevelsAreRefused() {
        Capture<Object> functional = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013704", "网络安全"), e("2013", "四位")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(functional);
        assertRefused(functional.value(), "code.level", "codes[1].code");

        Capture<Object> economic = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, ECONOMIC, e("3010101", "七位经济科目")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(economic);
        assertRefused(economic.value(), "code.level", "codes[0].code");

        Capture<Object> letters = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("20137a1", "字母")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(letters);
        assertRefused(letters.value(), "code.level", "codes[0].code");

        Capture<Object> missing = Capture.capture();
        List<CatalogueEntry> withNull = new ArrayList<>();
        withNull.add(null);
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, withNull))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(missing);
        assertRefused(missing.value(), "code.level", "codes[0].code");
    }

    @Test
    void aCodeTwiceInOneRequestIsRefused() {
        Capture<Object> result = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013704", "网络安全"), e("2013704", "网络安全（二）")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result);
        assertRefused(result.value(), "code.duplicate", "codes[1].code");
    }

    @Test
    void aNameIsRequiredAndBounded() {
        Capture<Object> blank = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013704", " ")))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(blank);
        assertRefused(blank.value(), "name.required", "codes[0].name");

        Capture<Object> tooLong = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013704", "名".repeat(CatalogueBook.MAX_NAME + 1))))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(tooLong);
        assertRefused(tooLong.value(), "name.required", "codes[0].name");

        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013704", "名".repeat(CatalogueBook.MAX_NAME))))
                .expectEvents(new CatalogueRevised(
                        SHIPPED_YEAR,
                        FUNCTIONAL,
                        List.of(e("2013704", "名".repeat(CatalogueBook.MAX_NAME))),
                        java.util.List.of(),
                        REC));
    }

    @Test
    void tooManyCodesInOneRequestAreRefused() {
        List<CatalogueEntry> codes = new ArrayList<>();
        for (int i = 0; i <= CatalogueBook.MAX_CODES_PER_REVISION; i++) {
            codes.add(e("201" + String.format("%04d", i % 10_000), "n" + i));
        }
        Capture<Object> result = Capture.capture();
        fixture()
                .givenNoPriorActivity()
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, codes))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(result);
        assertRefused(result.value(), "codes.too_many", "codes");
    }

    @Test
    void revisionsNeverDelete() {
        Capture<Object> result = Capture.capture();
        fixture()
                .given(new CatalogueRevised(
                        SHIPPED_YEAR, FUNCTIONAL, List.of(e("2013704", "网络安全")), java.util.List.of(), REC))
                .when(revise(SHIPPED_YEAR, FUNCTIONAL, e("2013799", "其他网信事务支出（改）")))
                .expectEvents(new CatalogueRevised(
                        SHIPPED_YEAR, FUNCTIONAL, List.of(e("2013799", "其他网信事务支出（改）")), java.util.List.of(), REC))
                .expectResultMessagePayloadMatching(result);
        Catalogue c = ((CatalogueBook.Revision) result.value()).catalogue();
        assertThat(c.contains("2013704")).isTrue();
        assertThat(c.size()).isEqualTo(shippedSize(SHIPPED_YEAR, FUNCTIONAL) + 1);
        ShippedCatalogues.load(SHIPPED_YEAR, FUNCTIONAL)
                .orElseThrow()
                .entries()
                .forEach(entry ->
                        assertThat(c.contains(entry.code())).as(entry.code()).isTrue());
    }
}

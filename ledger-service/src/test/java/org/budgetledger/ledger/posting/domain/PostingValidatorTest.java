package org.budgetledger.ledger.posting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.budgetledger.ledger.posting.domain.PostingInputs.appropriation;
import static org.budgetledger.ledger.posting.domain.PostingInputs.budget;
import static org.budgetledger.ledger.posting.domain.PostingInputs.expenditure;
import static org.budgetledger.ledger.posting.domain.PostingInputs.fundOffset;
import static org.budgetledger.ledger.posting.domain.PostingInputs.income;
import static org.budgetledger.ledger.posting.domain.PostingInputs.openingBalance;
import static org.budgetledger.ledger.posting.domain.PostingInputs.procurement;
import static org.budgetledger.ledger.posting.domain.PostingInputs.reversal;
import static org.budgetledger.ledger.posting.domain.PostingInputs.surplusDistribution;
import static org.budgetledger.ledger.posting.domain.PostingRule.*;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The stateless rules at their boundaries, one row per input; JSON numbers vs strings are PostingReader's concern. */
class PostingValidatorTest {

    /** 2019's shipped functional catalogue with an economic catalogue that lists 30101 but not its 类 301. */
    static final Catalogues ORPHAN_ECONOMIC = (year, kind) -> kind == CatalogueKind.FUNCTIONAL
            ? TestCatalogues.SHIPPED.of(year, kind)
            : Optional.of(Catalogue.of(
                    year, kind, List.of(new CatalogueEntry("30101", "基本工资"), new CatalogueEntry("302", "商品和服务支出"))));

    /** A year with a functional catalogue but no economic one. */
    static final Catalogues FUNCTIONAL_ONLY =
            (year, kind) -> kind == CatalogueKind.FUNCTIONAL ? TestCatalogues.SHIPPED.of(year, kind) : Optional.empty();

    static Arguments ok(String name, PostingInputs in) {
        return arguments(name, in, TestCatalogues.SHIPPED, null, null);
    }

    static Arguments broken(String name, PostingInputs in, PostingRule rule, String field) {
        return arguments(name, in, TestCatalogues.SHIPPED, rule, field);
    }

    static Arguments broken(String name, PostingInputs in, Catalogues catalogues, PostingRule rule, String field) {
        return arguments(name, in, catalogues, rule, field);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // amount
                ok("amount 0.01", appropriation("A", "0.01")),
                ok("amount 12", appropriation("A", "12")),
                ok("amount 12.5", appropriation("A", "12.5")),
                ok("amount 999999999999.99", appropriation("A", "999999999999.99")),
                broken("amount 0", appropriation("A", "0"), AMOUNT_NOT_POSITIVE, "amount"),
                broken("amount 0.00", appropriation("A", "0.00"), AMOUNT_NOT_POSITIVE, "amount"),
                broken("amount -0.00", appropriation("A", "-0.00"), AMOUNT_NOT_POSITIVE, "amount"),
                broken("amount -5.00", appropriation("A", "-5.00"), AMOUNT_NOT_POSITIVE, "amount"),
                broken("amount -5.001", appropriation("A", "-5.001"), AMOUNT_FORMAT, "amount"),
                broken("amount 12.345", appropriation("A", "12.345"), AMOUNT_FORMAT, "amount"),
                broken("amount 1e3", appropriation("A", "1e3"), AMOUNT_FORMAT, "amount"),
                broken("amount ' 5'", appropriation("A", " 5"), AMOUNT_FORMAT, "amount"),
                broken("amount '5 '", appropriation("A", "5 "), AMOUNT_FORMAT, "amount"),
                broken("amount +5", appropriation("A", "+5"), AMOUNT_FORMAT, "amount"),
                broken("amount 5.", appropriation("A", "5."), AMOUNT_FORMAT, "amount"),
                broken("amount .5", appropriation("A", ".5"), AMOUNT_FORMAT, "amount"),
                broken("amount 1,000.00", appropriation("A", "1,000.00"), AMOUNT_FORMAT, "amount"),
                broken("amount empty", appropriation("A", ""), AMOUNT_FORMAT, "amount"),
                broken("amount full-width digits", appropriation("A", "１２"), AMOUNT_FORMAT, "amount"),
                broken("amount 1000000000000.00", appropriation("A", "1000000000000.00"), AMOUNT_TOO_LARGE, "amount"),
                broken("amount 999999999999999", appropriation("A", "999999999999999"), AMOUNT_TOO_LARGE, "amount"),
                broken("amount missing", appropriation("A", null), AMOUNT_REQUIRED, "amount"),
                // occurredOn
                ok("occurredOn 2019-12-31", appropriation("A", "1.00").occurredOn("2019-12-31")),
                ok("occurredOn 2019-01-01", appropriation("A", "1.00").occurredOn("2019-01-01")),
                broken(
                        "occurredOn 2019-02-30",
                        appropriation("A", "1.00").occurredOn("2019-02-30"),
                        OCCURRED_ON_FORMAT,
                        "occurredOn"),
                broken(
                        "occurredOn 2019-02-29",
                        appropriation("A", "1.00").occurredOn("2019-02-29"),
                        OCCURRED_ON_FORMAT,
                        "occurredOn"),
                broken(
                        "occurredOn 2019-1-5",
                        appropriation("A", "1.00").occurredOn("2019-1-5"),
                        OCCURRED_ON_FORMAT,
                        "occurredOn"),
                broken(
                        "occurredOn 20190105",
                        appropriation("A", "1.00").occurredOn("20190105"),
                        OCCURRED_ON_FORMAT,
                        "occurredOn"),
                broken(
                        "occurredOn with time",
                        appropriation("A", "1.00").occurredOn("2019-01-05T10:00"),
                        OCCURRED_ON_FORMAT,
                        "occurredOn"),
                broken(
                        "occurredOn 2018-12-31",
                        appropriation("A", "1.00").occurredOn("2018-12-31"),
                        OCCURRED_ON_OUTSIDE_YEAR,
                        "occurredOn"),
                broken(
                        "occurredOn 2020-01-01",
                        appropriation("A", "1.00").occurredOn("2020-01-01"),
                        OCCURRED_ON_OUTSIDE_YEAR,
                        "occurredOn"),
                broken(
                        "occurredOn missing",
                        appropriation("A", "1.00").occurredOn(null),
                        OCCURRED_ON_REQUIRED,
                        "occurredOn"),
                // functional code
                broken(
                        "functionalCode 5 digits",
                        appropriation("A", "1.00").functionalCode("20137"),
                        FUNCTIONAL_CODE_LEVEL,
                        "functionalCode"),
                broken(
                        "functionalCode 3 digits",
                        appropriation("A", "1.00").functionalCode("201"),
                        FUNCTIONAL_CODE_LEVEL,
                        "functionalCode"),
                broken(
                        "functionalCode 8 digits",
                        appropriation("A", "1.00").functionalCode("20137010"),
                        FUNCTIONAL_CODE_LEVEL,
                        "functionalCode"),
                broken(
                        "functionalCode letter",
                        appropriation("A", "1.00").functionalCode("201370A"),
                        FUNCTIONAL_CODE_LEVEL,
                        "functionalCode"),
                broken(
                        "functionalCode not in catalogue",
                        appropriation("A", "1.00").functionalCode("2013704"),
                        FUNCTIONAL_CODE_UNKNOWN,
                        "functionalCode"),
                broken(
                        "functionalCode without parents",
                        appropriation("A", "1.00").functionalCode("2990101"),
                        FUNCTIONAL_CODE_UNKNOWN,
                        "functionalCode"),
                ok("functionalCode 2060199", appropriation("A", "1.00").functionalCode("2060199")),
                // economic code
                ok("economicCode 31002", expenditure("E", "1.00").economicCode("31002")),
                broken(
                        "economicCode 3 digits",
                        expenditure("E", "1.00").economicCode("301"),
                        ECONOMIC_CODE_LEVEL,
                        "economicCode"),
                broken(
                        "economicCode 7 digits",
                        expenditure("E", "1.00").economicCode("3010101"),
                        ECONOMIC_CODE_LEVEL,
                        "economicCode"),
                broken(
                        "economicCode not in catalogue",
                        expenditure("E", "1.00").economicCode("30198"),
                        ECONOMIC_CODE_UNKNOWN,
                        "economicCode"),
                broken(
                        "economicCode 款 without its 类",
                        expenditure("E", "1.00").economicCode("30101"),
                        ORPHAN_ECONOMIC,
                        ECONOMIC_CODE_UNKNOWN,
                        "economicCode"),
                broken(
                        "budget economicCode 款 without its 类",
                        budget("B", "1.00").economicCode("30101"),
                        ORPHAN_ECONOMIC,
                        ECONOMIC_CODE_UNKNOWN,
                        "economicCode"),
                ok("budget without economicCode", budget("B", "1.00")),
                broken(
                        "expenditure without economicCode",
                        expenditure("E", "1.00").economicCode(null),
                        ECONOMIC_CODE_REQUIRED,
                        "economicCode"),
                // expenditure kind against the fund source
                broken(
                        "fiscal with REMIT_TO_SUPERIOR",
                        expenditure("E", "1.00").expenditureKind("REMIT_TO_SUPERIOR"),
                        EXPENDITURE_KIND_NOT_FOR_FISCAL,
                        "expenditureKind"),
                broken(
                        "state capital with BUSINESS",
                        expenditure("E", "1.00").fundSource("STATE_CAPITAL").expenditureKind("BUSINESS"),
                        EXPENDITURE_KIND_NOT_FOR_FISCAL,
                        "expenditureKind"),
                broken(
                        "fiscal opening balance SUBSIDY_TO_AFFILIATES",
                        openingBalance("O", "1.00")
                                .fundSource("GOVERNMENT_FUND")
                                .expenditureKind("SUBSIDY_TO_AFFILIATES"),
                        EXPENDITURE_KIND_NOT_FOR_FISCAL,
                        "expenditureKind"),
                ok("fiscal with PROJECT", expenditure("E", "1.00").expenditureKind("PROJECT")),
                ok(
                        "operating with REMIT_TO_SUPERIOR",
                        expenditure("E", "1.00").fundSource("OPERATING").expenditureKind("REMIT_TO_SUPERIOR")),
                ok("opening balance without kind", openingBalance("O", "1.00")),
                broken(
                        "kind lower case",
                        expenditure("E", "1.00").expenditureKind("basic"),
                        EXPENDITURE_KIND_UNKNOWN,
                        "expenditureKind"),
                // fund source against the type
                broken(
                        "INCOME with GENERAL_BUDGET",
                        income("I", "1.00").fundSource("GENERAL_BUDGET"),
                        FUND_SOURCE_NOT_FOR_TYPE,
                        "fundSource"),
                broken(
                        "APPROPRIATION with OPERATING",
                        appropriation("A", "1.00").fundSource("OPERATING"),
                        FUND_SOURCE_NOT_FOR_TYPE,
                        "fundSource"),
                broken(
                        "FUND_OFFSET with GENERAL_BUDGET",
                        fundOffset("F", "1.00").fundSource("GENERAL_BUDGET"),
                        FUND_SOURCE_NOT_FOR_TYPE,
                        "fundSource"),
                broken(
                        "SURPLUS_DISTRIBUTION with STATE_CAPITAL",
                        surplusDistribution("S", "1.00").fundSource("STATE_CAPITAL"),
                        FUND_SOURCE_NOT_FOR_TYPE,
                        "fundSource"),
                ok(
                        "APPROPRIATION with GOVERNMENT_FUND",
                        appropriation("A", "1.00").fundSource("GOVERNMENT_FUND")),
                ok(
                        "APPROPRIATION with STATE_CAPITAL",
                        appropriation("A", "1.00").fundSource("STATE_CAPITAL")),
                ok("INCOME with SUPERIOR_SUBSIDY", income("I", "1.00").fundSource("SUPERIOR_SUBSIDY")),
                ok("INCOME with AFFILIATE_REMITTANCE", income("I", "1.00").fundSource("AFFILIATE_REMITTANCE")),
                ok("INCOME with OTHER", income("I", "1.00").fundSource("OTHER")),
                ok("BUDGET with OPERATING", budget("B", "1.00").fundSource("OPERATING")),
                ok("PROCUREMENT with BUSINESS", procurement("P", "1.00").fundSource("BUSINESS")),
                broken(
                        "FUND_OFFSET without fund source",
                        fundOffset("F", "1.00").fundSource(null),
                        FUND_SOURCE_REQUIRED,
                        "fundSource"),
                broken(
                        "fund source lower case",
                        appropriation("A", "1.00").fundSource("general_budget"),
                        FUND_SOURCE_UNKNOWN,
                        "fundSource"),
                // fields a type does not take
                broken(
                        "economicCode on APPROPRIATION",
                        appropriation("A", "1.00").economicCode("30101"),
                        FIELD_NOT_FOR_TYPE,
                        "economicCode"),
                broken(
                        "economicCode on PROCUREMENT",
                        procurement("P", "1.00").economicCode("30101"),
                        FIELD_NOT_FOR_TYPE,
                        "economicCode"),
                broken("stage on EXPENDITURE", expenditure("E", "1.00").stage("INITIAL"), FIELD_NOT_FOR_TYPE, "stage"),
                broken("amount on REVERSAL", reversal("R", "A").amount("1.00"), FIELD_NOT_FOR_TYPE, "amount"),
                broken(
                        "fundSource on REVERSAL",
                        reversal("R", "A").fundSource("GENERAL_BUDGET"),
                        FIELD_NOT_FOR_TYPE,
                        "fundSource"),
                broken(
                        "functionalCode on REVERSAL",
                        reversal("R", "A").functionalCode("2013701"),
                        FIELD_NOT_FOR_TYPE,
                        "functionalCode"),
                broken(
                        "occurredOn on REVERSAL",
                        reversal("R", "A").occurredOn("2019-03-01"),
                        FIELD_NOT_FOR_TYPE,
                        "occurredOn"),
                broken(
                        "procurement on EXPENDITURE",
                        expenditure("E", "1.00").procurement("GOODS", true, false),
                        FIELD_NOT_FOR_TYPE,
                        "procurement"),
                broken(
                        "expenditureKind on INCOME",
                        income("I", "1.00").expenditureKind("BASIC"),
                        FIELD_NOT_FOR_TYPE,
                        "expenditureKind"),
                broken(
                        "reverses on APPROPRIATION",
                        appropriation("A", "1.00").reverses("X"),
                        FIELD_NOT_FOR_TYPE,
                        "reverses"),
                broken("reason on EXPENDITURE", expenditure("E", "1.00").reason("why"), FIELD_NOT_FOR_TYPE, "reason"),
                ok(
                        "description and activity on REVERSAL",
                        reversal("R", "A").description("撤销").activity("MEETING", 1, 2)),
                // catalogue
                broken(
                        "no catalogue for 1995",
                        appropriation("A", "1.00").fiscalYear(1995).occurredOn("1995-06-30"),
                        CATALOGUE_MISSING,
                        "fiscalYear"),
                broken(
                        "no economic catalogue",
                        appropriation("A", "1.00"),
                        FUNCTIONAL_ONLY,
                        CATALOGUE_MISSING,
                        "fiscalYear"),
                ok("no catalogue needed for a REVERSAL", reversal("R", "A").fiscalYear(1995)),
                // procurement, activity, text
                ok("procurement sme and small-micro", procurement("P", "1.00").procurement("WORKS", true, true)),
                ok("procurement awards absent", procurement("P", "1.00").procurement("WORKS", null, null)),
                broken(
                        "procurement small-micro without sme",
                        procurement("P", "1.00").procurement("WORKS", null, true),
                        PROCUREMENT_AWARDS,
                        "procurement.smeAwarded"),
                broken(
                        "procurement category missing",
                        procurement("P", "1.00").procurement(null, true, false),
                        PROCUREMENT_CATEGORY,
                        "procurement.category"),
                broken(
                        "activity kind missing",
                        appropriation("A", "1.00").activity(null, 1, 1),
                        ACTIVITY_KIND,
                        "activity.kind"),
                ok("activity counts at their bounds", appropriation("A", "1.00").activity("TRAINING", 0, 1_000_000)),
                ok("activity counts absent", appropriation("A", "1.00").activity("TRAINING", null, null)),
                broken(
                        "activity groups negative",
                        appropriation("A", "1.00").activity("TRAINING", -1, 0),
                        ACTIVITY_COUNT,
                        "activity"),
                ok("description of 2000 characters", appropriation("A", "1.00").description("说".repeat(2000))),
                broken(
                        "description of 2001 characters",
                        appropriation("A", "1.00").description("说".repeat(2001)),
                        TEXT_TOO_LONG,
                        "description"),
                // identity and routing, as the validator sees them
                broken(
                        "postingId of 65 characters",
                        appropriation("x".repeat(65), "1.00"),
                        POSTING_ID_FORMAT,
                        "postingId"),
                ok("postingId of 64 characters", appropriation("x".repeat(64), "1.00")),
                ok("postingId with . _ : -", appropriation("a.b_c:d-e", "1.00")),
                broken(
                        "sourceSystem of 65 characters",
                        appropriation("A", "1.00").sourceSystem("s".repeat(65)),
                        SOURCE_SYSTEM_FORMAT,
                        "sourceSystem"),
                broken(
                        "sourceSystem with a tab",
                        appropriation("A", "1.00").sourceSystem("a\tb"),
                        SOURCE_SYSTEM_FORMAT,
                        "sourceSystem"),
                ok("sourceSystem with spaces inside", appropriation("A", "1.00").sourceSystem("treasury payments 支付")),
                broken(
                        "unitCode of 33 characters",
                        appropriation("A", "1.00").unitCode("U".repeat(33)),
                        UNIT_CODE_FORMAT,
                        "unitCode"),
                broken(
                        "unitCode starting with -",
                        appropriation("A", "1.00").unitCode("-HT"),
                        UNIT_CODE_FORMAT,
                        "unitCode"),
                broken("fiscalYear 2101", appropriation("A", "1.00").fiscalYear(2101), FISCAL_YEAR_RANGE, "fiscalYear"),
                broken("type lower case", appropriation("A", "1.00").type("appropriation"), TYPE_UNKNOWN, "type"),
                // shape problems come first
                broken(
                        "shape violation before anything else",
                        appropriation(null, "nonsense")
                                .shapeViolation(WRONG_JSON_TYPE.violationOf("fiscalYear", "must be a whole number")),
                        WRONG_JSON_TYPE,
                        "fiscalYear"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void boundaries(String name, PostingInputs in, Catalogues catalogues, PostingRule rule, String field) {
        PostingValidator.Checked checked = PostingValidator.validate(in.build(), catalogues);
        if (rule == null) {
            assertThat(checked.violation()).as(name).isNull();
            assertThat(checked.valid()).isTrue();
            assertThat(checked.posting()).isNotNull();
        } else {
            assertThat(checked.valid()).as(name).isFalse();
            assertThat(checked.posting()).isNull();
            assertThat(checked.violation().error())
                    .as("error of %s: %s", name, checked.violation())
                    .isEqualTo(rule.code());
            assertThat(checked.violation().field()).as("field of %s", name).isEqualTo(field);
            assertThat(checked.violation().message())
                    .as("message names the field")
                    .startsWith(field + " ")
                    .contains(rule.description());
        }
        // pure: the same input and catalogues give the same answer
        assertThat(PostingValidator.validate(in.build(), catalogues)).isEqualTo(checked);
    }

    @Test
    void theSmallestAndLargestAmountsAreExact() {
        assertThat(PostingValidator.validate(appropriation("A", "0.01").build(), TestCatalogues.SHIPPED)
                        .posting()
                        .amount())
                .isEqualTo(Money.ofFen(1));
        assertThat(PostingValidator.validate(
                                appropriation("A", "999999999999.99").build(), TestCatalogues.SHIPPED)
                        .posting()
                        .amount())
                .isEqualTo(Money.MAX_POSTING);
        assertThat(PostingValidator.validate(appropriation("A", "12.5").build(), TestCatalogues.SHIPPED)
                        .posting()
                        .amount())
                .isEqualTo(Money.ofFen(1250));
    }

    @Test
    void aValidExpenditureBecomesATypedPosting() {
        Posting p = PostingValidator.validate(
                        expenditure("E-1", "4275.00")
                                .description("1月基本工资")
                                .activity("RECEPTION", 1, 5)
                                .build(),
                        TestCatalogues.SHIPPED)
                .posting();
        assertThat(p.type()).isEqualTo(PostingType.EXPENDITURE);
        assertThat(p.fundSource()).isEqualTo(FundSource.GENERAL_BUDGET);
        assertThat(p.functionalCode()).isEqualTo("2013701");
        assertThat(p.economicCode()).isEqualTo("30101");
        assertThat(p.expenditureKind()).isEqualTo(ExpenditureKind.BASIC);
        assertThat(p.amount()).isEqualTo(Money.parse("4275.00"));
        assertThat(p.occurredOn()).isEqualTo(LocalDate.of(2019, 3, 15));
        assertThat(p.stage()).isNull();
        assertThat(p.procurement()).isNull();
        assertThat(p.reverses()).isNull();
    }

    @Test
    void aValidReversalCarriesNoMovementFields() {
        Posting p = PostingValidator.validate(reversal("R-1", "E-1").build(), TestCatalogues.SHIPPED)
                .posting();
        assertThat(p.type()).isEqualTo(PostingType.REVERSAL);
        assertThat(p.reverses()).isEqualTo("E-1");
        assertThat(p.reason()).isEqualTo("posted twice by mistake");
        assertThat(p.amount()).isNull();
        assertThat(p.fundSource()).isNull();
        assertThat(p.functionalCode()).isNull();
        assertThat(p.occurredOn()).isNull();
    }

    @Test
    void everyRuleMessageNamesItsField() {
        for (PostingRule rule : PostingRule.values()) {
            String field = rule.field() == null ? "some.field" : rule.field();
            Violation v = rule.violationOf(field, "detail");
            assertThat(v.error()).isEqualTo(rule.code());
            assertThat(v.field()).isEqualTo(field);
            assertThat(v.message()).as("%s", rule).startsWith(field + " ").endsWith("(detail)");
            assertThat(rule.violation().message())
                    .as("%s", rule)
                    .startsWith(rule.field() == null ? "posting " : rule.field() + " ");
        }
    }
}

package org.budgetledger.ledger.posting.domain;

import static org.budgetledger.contract.PostingType.BUDGET;
import static org.budgetledger.contract.PostingType.EXPENDITURE;
import static org.budgetledger.contract.PostingType.OPENING_BALANCE;
import static org.budgetledger.contract.PostingType.PROCUREMENT;
import static org.budgetledger.contract.PostingType.REVERSAL;
import static org.budgetledger.ledger.posting.domain.PostingRule.*;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.budgetledger.contract.Activity;
import org.budgetledger.contract.BudgetStage;
import org.budgetledger.contract.ExpenditureKind;
import org.budgetledger.contract.FundSource;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.Money;
import org.budgetledger.contract.Posting;
import org.budgetledger.contract.PostingType;
import org.budgetledger.contract.Procurement;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueKind;

/**
 * The stateless rules: a posting's fields against its type, the formats, bounds and the fiscal year's catalogue.
 * Pure: the same input and catalogues always give the same answer. The ledger adds the stateful rules.
 */
public final class PostingValidator {

    public static final Pattern POSTING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    public static final int MAX_TEXT = 2000;
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MAX_COUNT = 1_000_000;

    private static final Set<FundSource> FISCAL = sources(true);
    private static final Set<FundSource> NON_FISCAL = sources(false);

    private PostingValidator() {}

    /** The result: exactly one of posting and violation is set. */
    public record Checked(Posting posting, Violation violation) {
        static Checked ok(Posting p) {
            return new Checked(p, null);
        }

        static Checked broken(Violation v) {
            return new Checked(null, v);
        }

        public boolean valid() {
            return violation == null;
        }
    }

    /** The identity rules, checked before anything else so that a posting can be deduplicated. */
    public static Optional<Violation> checkIdentity(PostingInput in) {
        Optional<Violation> shape = shapeOf(in, "postingId").or(() -> shapeOf(in, "sourceSystem"));
        if (shape.isPresent()) {
            return shape;
        }
        if (in.postingId() == null) {
            return Optional.of(POSTING_ID_REQUIRED.violation());
        }
        if (!POSTING_ID.matcher(in.postingId()).matches()) {
            return Optional.of(POSTING_ID_FORMAT.violation(quote(in.postingId())));
        }
        if (in.sourceSystem() == null) {
            return Optional.of(SOURCE_SYSTEM_REQUIRED.violation());
        }
        String ss = in.sourceSystem();
        if (!sourceSystemWellFormed(ss)) {
            return Optional.of(SOURCE_SYSTEM_FORMAT.violation(quote(ss)));
        }
        return Optional.empty();
    }

    /** The routing rules: which ledger the posting belongs to. */
    public static Optional<Violation> checkLedger(PostingInput in) {
        Optional<Violation> shape = shapeOf(in, "unitCode").or(() -> shapeOf(in, "fiscalYear"));
        if (shape.isPresent()) {
            return shape;
        }
        if (in.unitCode() == null) {
            return Optional.of(UNIT_CODE_REQUIRED.violation());
        }
        if (!LedgerId.UNIT_CODE.matcher(in.unitCode()).matches()) {
            return Optional.of(UNIT_CODE_FORMAT.violation(quote(in.unitCode())));
        }
        if (in.fiscalYear() == null) {
            return Optional.of(FISCAL_YEAR_REQUIRED.violation());
        }
        if (in.fiscalYear() < LedgerId.MIN_YEAR || in.fiscalYear() > LedgerId.MAX_YEAR) {
            return Optional.of(FISCAL_YEAR_RANGE.violation(String.valueOf(in.fiscalYear())));
        }
        return Optional.empty();
    }

    /** A field the reader found of the wrong JSON type is reported as such, not as missing. */
    private static Optional<Violation> shapeOf(PostingInput in, String field) {
        return in.shapeViolations().stream()
                .filter(v -> field.equals(v.field()))
                .findFirst();
    }

    /** Every rule: the identity and the ledger (which the service checks first, once), then the content. */
    public static Checked validate(PostingInput in, Catalogues catalogues) {
        if (!in.shapeViolations().isEmpty()) {
            return Checked.broken(in.shapeViolations().get(0));
        }
        Optional<Violation> early = checkIdentity(in).or(() -> checkLedger(in));
        if (early.isPresent()) {
            return Checked.broken(early.get());
        }
        return validateContent(in, catalogues);
    }

    /**
     * The rules on the content of a posting whose identity and ledger were checked before it was routed to its ledger
     * ({@link #checkIdentity}, {@link #checkLedger}): what the ledger decides on.
     */
    public static Checked validateContent(PostingInput in, Catalogues catalogues) {
        if (!in.shapeViolations().isEmpty()) {
            return Checked.broken(in.shapeViolations().get(0));
        }
        if (in.type() == null) {
            return Checked.broken(TYPE_REQUIRED.violation());
        }
        PostingType type = parseEnum(PostingType.class, in.type());
        if (type == null) {
            return Checked.broken(TYPE_UNKNOWN.violation(quote(in.type())));
        }
        Optional<Violation> misplaced = checkFieldsApply(in, type);
        if (misplaced.isPresent()) {
            return Checked.broken(misplaced.get());
        }
        for (String[] text : new String[][] {{"description", in.description()}, {"reason", in.reason()}}) {
            if (text[1] != null && text[1].length() > MAX_TEXT) {
                return Checked.broken(TEXT_TOO_LONG.violationOf(text[0], text[1].length() + " characters"));
            }
            if (text[1] != null
                    && (text[1].chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                            || hasUnpairedSurrogate(text[1]))) {
                return Checked.broken(TEXT_CONTROL_CHARACTERS.violationOf(text[0], null));
            }
        }
        Optional<Activity> activity = Optional.empty();
        if (in.activity() != null) {
            Activity.Kind kind = parseEnum(Activity.Kind.class, in.activity().kind());
            if (kind == null) {
                return Checked.broken(
                        ACTIVITY_KIND.violation(quote(in.activity().kind())));
            }
            for (Integer count :
                    new Integer[] {in.activity().groups(), in.activity().persons()}) {
                if (count != null && (count < 0 || count > MAX_COUNT)) {
                    return Checked.broken(ACTIVITY_COUNT.violation(String.valueOf(count)));
                }
            }
            activity = Optional.of(
                    new Activity(kind, in.activity().groups(), in.activity().persons()));
        }
        if (type == REVERSAL) {
            return validateReversal(in, activity.orElse(null));
        }
        return validateMovement(in, type, catalogues, activity.orElse(null));
    }

    private static Checked validateReversal(PostingInput in, Activity activity) {
        if (in.reverses() == null) {
            return Checked.broken(REVERSES_REQUIRED.violation());
        }
        if (!POSTING_ID.matcher(in.reverses()).matches()) {
            return Checked.broken(REVERSES_UNKNOWN.violation(quote(in.reverses())));
        }
        if (in.reason() == null || in.reason().isBlank()) {
            return Checked.broken(REASON_REQUIRED.violation());
        }
        return Checked.ok(new Posting(
                in.postingId(),
                in.sourceSystem(),
                in.unitCode(),
                in.fiscalYear(),
                REVERSAL,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                in.description(),
                activity,
                null,
                in.reverses(),
                in.reason()));
    }

    /** A field read, or the rule it breaks (the first, in the order the rules are checked). */
    private record Read<T>(T value, Violation broken) {
        static <T> Read<T> ok(T value) {
            return new Read<>(value, null);
        }

        static <T> Read<T> bad(Violation broken) {
            return new Read<>(null, broken);
        }
    }

    private static Checked validateMovement(
            PostingInput in, PostingType type, Catalogues catalogues, Activity activity) {
        int year = in.fiscalYear();
        Read<FundSource> fundSource = fundSource(in, type);
        Read<Money> amount = fundSource.broken() != null ? Read.bad(fundSource.broken()) : amount(in);
        Read<LocalDate> occurredOn = amount.broken() != null ? Read.bad(amount.broken()) : occurredOn(in, year);
        Violation broken = occurredOn.broken() != null ? occurredOn.broken() : codes(in, type, catalogues, year);
        Read<ExpenditureKind> kind = broken != null ? Read.bad(broken) : kind(in, type, fundSource.value());
        Read<BudgetStage> stage = kind.broken() != null ? Read.bad(kind.broken()) : stage(in, type);
        Read<Procurement> procurement = stage.broken() != null ? Read.bad(stage.broken()) : procurement(in, type);
        if (procurement.broken() != null) {
            return Checked.broken(procurement.broken());
        }
        return Checked.ok(new Posting(
                in.postingId(),
                in.sourceSystem(),
                in.unitCode(),
                year,
                type,
                fundSource.value(),
                in.functionalCode(),
                in.economicCode(),
                kind.value(),
                stage.value(),
                amount.value(),
                occurredOn.value(),
                in.description(),
                activity,
                procurement.value(),
                null,
                null));
    }

    /** The fund source, and whether the type takes it (appropriations are fiscal, income is not). */
    private static Read<FundSource> fundSource(PostingInput in, PostingType type) {
        if (in.fundSource() == null) {
            return Read.bad(FUND_SOURCE_REQUIRED.violation());
        }
        FundSource fundSource = parseEnum(FundSource.class, in.fundSource());
        if (fundSource == null) {
            return Read.bad(FUND_SOURCE_UNKNOWN.violation(quote(in.fundSource())));
        }
        Set<FundSource> allowed = switch (type) {
            case APPROPRIATION -> FISCAL;
            case INCOME, FUND_OFFSET, SURPLUS_DISTRIBUTION -> NON_FISCAL;
            default -> EnumSet.allOf(FundSource.class);
        };
        return allowed.contains(fundSource)
                ? Read.ok(fundSource)
                : Read.bad(FUND_SOURCE_NOT_FOR_TYPE.violation(fundSource + " for " + type + "; allowed: " + allowed));
    }

    /** A positive amount in yuan with at most 2 decimals, at most the largest posting. */
    private static Read<Money> amount(PostingInput in) {
        if (in.amount() == null) {
            return Read.bad(AMOUNT_REQUIRED.violation());
        }
        String amountText = in.amount();
        if (amountText.startsWith("-")
                && AMOUNT.matcher(amountText.substring(1)).matches()) {
            return Read.bad(AMOUNT_NOT_POSITIVE.violation(quote(amountText)));
        }
        if (!AMOUNT.matcher(amountText).matches()) {
            return Read.bad(AMOUNT_FORMAT.violation(quote(amountText)));
        }
        Money amount = Money.parse(amountText);
        if (!amount.isPositive()) {
            return Read.bad(AMOUNT_NOT_POSITIVE.violation(quote(amountText)));
        }
        return amount.compareTo(Money.MAX_POSTING) > 0
                ? Read.bad(AMOUNT_TOO_LARGE.violation(quote(amountText)))
                : Read.ok(amount);
    }

    /** A date of the ledger's fiscal year. */
    private static Read<LocalDate> occurredOn(PostingInput in, int year) {
        if (in.occurredOn() == null) {
            return Read.bad(OCCURRED_ON_REQUIRED.violation());
        }
        LocalDate occurredOn = parseDate(in.occurredOn());
        if (occurredOn == null) {
            return Read.bad(OCCURRED_ON_FORMAT.violation(quote(in.occurredOn())));
        }
        return occurredOn.getYear() != year
                ? Read.bad(OCCURRED_ON_OUTSIDE_YEAR.violation(in.occurredOn() + " is not in " + year))
                : Read.ok(occurredOn);
    }

    /** The classification codes against the year's catalogue: a 项 always, a 款 of economy for an expenditure. */
    private static Violation codes(PostingInput in, PostingType type, Catalogues catalogues, int year) {
        Optional<Catalogue> functional = catalogues.of(year, CatalogueKind.FUNCTIONAL);
        Optional<Catalogue> economic = catalogues.of(year, CatalogueKind.ECONOMIC);
        if (functional.isEmpty() || economic.isEmpty()) {
            return CATALOGUE_MISSING.violation(String.valueOf(year));
        }
        if (in.functionalCode() == null) {
            return FUNCTIONAL_CODE_REQUIRED.violation();
        }
        if (in.functionalCode().length() != 7 || !CatalogueKind.FUNCTIONAL.isLevel(in.functionalCode())) {
            return FUNCTIONAL_CODE_LEVEL.violation(quote(in.functionalCode()));
        }
        if (!functional.get().isValid(in.functionalCode())) {
            return FUNCTIONAL_CODE_UNKNOWN.violation(in.functionalCode() + " in " + year);
        }
        String economicCode = in.economicCode();
        if (type == EXPENDITURE && economicCode == null) {
            return ECONOMIC_CODE_REQUIRED.violation();
        }
        if (economicCode != null && (economicCode.length() != 5 || !CatalogueKind.ECONOMIC.isLevel(economicCode))) {
            return ECONOMIC_CODE_LEVEL.violation(quote(economicCode));
        }
        if (economicCode != null && !economic.get().isValid(economicCode)) {
            return ECONOMIC_CODE_UNKNOWN.violation(economicCode + " in " + year);
        }
        return null;
    }

    /** Basic, project, …: required of an expenditure; fiscal money only for the kinds that take it. */
    private static Read<ExpenditureKind> kind(PostingInput in, PostingType type, FundSource fundSource) {
        if (type == EXPENDITURE && in.expenditureKind() == null) {
            return Read.bad(EXPENDITURE_KIND_REQUIRED.violation());
        }
        if (in.expenditureKind() == null) {
            return Read.ok(null);
        }
        ExpenditureKind kind = parseEnum(ExpenditureKind.class, in.expenditureKind());
        if (kind == null) {
            return Read.bad(EXPENDITURE_KIND_UNKNOWN.violation(quote(in.expenditureKind())));
        }
        return fundSource.fiscal() && !kind.allowedForFiscalMoney()
                ? Read.bad(EXPENDITURE_KIND_NOT_FOR_FISCAL.violation(kind + " with " + fundSource))
                : Read.ok(kind);
    }

    /** The stage of a budget. */
    private static Read<BudgetStage> stage(PostingInput in, PostingType type) {
        if (type != BUDGET) {
            return Read.ok(null);
        }
        if (in.stage() == null) {
            return Read.bad(STAGE_REQUIRED.violation());
        }
        BudgetStage stage = parseEnum(BudgetStage.class, in.stage());
        return stage == null ? Read.bad(STAGE_UNKNOWN.violation(quote(in.stage()))) : Read.ok(stage);
    }

    /** The contract of a procurement: its category, and small-micro awards only as SME awards. */
    private static Read<Procurement> procurement(PostingInput in, PostingType type) {
        if (type != PROCUREMENT) {
            return Read.ok(null);
        }
        if (in.procurement() == null) {
            return Read.bad(PROCUREMENT_REQUIRED.violation());
        }
        Procurement.Category category =
                parseEnum(Procurement.Category.class, in.procurement().category());
        if (category == null) {
            return Read.bad(
                    PROCUREMENT_CATEGORY.violation(quote(in.procurement().category())));
        }
        boolean sme = Boolean.TRUE.equals(in.procurement().smeAwarded());
        boolean smallMicro = Boolean.TRUE.equals(in.procurement().smallMicroAwarded());
        return smallMicro && !sme
                ? Read.bad(PROCUREMENT_AWARDS.violation())
                : Read.ok(new Procurement(category, sme, smallMicro));
    }

    /** Fields a type does not take are rejected rather than ignored: a ledger must not drop what a sender meant. */
    private static Optional<Violation> checkFieldsApply(PostingInput in, PostingType type) {
        boolean reversal = type == REVERSAL;
        Object[][] fields = {
            {"fundSource", in.fundSource(), !reversal},
            {"functionalCode", in.functionalCode(), !reversal},
            {"economicCode", in.economicCode(), type == EXPENDITURE || type == BUDGET},
            {"expenditureKind", in.expenditureKind(), type == EXPENDITURE || type == OPENING_BALANCE},
            {"stage", in.stage(), type == BUDGET},
            {"amount", in.amount(), !reversal},
            {"occurredOn", in.occurredOn(), !reversal},
            {"procurement", in.procurement(), type == PROCUREMENT},
            {"reverses", in.reverses(), reversal},
            {"reason", in.reason(), reversal},
        };
        for (Object[] f : fields) {
            if (f[1] != null && !(Boolean) f[2]) {
                return Optional.of(FIELD_NOT_FOR_TYPE.violationOf((String) f[0], "not taken by " + type));
            }
        }
        return Optional.empty();
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static LocalDate parseDate(String text) {
        if (!DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        if (text == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        return null;
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return "got \"" + shown + "\"";
    }

    /** 1-64 characters, no surrounding blanks, no control characters (a name a channel or a key could grant). */
    public static boolean sourceSystemWellFormed(String ss) {
        return ss != null
                && !ss.isEmpty()
                && ss.length() <= 64
                && ss.equals(ss.strip())
                && ss.chars().noneMatch(Character::isISOControl);
    }

    private static Set<FundSource> sources(boolean fiscal) {
        Set<FundSource> sources = EnumSet.noneOf(FundSource.class);
        Arrays.stream(FundSource.values()).filter(f -> f.fiscal() == fiscal).forEach(sources::add);
        return Collections.unmodifiableSet(sources);
    }
}

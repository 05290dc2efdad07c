package org.budgetledger.ledger.hostile;

import static org.budgetledger.ledger.hostile.PostingContract.ACTIVITY_FIELDS;
import static org.budgetledger.ledger.hostile.PostingContract.ACTIVITY_KINDS;
import static org.budgetledger.ledger.hostile.PostingContract.AMOUNT;
import static org.budgetledger.ledger.hostile.PostingContract.CATEGORIES;
import static org.budgetledger.ledger.hostile.PostingContract.DATE;
import static org.budgetledger.ledger.hostile.PostingContract.FIELDS;
import static org.budgetledger.ledger.hostile.PostingContract.FISCAL;
import static org.budgetledger.ledger.hostile.PostingContract.FUND_SOURCES;
import static org.budgetledger.ledger.hostile.PostingContract.JSON;
import static org.budgetledger.ledger.hostile.PostingContract.KINDS;
import static org.budgetledger.ledger.hostile.PostingContract.MAX_AMOUNT;
import static org.budgetledger.ledger.hostile.PostingContract.POSTING_ID;
import static org.budgetledger.ledger.hostile.PostingContract.PROCUREMENT_FIELDS;
import static org.budgetledger.ledger.hostile.PostingContract.STAGES;
import static org.budgetledger.ledger.hostile.PostingContract.TYPES;
import static org.budgetledger.ledger.hostile.PostingContract.UNIT_CODE;
import static org.budgetledger.ledger.hostile.PostingContract.effect;
import static org.budgetledger.ledger.hostile.PostingContract.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.budgetledger.ledger.hostile.ExpectedLedger.Held;

/**
 * The second opinion on every posting the hostile-input tests send: the contract's rules (docs/POSTINGS.md#posting-fields,
 * #validation-rules, #idempotency, #reversals, #availability) written out from the document, independently of the
 * service. For a body or a posting and the ledger it is sent to ({@link ExpectedLedger}), it says what the service must
 * answer ({@link Verdict}): recorded (201, and what that changes), a duplicate (200), a conflict (409), malformed
 * (400), the wrong media type (415), or refused (422) naming one of the fields that are actually wrong.
 * <p>
 * It must never call the service's validation (PostingValidator, PostingReader, the domain): a model that shares the
 * code it checks would agree with that code's bugs. It reads only the shipped catalogue's codes ({@link CatalogueLeaves}).
 */
public final class PostingOracle {

    private final int fiscalYear;
    private final Set<String> functionalCodes;
    private final Set<String> economicCodes;

    /** An oracle for ledgers of the catalogue's year, that knows the catalogue's leaves as the valid codes. */
    public PostingOracle(CatalogueLeaves catalogue) {
        this.fiscalYear = catalogue.year();
        this.functionalCodes = new HashSet<>(catalogue.functional());
        this.economicCodes = new HashSet<>(catalogue.economic());
    }

    /** Whether a 422's field names a field of the posting, or a field of its nested objects ({@code activity.kind}). */
    public static boolean isFieldPath(String field) {
        return PostingContract.PATHS.contains(field);
    }

    /**
     * The verdict on a body sent to {@code POST /api/v1/postings} (or {@code /batch}): malformed (400), wrong media type
     * (415), too large a batch (422), a batch to read item by item (200, with {@link Verdict#items()}), or the posting's.
     */
    public Verdict judgeBody(byte[] body, String contentType, ExpectedLedger m, boolean batch) {
        if (contentType != null && (contentType.contains("charset=nope") || contentType.startsWith("multipart/"))) {
            return Verdict.oneOf(415, 400);
        }
        if (!isJsonMediaType(contentType)) {
            return Verdict.of(415);
        }
        JsonNode node = parse(body, contentType);
        if (!batch) {
            return node == null || !node.isObject()
                    ? Verdict.malformed()
                    : judge(node, m); // applied once the answer is checked
        }
        if (node == null || !node.isArray()) {
            return Verdict.malformed();
        }
        if (node.size() > 1000) {
            return Verdict.of(422);
        }
        Verdict ok = Verdict.of(200);
        ok.items = new ArrayList<>();
        node.forEach(ok.items::add);
        return ok;
    }

    /** The verdict on a Kafka record's value, read as the listener reads it: UTF-8 text. */
    public Verdict judgeText(String text, ExpectedLedger m) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            return Verdict.malformed();
        }
        return node == null || !node.isObject() ? Verdict.malformed() : judge(node, m);
    }

    private static boolean isJsonMediaType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String base = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return base.equals("application/json");
    }

    /** Reads the body as the service does: Jackson's own detection of UTF-8/16/32, or the declared other charset. */
    private static JsonNode parse(byte[] body, String contentType) {
        try {
            Charset declared = null;
            int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (at >= 0) {
                declared = Charset.forName(contentType.substring(at + 8).strip());
            }
            if (declared == null || declared.name().startsWith("UTF-")) {
                return JSON.readTree(body);
            }
            return JSON.readTree(new String(body, declared));
        } catch (Exception e) {
            return null;
        }
    }

    // ---- one posting ------------------------------------------------------------------------------------------

    /** The posting's fields as read: null when absent, or of the wrong JSON type (a defect noted then). */
    private record Fields(
            String postingId,
            String sourceSystem,
            String unitCode,
            Integer year,
            String type,
            String fundSource,
            String functionalCode,
            String economicCode,
            String kind,
            String stage,
            String amount,
            String occurredOn,
            String description,
            String reverses,
            String reason,
            Activity activity,
            Procurement procurement) {}

    /** An {@code activity} object as read (null when absent or no object). */
    private record Activity(String kind, Integer groups, Integer persons) {}

    /** A {@code procurement} object as read (null when absent or no object). */
    private record Procurement(String category, Boolean sme, Boolean smallMicro) {}

    /**
     * The contract's rules for one posting (docs/POSTINGS.md#posting-fields), written out independently of the service:
     * every rule that fails adds the fields it is about; a known id is a duplicate or a conflict whatever else is
     * wrong; only a posting with nothing wrong is recorded.
     */
    public Verdict judge(JsonNode p, ExpectedLedger m) {
        List<Set<String>> d = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        Fields f = read(p, d, unknown);

        // identity and the ledger
        boolean identity = identityIsWellFormed(f, d);
        boolean routed = routedToThisLedger(f, m, d);
        List<Object> content = content(f);
        if (identity && routed) {
            Held known = m.postings.get(f.sourceSystem() + "|" + f.postingId());
            if (known != null) {
                return known.content.equals(content) ? Verdict.of(200) : Verdict.of(409);
            }
        }

        // the type and the fields it takes
        String t = typeAndTheFieldsItTakes(f, d);
        textAndActivityRules(f, d);
        long fen = 0;
        if ("REVERSAL".equals(t)) {
            reversalRules(f, d);
        } else if (t != null) {
            fen = movementRules(t, f, d);
        }
        if (!d.isEmpty()) {
            return new Verdict(422, Set.of(), d, unknown, null);
        }
        return ledgerState(p, f, t, fen, content, unknown, m);
    }

    /** Reads every field in the contract's order: unknown keys, the nested objects, then the posting's own fields. */
    private static Fields read(JsonNode p, List<Set<String>> d, Set<String> unknown) {
        unknownKeys(p, FIELDS, "", d, unknown);
        Activity activity = activity(p, d, unknown);
        Procurement procurement = procurement(p, d, unknown);
        return new Fields(
                text(p, "postingId", "postingId", d),
                text(p, "sourceSystem", "sourceSystem", d),
                text(p, "unitCode", "unitCode", d),
                integer(p, "fiscalYear", "fiscalYear", d),
                text(p, "type", "type", d),
                text(p, "fundSource", "fundSource", d),
                text(p, "functionalCode", "functionalCode", d),
                text(p, "economicCode", "economicCode", d),
                text(p, "expenditureKind", "expenditureKind", d),
                text(p, "stage", "stage", d),
                text(p, "amount", "amount", d),
                text(p, "occurredOn", "occurredOn", d),
                text(p, "description", "description", d),
                text(p, "reverses", "reverses", d),
                text(p, "reason", "reason", d),
                activity,
                procurement);
    }

    private static Activity activity(JsonNode p, List<Set<String>> d, Set<String> unknown) {
        JsonNode a = p.get("activity");
        if (a == null || a.isNull()) {
            return null;
        }
        if (!a.isObject()) {
            d.add(Set.of("activity"));
            return null;
        }
        unknownKeys(a, ACTIVITY_FIELDS, "activity.", d, unknown);
        return new Activity(
                text(a, "kind", "activity.kind", d),
                integer(a, "groups", "activity.groups", d),
                integer(a, "persons", "activity.persons", d));
    }

    private static Procurement procurement(JsonNode p, List<Set<String>> d, Set<String> unknown) {
        JsonNode pr = p.get("procurement");
        if (pr == null || pr.isNull()) {
            return null;
        }
        if (!pr.isObject()) {
            d.add(Set.of("procurement"));
            return null;
        }
        unknownKeys(pr, PROCUREMENT_FIELDS, "procurement.", d, unknown);
        return new Procurement(
                text(pr, "category", "procurement.category", d),
                bool(pr, "smeAwarded", "procurement.smeAwarded", d),
                bool(pr, "smallMicroAwarded", "procurement.smallMicroAwarded", d));
    }

    /** The posting's identity (source system and id) is well formed. */
    private static boolean identityIsWellFormed(Fields f, List<Set<String>> d) {
        boolean identity = true;
        String postingId = f.postingId();
        if (postingId == null || !POSTING_ID.matcher(postingId).matches()) {
            d.add(Set.of("postingId"));
            identity = false;
        }
        String sourceSystem = f.sourceSystem();
        if (sourceSystem == null
                || sourceSystem.isEmpty()
                || sourceSystem.length() > 64
                || !sourceSystem.equals(sourceSystem.strip())
                || sourceSystem.chars().anyMatch(Character::isISOControl)) {
            d.add(Set.of("sourceSystem"));
            identity = false;
        }
        return identity;
    }

    /** The unit code and year are well formed and name this ledger (the only one registered for the model). */
    private boolean routedToThisLedger(Fields f, ExpectedLedger m, List<Set<String>> d) {
        boolean routed = true;
        String unitCode = f.unitCode();
        Integer year = f.year();
        if (unitCode == null || !UNIT_CODE.matcher(unitCode).matches()) {
            d.add(Set.of("unitCode"));
            routed = false;
        }
        if (year == null || year < 1990 || year > 2100) {
            d.add(Set.of("fiscalYear"));
            routed = false;
        }
        if (routed && !(m.unit.equals(unitCode) && year == fiscalYear)) {
            d.add(Set.of("unitCode", "fiscalYear"));
            routed = false;
        }
        return routed;
    }

    /** What idempotency compares: every field, the amount normalized. */
    private static List<Object> content(Fields f) {
        Activity a = f.activity();
        Procurement pr = f.procurement();
        return new ArrayList<>(Arrays.asList(
                f.postingId(),
                f.sourceSystem(),
                f.unitCode(),
                f.year(),
                f.type(),
                f.fundSource(),
                f.functionalCode(),
                f.economicCode(),
                f.kind(),
                f.stage(),
                normalizedAmount(f.amount()),
                f.occurredOn(),
                f.description(),
                a != null ? a.kind() + "/" + a.groups() + "/" + a.persons() : null,
                pr != null ? pr.category() + "/" + pr.sme() + "/" + pr.smallMicro() : null,
                f.reverses(),
                f.reason()));
    }

    /** The type, if it is one (else null), after noting every field present that the type does not take. */
    private static String typeAndTheFieldsItTakes(Fields f, List<Set<String>> d) {
        String t = in(TYPES, f.type()) ? f.type() : null;
        if (t == null) {
            d.add(Set.of("type"));
            return null;
        }
        boolean reversal = t.equals("REVERSAL");
        Object[][] applies = {
            {"fundSource", f.fundSource(), !reversal},
            {"functionalCode", f.functionalCode(), !reversal},
            {"economicCode", f.economicCode(), t.equals("EXPENDITURE") || t.equals("BUDGET")},
            {"expenditureKind", f.kind(), t.equals("EXPENDITURE") || t.equals("OPENING_BALANCE")},
            {"stage", f.stage(), t.equals("BUDGET")},
            {"amount", f.amount(), !reversal},
            {"occurredOn", f.occurredOn(), !reversal},
            {"procurement", f.procurement() != null ? "" : null, t.equals("PROCUREMENT")},
            {"reverses", f.reverses(), reversal},
            {"reason", f.reason(), reversal}
        };
        for (Object[] field : applies) {
            if (field[1] != null && !(Boolean) field[2]) {
                d.add(Set.of((String) field[0]));
            }
        }
        return t;
    }

    /** Free texts are at most 2,000 characters of valid Unicode without control characters; an activity's counts. */
    private static void textAndActivityRules(Fields f, List<Set<String>> d) {
        for (String[] text : new String[][] {{"description", f.description()}, {"reason", f.reason()}}) {
            if (text[1] != null
                    && (text[1].length() > 2000
                            || text[1].chars()
                                    .anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                            || unpairedSurrogate(text[1]))) {
                d.add(Set.of(text[0]));
            }
        }
        Activity a = f.activity();
        if (a != null) {
            if (!in(ACTIVITY_KINDS, a.kind())) {
                d.add(Set.of("activity.kind"));
            }
            for (Integer count : new Integer[] {a.groups(), a.persons()}) {
                if (count != null && (count < 0 || count > 1_000_000)) {
                    d.add(Set.of("activity", "activity.groups", "activity.persons"));
                }
            }
        }
    }

    private static void reversalRules(Fields f, List<Set<String>> d) {
        if (f.reverses() == null || !POSTING_ID.matcher(f.reverses()).matches()) {
            d.add(Set.of("reverses"));
        }
        if (f.reason() == null || f.reason().isBlank()) {
            d.add(Set.of("reason"));
        }
    }

    /** The rules of every type but a reversal; the amount in fen when it is valid, else 0. */
    private long movementRules(String t, Fields f, List<Set<String>> d) {
        String fundSource = f.fundSource();
        if (!in(FUND_SOURCES, fundSource)) {
            d.add(Set.of("fundSource"));
        } else if ((t.equals("APPROPRIATION") && !in(FISCAL, fundSource))
                || (in(List.of("INCOME", "FUND_OFFSET", "SURPLUS_DISTRIBUTION"), t) && in(FISCAL, fundSource))) {
            d.add(Set.of("fundSource", "type"));
        }
        long fen = fen(f.amount(), d);
        occurredOnRule(f.occurredOn(), f.year(), d);
        if (f.functionalCode() == null || !functionalCodes.contains(f.functionalCode())) {
            d.add(Set.of("functionalCode"));
        }
        String economicCode = f.economicCode();
        if ((t.equals("EXPENDITURE") && economicCode == null)
                || (economicCode != null && !economicCodes.contains(economicCode))) {
            d.add(Set.of("economicCode"));
        }
        String kind = f.kind();
        if (t.equals("EXPENDITURE") && kind == null || kind != null && !in(KINDS, kind)) {
            d.add(Set.of("expenditureKind"));
        } else if (kind != null && in(FISCAL, fundSource) && !in(List.of("BASIC", "PROJECT"), kind)) {
            d.add(Set.of("expenditureKind", "fundSource"));
        }
        if (t.equals("BUDGET") && !in(STAGES, f.stage())) {
            d.add(Set.of("stage"));
        }
        if (t.equals("PROCUREMENT")) {
            procurementRules(f.procurement(), d);
        }
        return fen;
    }

    /** A positive amount of at most 15 digits and 2 decimals, at most {@link PostingContract#MAX_AMOUNT}: its fen, else 0. */
    private static long fen(String amount, List<Set<String>> d) {
        long fen = 0;
        if (amount == null
                || !AMOUNT.matcher(amount.startsWith("-") ? amount.substring(1) : amount)
                        .matches()
                || amount.startsWith("-")) {
            d.add(Set.of("amount"));
        } else {
            BigDecimal value = new BigDecimal(amount);
            if (value.signum() <= 0 || value.compareTo(MAX_AMOUNT) > 0) {
                d.add(Set.of("amount"));
            } else {
                fen = value.movePointRight(2).longValueExact();
            }
        }
        return fen;
    }

    /** An ISO date (yyyy-MM-dd) that exists, in the posting's fiscal year. */
    private static void occurredOnRule(String occurredOn, Integer year, List<Set<String>> d) {
        LocalDate date = null;
        if (occurredOn != null && DATE.matcher(occurredOn).matches()) {
            try {
                date = LocalDate.parse(occurredOn);
            } catch (DateTimeParseException e) {
                date = null;
            }
        }
        if (date == null || year == null || date.getYear() != year) {
            d.add(Set.of("occurredOn"));
        }
    }

    private static void procurementRules(Procurement pr, List<Set<String>> d) {
        if (pr == null) {
            d.add(Set.of("procurement"));
        } else {
            if (!in(CATEGORIES, pr.category())) {
                d.add(Set.of("procurement.category"));
            }
            if (Boolean.TRUE.equals(pr.smallMicro()) && !Boolean.TRUE.equals(pr.sme())) {
                d.add(Set.of("procurement.smeAwarded", "procurement.smallMicroAwarded"));
            }
        }
    }

    /** A posting with nothing wrong, against the ledger's state: reversals and availability. */
    private static Verdict ledgerState(
            JsonNode p, Fields f, String t, long fen, List<Object> content, Set<String> unknown, ExpectedLedger m) {
        String sourceSystem = f.sourceSystem();
        String fundSource = f.fundSource();
        String key = sourceSystem + "|" + f.postingId();
        ObjectNode json = ((ObjectNode) p).deepCopy();
        if (t.equals("REVERSAL")) {
            return reversal(sourceSystem, f.reverses(), key, content, json, unknown, m);
        }
        int sign = effect(t);
        if (sign < 0 && m.available(fundSource) - fen < 0) {
            return new Verdict(422, Set.of(), List.of(Set.of("amount")), unknown, null);
        }
        long amountFen = fen;
        return new Verdict(201, Set.of(), List.of(), unknown, model -> {
            if (sign != 0) {
                model.available.merge(fundSource, sign * amountFen, Long::sum);
            }
            model.postings.put(key, new Held(t, fundSource, amountFen, content, json));
            model.count++;
        });
    }

    /** A reversal undoes a recorded posting of the same source system, once, if what it added is still available. */
    private static Verdict reversal(
            String sourceSystem,
            String reverses,
            String key,
            List<Object> content,
            ObjectNode json,
            Set<String> unknown,
            ExpectedLedger m) {
        Held target = m.postings.get(sourceSystem + "|" + reverses);
        if (target == null || target.type.equals("REVERSAL") || target.reversed) {
            return new Verdict(422, Set.of(), List.of(Set.of("reverses")), unknown, null);
        }
        int sign = effect(target.type);
        if (sign > 0 && m.available(target.fundSource) - target.fen < 0) {
            return new Verdict(422, Set.of(), List.of(Set.of("reverses")), unknown, null);
        }
        return new Verdict(201, Set.of(), List.of(), unknown, model -> {
            Held held = model.postings.get(sourceSystem + "|" + reverses);
            held.reversed = true;
            model.available.merge(held.fundSource, -sign * held.fen, Long::sum);
            model.postings.put(key, new Held("REVERSAL", null, 0, content, json));
            model.count++;
        });
    }

    // ---- reading fields ---------------------------------------------------------------------------------------

    private static String normalizedAmount(String amount) {
        if (amount == null || !Pattern.matches("-?[0-9]{1,15}(\\.[0-9]{1,2})?", amount)) {
            return amount;
        }
        return new BigDecimal(amount).setScale(2).toPlainString();
    }

    private static void unknownKeys(
            JsonNode node, List<String> known, String prefix, List<Set<String>> d, Set<String> unknown) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String shown = prefix + (name.length() > 64 ? name.substring(0, 64) + "…" : name);
                unknown.add(shown);
                d.add(Set.of(shown));
            }
        }
    }

    private static String text(JsonNode node, String name, String path, List<Set<String>> d) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            d.add(Set.of(path));
            return null;
        }
        return v.textValue();
    }

    private static Integer integer(JsonNode node, String name, String path, List<Set<String>> d) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            d.add(Set.of(path));
            return null;
        }
        return v.intValue();
    }

    private static Boolean bool(JsonNode node, String name, String path, List<Set<String>> d) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            d.add(Set.of(path));
            return null;
        }
        return v.booleanValue();
    }

    /** Text with an unpaired surrogate is not valid Unicode: the ledger refuses it like a control character. */
    private static boolean unpairedSurrogate(String s) {
        // an independent oracle: only valid Unicode survives a round trip through UTF-8 unchanged
        return !s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}

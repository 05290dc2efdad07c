package org.budgetledger.ledger.hostile;

import static org.budgetledger.ledger.hostile.PostingContract.ACTIVITY_KINDS;
import static org.budgetledger.ledger.hostile.PostingContract.CATEGORIES;
import static org.budgetledger.ledger.hostile.PostingContract.ENUMS;
import static org.budgetledger.ledger.hostile.PostingContract.FISCAL;
import static org.budgetledger.ledger.hostile.PostingContract.FUND_SOURCES;
import static org.budgetledger.ledger.hostile.PostingContract.JSON;
import static org.budgetledger.ledger.hostile.PostingContract.KINDS;
import static org.budgetledger.ledger.hostile.PostingContract.NON_FISCAL;
import static org.budgetledger.ledger.hostile.PostingContract.PATHS;
import static org.budgetledger.ledger.hostile.PostingContract.STAGES;
import static org.budgetledger.ledger.hostile.PostingContract.TEXT_PATHS;
import static org.budgetledger.ledger.hostile.PostingContract.effect;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.budgetledger.ledger.hostile.ExpectedLedger.Held;

/**
 * What the hostile-input tests send, drawn from a {@link Random}: valid postings for an {@link ExpectedLedger}, the
 * same mutated (a field dropped or of another JSON type, odd amounts, dates and years, unicode and control characters,
 * lone surrogates, injection strings, texts beyond 64 KB, unknown and case-changed keys, enum look-alikes), batches,
 * garbage bodies and Kafka record values. The same seed draws the same inputs for the same ledger.
 */
public final class HostilePostings {

    private static final ObjectMapper ESCAPING =
            JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String LONG_A = "A".repeat(70_000);
    private static final String LONG_EMOJI = "💥".repeat(33_000);
    private static final List<String> HOSTILE = List.of(
            "'; DROP TABLE postings; --",
            "\" OR 1=1 --",
            "{\"$gt\": \"\"}",
            "{\"$ne\": null}",
            "$where",
            "function() { return true; }",
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "../../etc/passwd",
            "..\\..\\windows\\win.ini",
            "%00",
            "%2e%2e%2f",
            "${jndi:ldap://x/a}",
            "#{7*7}",
            "{{7*7}}",
            "\u0000",
            "NUL\u0000inside",
            "\u0007\u001b[2J",
            "\u007f",
            "\u0085",
            "\u2028\u2029",
            "\u202eevil\u202c",
            "\u200f\u200e",
            "e\u0301\u0302\u0303",
            "Z̴̡̛̗͔̪a̵l̶g̷o̷",
            "👨‍👩‍👧‍👦🏳️‍🌈",
            "\ud800",
            "\udc00",
            "x\ud800y",
            "\udbff\udfff",
            "\ufeff",
            "\uffff\ufffe",
            " ",
            "",
            "\t\n\r",
            "null",
            "undefined",
            "NaN",
            "-1",
            "0",
            "true",
            "[]",
            "{}",
            "١٢٣",
            "中共株洲市荷塘区委网络安全和信息化委员会办公室",
            "hostile-r",
            " HOSTILE-R",
            "HOSTILE-R ",
            "ＨＯＳＴＩＬＥ-Ｒ",
            "x".repeat(2000),
            "x".repeat(2001),
            "y".repeat(65),
            LONG_A,
            LONG_EMOJI,
            "\r\n".repeat(1500),
            "a|b",
            "a\\b");
    /** Printable texts that are fine in a description or reason. */
    private static final List<String> FINE_TEXT = List.of(
            "1月基本工资",
            "公务接待 🍵",
            "שלום עולם\u200f",
            "e\u0301",
            "Z̴a̵l̶g̷o̷",
            "<script>alert(1)</script>",
            "'; DROP TABLE postings; --",
            "{\"$gt\": \"\"}",
            "$where",
            "../../etc/passwd",
            "%00",
            "tab\tnew\nline\r",
            "💥".repeat(500),
            "x".repeat(2000),
            "\ufeffBOM",
            "\uffff",
            "👨‍👩‍👧‍👦",
            "\u202eevil\u202c");
    /** Source systems that are 1-64 printable characters: valid, however hostile they look. */
    private static final List<String> ODD_SOURCES = List.of(
            "支付系统",
            "pay🙂ments",
            "'; DROP TABLE postings; --",
            "{\"$gt\": \"\"}",
            "$where",
            "<script>x</script>",
            "../../etc/passwd",
            "%00",
            "שלום\u200f",
            "a|b");

    private static final List<String> WEIRD_AMOUNTS = List.of(
            "1e9",
            "0x10",
            "１２３",
            " 5.00",
            "5.00 ",
            "NaN",
            "-0.00",
            "0.00",
            "0",
            "-5.00",
            "5.001",
            "5.",
            "05.00",
            ".5",
            "1,000.00",
            "+5.00",
            "Infinity",
            "",
            "٥",
            "5,00",
            "1234567890123456",
            "9999999999999999.99",
            "123456789012345",
            "999999999999.99",
            "1000000000000.00",
            "999999999999.999",
            "0.01",
            "00000000000001.5",
            "5.00\u0000",
            "５.００",
            "1_000",
            "5e2",
            "0.001",
            "18446744073709551616",
            " ",
            "5 .00",
            "\u22125.00",
            "--5.00",
            "-",
            "-.5",
            "12.5",
            "7");
    private static final List<String> WEIRD_DATES = List.of(
            "2019-13-01",
            "2019-02-29",
            "20190101",
            "2019-1-1",
            "2019/01/01",
            "01/15/2019",
            "2019-01-32",
            "2019-00-10",
            "2019-01-15T00:00:00Z",
            "2019-01-15 ",
            "+2019-01-15",
            "-2019-01-15",
            "２０１９-０１-１５",
            "2019-W03-2",
            "2019-015",
            "0000-01-01",
            "9999-12-31",
            "+999999999-12-31",
            "2020-02-29",
            "2018-12-31",
            "2020-01-01",
            "2019-12-31",
            "2019-01-01",
            "",
            "null",
            "2019-06-31",
            "2019-04-31",
            "٢٠١٩-٠١-١٥",
            "2019-02-28");
    private static final List<JsonNode> WEIRD_YEARS = List.of(
            IntNode.valueOf(-2019),
            IntNode.valueOf(0),
            IntNode.valueOf(1989),
            IntNode.valueOf(1990),
            IntNode.valueOf(2100),
            IntNode.valueOf(2101),
            IntNode.valueOf(2020),
            IntNode.valueOf(2018),
            IntNode.valueOf(9999),
            IntNode.valueOf(Integer.MAX_VALUE),
            IntNode.valueOf(Integer.MIN_VALUE),
            LongNode.valueOf(4_000_000_000L),
            BigIntegerNode.valueOf(BigInteger.TEN.pow(30)),
            DoubleNode.valueOf(2019.5),
            DoubleNode.valueOf(2019.0),
            DoubleNode.valueOf(-0.5),
            DoubleNode.valueOf(1e10),
            TextNode.valueOf("2019"),
            TextNode.valueOf("２０１９"),
            DecimalNode.valueOf(new BigDecimal("2019.00")));
    private static final List<String> HOSTILE_KEYS = List.of(
            "$where",
            "$gt",
            "__proto__",
            "constructor",
            "PostingId",
            "amount ",
            "\u0000",
            "a.b",
            "activity.kind",
            "💥",
            "\ud800",
            "'; DROP TABLE x; --",
            "k".repeat(70_000),
            "postingid",
            "AMOUNT",
            "type\u0000");
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "text/html",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "application/octet-stream",
            "application/json-patch+json",
            "application/vnd.api+json",
            "text/json",
            "garbage",
            "application/",
            ";;;",
            "application/json; charset=nope",
            "*/*",
            "application/*",
            "");

    private final int year;
    private final List<String> functional;
    private final List<String> economic;

    /** Inputs for ledgers of the catalogue's year, naming the catalogue's codes. */
    public HostilePostings(CatalogueLeaves catalogue) {
        this.year = catalogue.year();
        this.functional = catalogue.functional();
        this.economic = catalogue.economic();
    }

    /** A body: what {@link #raw} draws, with the content type it is sent as and the endpoint (single or batch). */
    public record Raw(byte[] body, String contentType, boolean batch) {}

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    // ---- postings -------------------------------------------------------------------------------------------------

    /** A valid APPROPRIATION of the general budget to the ledger. */
    public ObjectNode appropriation(ExpectedLedger m, String id, String amount) {
        return JSON.createObjectNode()
                .put("postingId", id)
                .put("sourceSystem", "hostile-fuzz")
                .put("unitCode", m.unit)
                .put("fiscalYear", year)
                .put("type", "APPROPRIATION")
                .put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", functional.get(0))
                .put("amount", amount)
                .put("occurredOn", year + "-03-01");
    }

    /** A valid posting for the model's ledger (as far as availability goes, mostly), then 0-3 mutations. */
    public ObjectNode posting(Random r, ExpectedLedger m, String id) {
        ObjectNode p = validPosting(r, m, id);
        int roll = r.nextInt(100);
        int mutations = roll < 20 ? 0 : roll < 75 ? 1 : roll < 90 ? 2 : 3;
        for (int i = 0; i < mutations; i++) {
            mutate(r, p);
        }
        return p;
    }

    /** A valid posting of any type (a reversal of a posting the ledger holds), valid as far as availability goes. */
    public ObjectNode validPosting(Random r, ExpectedLedger m, String id) {
        List<Map.Entry<String, Held>> reversible = m.postings.entrySet().stream()
                .filter(e -> !e.getValue().reversed && !e.getValue().type.equals("REVERSAL"))
                .toList();
        String type = type(r, reversible.isEmpty());
        ObjectNode p = JSON.createObjectNode()
                .put("postingId", id)
                .put("sourceSystem", r.nextInt(8) == 0 ? pick(r, ODD_SOURCES) : "hostile-fuzz")
                .put("unitCode", m.unit)
                .put("fiscalYear", year)
                .put("type", type);
        if (type.equals("REVERSAL")) {
            Map.Entry<String, Held> target = pick(r, reversible);
            Held held = target.getValue();
            p.put("sourceSystem", held.json.get("sourceSystem").textValue());
            p.put("reverses", held.json.get("postingId").textValue());
            p.put("reason", pick(r, FINE_TEXT));
        } else {
            movementFields(r, m, p, type);
        }
        if (r.nextBoolean()) {
            p.put("description", pick(r, FINE_TEXT));
        }
        if (r.nextInt(4) == 0) {
            ObjectNode activity = p.putObject("activity").put("kind", pick(r, ACTIVITY_KINDS));
            if (r.nextBoolean()) {
                activity.put("groups", r.nextInt(10));
            }
            if (r.nextBoolean()) {
                activity.put("persons", r.nextInt(1000));
            }
        }
        return p;
    }

    private static String type(Random r, boolean nothingToReverse) {
        int roll = r.nextInt(100);
        if (roll < 20) {
            return "APPROPRIATION";
        } else if (roll < 30) {
            return "INCOME";
        } else if (roll < 55) {
            return "EXPENDITURE";
        } else if (roll < 60) {
            return "OPENING_BALANCE";
        } else if (roll < 65) {
            return "FUND_OFFSET";
        } else if (roll < 70) {
            return "SURPLUS_DISTRIBUTION";
        } else if (roll < 80) {
            return "BUDGET";
        } else if (roll < 90) {
            return "PROCUREMENT";
        }
        return nothingToReverse ? "APPROPRIATION" : "REVERSAL";
    }

    /** The fields of every type but a reversal: a fund source the type may use, codes, an amount, a date. */
    private void movementFields(Random r, ExpectedLedger m, ObjectNode p, String type) {
        String fundSource = switch (type) {
            case "APPROPRIATION" -> pick(r, FISCAL);
            case "INCOME", "FUND_OFFSET" -> pick(r, NON_FISCAL);
            case "SURPLUS_DISTRIBUTION" -> richest(r, m, NON_FISCAL);
            case "EXPENDITURE" -> richest(r, m, FUND_SOURCES);
            default -> pick(r, FUND_SOURCES);
        };
        p.put("fundSource", fundSource);
        p.put("functionalCode", pick(r, functional));
        if (type.equals("EXPENDITURE") || type.equals("BUDGET") && r.nextBoolean()) {
            p.put("economicCode", pick(r, economic));
        }
        if (type.equals("EXPENDITURE") || type.equals("OPENING_BALANCE") && r.nextBoolean()) {
            p.put("expenditureKind", FISCAL.contains(fundSource) ? pick(r, KINDS.subList(0, 2)) : pick(r, KINDS));
        }
        if (type.equals("BUDGET")) {
            p.put("stage", pick(r, STAGES));
        }
        if (type.equals("PROCUREMENT")) {
            boolean smallMicro = r.nextBoolean();
            p.putObject("procurement")
                    .put("category", pick(r, CATEGORIES))
                    .put("smeAwarded", smallMicro || r.nextBoolean())
                    .put("smallMicroAwarded", smallMicro);
        }
        long fen;
        if (effect(type) < 0 && r.nextInt(4) != 0) {
            long available = m.available(fundSource);
            fen = available <= 0
                    ? 1 + r.nextInt(10_000)
                    : 1 + (long) (r.nextDouble() * Math.min(available, 100_000_00L) / 3);
        } else {
            fen = 1 + (long) (r.nextDouble() * 1_000_000_00L);
        }
        p.put("amount", yuan(r, fen));
        p.put("occurredOn", LocalDate.of(year, 1, 1).plusDays(r.nextInt(365)).toString());
    }

    /** Mostly the fund source with the most available, so that spending is mostly possible. */
    private static String richest(Random r, ExpectedLedger m, List<String> among) {
        if (r.nextInt(5) == 0) {
            return pick(r, among);
        }
        return among.stream()
                .max((x, y) -> Long.compare(m.available(x), m.available(y)))
                .orElseThrow();
    }

    private static String yuan(Random r, long fen) {
        BigDecimal value = BigDecimal.valueOf(fen, 2);
        if (fen % 100 == 0 && r.nextBoolean()) {
            return value.setScale(0).toPlainString();
        }
        if (fen % 10 == 0 && r.nextBoolean()) {
            return value.setScale(1).toPlainString();
        }
        return value.toPlainString();
    }

    // ---- a ledger's funds -----------------------------------------------------------------------------------------

    /**
     * Funds for every fund source: an appropriation of each fiscal one, an income of each other, each of an amount
     * drawn from {@code r} as {@link #validPosting} draws one.
     */
    public List<ObjectNode> funding(Random r, ExpectedLedger m, String idPrefix) {
        List<ObjectNode> funds = new ArrayList<>();
        for (String fundSource : FUND_SOURCES) {
            long fen = 1 + (long) (r.nextDouble() * 1_000_000_00L);
            funds.add(appropriation(m, idPrefix + "-" + fundSource, yuan(r, fen))
                    .put("type", FISCAL.contains(fundSource) ? "APPROPRIATION" : "INCOME")
                    .put("fundSource", fundSource));
        }
        return funds;
    }

    // ---- mutations --------------------------------------------------------------------------------------------------

    private void mutate(Random r, ObjectNode p) {
        switch (r.nextInt(11)) {
            case 0 -> { // drop a field
                List<String> paths = presentPaths(p);
                if (!paths.isEmpty()) {
                    remove(p, pick(r, paths));
                }
            }
            case 1 ->
                set(
                        p,
                        r.nextBoolean() && !presentPaths(p).isEmpty()
                                ? pick(r, presentPaths(p))
                                : pick(r, new ArrayList<>(PATHS)),
                        randomValue(r));
            case 2, 3 -> set(p, pick(r, TEXT_PATHS), TextNode.valueOf(pick(r, HOSTILE)));
            case 4 -> p.put("amount", r.nextInt(5) == 0 ? digits(r, 16) : pick(r, WEIRD_AMOUNTS));
            case 5 -> p.put("occurredOn", pick(r, WEIRD_DATES));
            case 6 -> p.set("fiscalYear", pick(r, WEIRD_YEARS));
            case 7 -> keyThatIsNoField(r, p);
            case 8 -> enumLookAlike(r, p);
            case 9 -> oddNestedObject(r, p);
            default -> sameNameInAnotherCase(r, p);
        }
    }

    private static void keyThatIsNoField(Random r, ObjectNode p) {
        String key = pick(r, HOSTILE_KEYS);
        ObjectNode target = p;
        if (r.nextInt(3) == 0 && p.path("activity").isObject()) {
            target = (ObjectNode) p.get("activity");
        } else if (r.nextInt(3) == 0 && p.path("procurement").isObject()) {
            target = (ObjectNode) p.get("procurement");
        }
        target.set(key, randomValue(r));
    }

    /** An enum constant that only looks right (or another valid constant). */
    private static void enumLookAlike(Random r, ObjectNode p) {
        String path = pick(r, new ArrayList<>(ENUMS.keySet()));
        String value = pick(r, ENUMS.get(path));
        String odd = switch (r.nextInt(8)) {
            case 0 -> value.toLowerCase(Locale.ROOT);
            case 1 -> " " + value;
            case 2 -> value + "\u0000";
            case 3 -> fullWidth(value);
            case 4 -> value.charAt(0) + "\u200b" + value.substring(1);
            case 5 -> value.replace('A', 'А').replace('E', 'Е').replace('O', 'О'); // Cyrillic look-alikes
            case 6 -> value.replace('I', 'ı');
            default -> value; // another valid constant
        };
        set(p, path, TextNode.valueOf(odd));
    }

    private static void oddNestedObject(Random r, ObjectNode p) {
        switch (r.nextInt(6)) {
            case 0 -> p.set("activity", randomValue(r));
            case 1 -> p.set("procurement", randomValue(r));
            case 2 ->
                set(
                        p,
                        "activity." + pick(r, List.of("groups", "persons")),
                        pick(
                                r,
                                List.of(
                                        IntNode.valueOf(-1),
                                        IntNode.valueOf(1_000_001),
                                        LongNode.valueOf(2_147_483_648L),
                                        DoubleNode.valueOf(1.5),
                                        TextNode.valueOf("5"),
                                        IntNode.valueOf(1_000_000),
                                        IntNode.valueOf(0))));
            case 3 -> {
                set(p, "procurement.smallMicroAwarded", BooleanNode.TRUE);
                set(p, "procurement.smeAwarded", r.nextBoolean() ? BooleanNode.FALSE : TextNode.valueOf("true"));
            }
            case 4 -> p.putObject("activity");
            default -> p.putObject("procurement").put("category", pick(r, CATEGORIES));
        }
    }

    private static void sameNameInAnotherCase(Random r, ObjectNode p) {
        List<String> keys = new ArrayList<>();
        p.fieldNames().forEachRemaining(keys::add);
        if (!keys.isEmpty()) {
            String key = pick(r, keys);
            JsonNode value = p.remove(key);
            String renamed = r.nextBoolean()
                    ? key.toUpperCase(Locale.ROOT)
                    : Character.toUpperCase(key.charAt(0)) + key.substring(1);
            p.set(renamed, value);
        }
    }

    private static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
        }
        return b.toString();
    }

    private static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder();
        b.append((char) ('1' + r.nextInt(9)));
        for (int i = 1; i < n; i++) {
            b.append((char) ('0' + r.nextInt(10)));
        }
        return r.nextBoolean() ? b.toString() : b + ".00";
    }

    private static JsonNode randomValue(Random r) {
        return switch (r.nextInt(13)) {
            case 0 -> IntNode.valueOf(r.nextInt());
            case 1 -> LongNode.valueOf(Long.MAX_VALUE);
            case 2 -> BigIntegerNode.valueOf(BigInteger.TEN.pow(40));
            case 3 -> DoubleNode.valueOf(pick(r, List.of(-0.0, 0.5, 2019.5, 1e308, -1e-300, 4275.5)));
            case 4 -> DecimalNode.valueOf(new BigDecimal("4275.50"));
            case 5 -> BooleanNode.valueOf(r.nextBoolean());
            case 6 -> JSON.createArrayNode();
            case 7 -> JSON.createArrayNode().add(1).add("x").addNull().add(JSON.createObjectNode());
            case 8 -> JSON.createObjectNode();
            case 9 -> JSON.createObjectNode().put("$gt", "");
            case 10 -> JSON.createObjectNode().put("$where", "sleep(1000)");
            case 11 -> NullNode.getInstance();
            default -> TextNode.valueOf(pick(r, HOSTILE));
        };
    }

    /** No posting: a number, a text, null, a boolean, an array (empty, nested 50 deep, or holding an object). */
    public static JsonNode garbageNode(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> IntNode.valueOf(r.nextInt());
            case 1 -> TextNode.valueOf(pick(r, HOSTILE));
            case 2 -> NullNode.getInstance();
            case 3 -> BooleanNode.valueOf(r.nextBoolean());
            case 4 -> JSON.createArrayNode().add(JSON.createObjectNode().put("postingId", "nested"));
            case 5 -> nestedArrays(50);
            default -> JSON.createArrayNode();
        };
    }

    private static JsonNode nestedArrays(int depth) {
        ArrayNode root = JSON.createArrayNode();
        ArrayNode at = root;
        for (int i = 1; i < depth; i++) {
            at = at.addArray();
        }
        return root;
    }

    private static List<String> presentPaths(ObjectNode p) {
        List<String> paths = new ArrayList<>();
        p.fields().forEachRemaining(e -> {
            paths.add(e.getKey());
            if (e.getValue().isObject()) {
                e.getValue().fieldNames().forEachRemaining(n -> paths.add(e.getKey() + "." + n));
            }
        });
        return paths;
    }

    private static void set(ObjectNode p, String path, JsonNode value) {
        int dot = path.indexOf('.');
        if (dot < 0 || !PATHS.contains(path)) {
            p.set(path, value);
            return;
        }
        String parent = path.substring(0, dot);
        if (!p.path(parent).isObject()) {
            p.putObject(parent);
        }
        ((ObjectNode) p.get(parent)).set(path.substring(dot + 1), value);
    }

    private static void remove(ObjectNode p, String path) {
        int dot = path.indexOf('.');
        if (dot >= 0 && p.path(path.substring(0, dot)).isObject()) {
            ((ObjectNode) p.get(path.substring(0, dot))).remove(path.substring(dot + 1));
        } else {
            p.remove(path);
        }
    }

    // ---- bodies
    // -------------------------------------------------------------------------------------------------------

    /** 1-12 items: postings (mutated or valid), garbage, and items sent twice. */
    public ArrayNode batch(Random r, ExpectedLedger m, String id) {
        ArrayNode batch = JSON.createArrayNode();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int roll = r.nextInt(100);
            if (roll < 60) {
                batch.add(posting(r, m, id + "-" + i));
            } else if (roll < 75) {
                batch.add(validPosting(r, m, id + "-" + i));
            } else if (roll < 90 || batch.isEmpty()) {
                batch.add(garbageNode(r));
            } else {
                batch.add(batch.get(r.nextInt(batch.size())).deepCopy()); // the same item twice
            }
        }
        return batch;
    }

    /** A body as bytes: UTF-8, or with every non-ASCII character escaped (always so when it holds lone surrogates). */
    public static byte[] bytes(JsonNode node, Random r) {
        try {
            String plain = JSON.writeValueAsString(node);
            boolean escape = hasLoneSurrogate(plain) || r != null && r.nextBoolean();
            return (escape ? ESCAPING.writeValueAsString(node) : plain).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Garbage around or instead of a posting. */
    public Raw raw(Random r, ExpectedLedger m, String id) {
        ObjectNode p = validPosting(r, m, id + "-1");
        String text = p.toString();
        boolean batch = r.nextInt(4) == 0;
        if (batch) {
            text = "[" + text + "]";
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(13)) {
            case 0 -> {
                byte[] random = new byte[r.nextInt(2000)];
                r.nextBytes(random);
                yield new Raw(random, "application/json", batch);
            }
            case 1 -> new Raw(java.util.Arrays.copyOf(utf8, r.nextInt(utf8.length)), "application/json", batch);
            case 2 ->
                new Raw(
                        pick(
                                        r,
                                        List.of(
                                                "null",
                                                "true",
                                                "42",
                                                "\"x\"",
                                                "[]",
                                                "[{}]",
                                                "{}",
                                                "-0",
                                                "1e999",
                                                "\"\\ud800\""))
                                .getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        batch);
            case 3 -> new Raw(new byte[0], "application/json", batch);
            case 4 -> deepNesting(r, text);
            case 5 -> duplicateKeys(r, p, batch);
            case 6 -> new Raw(utf8, pick(r, CONTENT_TYPES), batch);
            case 7 -> { // charsets
                String charset = pick(r, List.of("UTF-8", "utf-8", "UTF-16", "ISO-8859-1", "US-ASCII"));
                yield new Raw(utf8, "application/json; charset=" + charset, batch);
            }
            case 8 -> invalidUtf8(r, text, batch);
            case 9 -> notQuiteJson(r, p);
            case 10 ->
                new Raw(
                        text.getBytes(pick(
                                r,
                                List.of(
                                        StandardCharsets.UTF_16BE,
                                        StandardCharsets.UTF_16LE,
                                        Charset.forName("UTF-32BE")))),
                        "application/json",
                        batch);
            case 11 -> new Raw(("\ufeff" + text).getBytes(StandardCharsets.UTF_8), "application/json", batch);
            default -> new Raw(null, null, batch); // no body, no content type
        };
    }

    private static Raw deepNesting(Random r, String text) {
        int depth = pick(r, List.of(10_000, 100_000, 1_001, 999, 500));
        String nested = switch (r.nextInt(3)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            default ->
                text.substring(0, text.length() - 1) + ",\"description\":" + "[".repeat(depth) + "]".repeat(depth)
                        + "}";
        };
        return new Raw(nested.getBytes(StandardCharsets.UTF_8), "application/json", false);
    }

    /** Duplicate keys: the model reads the last one, as the service's parser does. */
    private static Raw duplicateKeys(Random r, ObjectNode p, boolean batch) {
        String key = pick(r, List.of("amount", "postingId", "type", "fundSource", "fiscalYear", "description"));
        String extra = ",\"" + key + "\":"
                + pick(r, List.of("\"-1\"", "\"100.00\"", "null", "2020", "\"EXPENDITURE\"", "\"<script>\""));
        String dup = p.toString();
        dup = r.nextBoolean()
                ? dup.substring(0, dup.length() - 1) + extra + "}"
                : "{" + extra.substring(1) + "," + dup.substring(1);
        return new Raw((batch ? "[" + dup + "]" : dup).getBytes(StandardCharsets.UTF_8), "application/json", batch);
    }

    /** Invalid UTF-8 inside a string. */
    private static Raw invalidUtf8(Random r, String text, boolean batch) {
        byte[] bad = pick(
                r,
                List.of(
                        new byte[] {(byte) 0xC3, 0x28},
                        new byte[] {(byte) 0xC0, (byte) 0xAF},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
        String head = text.substring(0, text.indexOf("\"type\""));
        byte[] headBytes = (head + "\"description\":\"x").getBytes(StandardCharsets.UTF_8);
        byte[] tailBytes = ("\"," + text.substring(text.indexOf("\"type\""))).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + bad.length + tailBytes.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(bad, 0, all, headBytes.length, bad.length);
        System.arraycopy(tailBytes, 0, all, headBytes.length + bad.length, tailBytes.length);
        return new Raw(all, "application/json", batch);
    }

    /** Not quite JSON: comments, single quotes, NaN, leading zeros, hex, a trailing comma, a 2,000-digit number. */
    private static Raw notQuiteJson(Random r, ObjectNode p) {
        String body = p.toString();
        String odd = switch (r.nextInt(7)) {
            case 0 -> "// comment\n" + body;
            case 1 -> body.replace('"', '\'');
            case 2 -> body.replace("\"fiscalYear\":2019", "\"fiscalYear\":NaN");
            case 3 -> body.replace("\"fiscalYear\":2019", "\"fiscalYear\":02019");
            case 4 -> body.replace("\"fiscalYear\":2019", "\"fiscalYear\":0x7E3");
            case 5 -> body.substring(0, body.length() - 1) + ",}";
            default -> body.replace("\"fiscalYear\":2019", "\"fiscalYear\":" + "9".repeat(2000));
        };
        return new Raw(odd.getBytes(StandardCharsets.UTF_8), "application/json", false);
    }

    /** A recorded posting again: the same (200), or with other content (409). */
    public byte[] replay(Random r, ExpectedLedger m, String id) {
        List<Held> held = new ArrayList<>(m.postings.values());
        if (held.isEmpty()) {
            return bytes(validPosting(r, m, id + "-1"), r);
        }
        ObjectNode again = pick(r, held).json.deepCopy();
        if (r.nextBoolean()) {
            String field = pick(r, List.of("description", "amount", "occurredOn", "functionalCode"));
            if (again.has(field) || field.equals("description")) {
                again.put(
                        field, field.equals("description") ? "changed " + pick(r, FINE_TEXT) : pick(r, WEIRD_AMOUNTS));
            }
        }
        return bytes(again, r);
    }

    /** One Kafka record value: a posting (valid or mutated), garbage, or one seen before; null is a tombstone. */
    public byte[] kafkaValue(Random r, ExpectedLedger m, String id) {
        int roll = r.nextInt(100);
        if (roll < 40) {
            return bytes(posting(r, m, id), r);
        }
        if (roll < 48) {
            return bytes(validPosting(r, m, id), r);
        }
        if (roll < 56) {
            byte[] random = new byte[r.nextInt(500)];
            r.nextBytes(random);
            return random;
        }
        if (roll < 64) {
            byte[] utf8 = validPosting(r, m, id).toString().getBytes(StandardCharsets.UTF_8);
            return java.util.Arrays.copyOf(utf8, r.nextInt(utf8.length));
        }
        if (roll < 68) {
            return null; // a tombstone
        }
        if (roll < 72) {
            return pick(r, List.of("", "null", "42", "[]", "\"x\"", "[{}]", "true"))
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 76) {
            return ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 80) {
            String p = validPosting(r, m, id).toString();
            return (p.substring(0, p.length() - 1) + ",\"amount\":\"" + pick(r, WEIRD_AMOUNTS) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 86) {
            return replay(r, m, id);
        }
        if (roll < 92) {
            return bytes(validPosting(r, m, id).put("description", pick(r, List.of(LONG_A, LONG_EMOJI, "x\ud800"))), r);
        }
        Raw raw = raw(r, m, id);
        return raw.body() == null
                        || raw.contentType() == null
                        || !raw.contentType().equals("application/json")
                        || raw.batch()
                ? bytes(posting(r, m, id), r)
                : raw.body();
    }
}

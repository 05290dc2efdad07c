package org.budgetledger.ledger;

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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue "hostile input": seeded property-based fuzzing of the two ways postings come in, REST and Kafka.
 * <p>
 * Each seed drives {@code new Random(seed)} to build valid postings, mutate them (drop a field, change its JSON type,
 * odd amounts, dates and years, unicode and control characters, lone surrogates, injection strings, strings beyond
 * 64 KB, unknown and case-changed keys, enum look-alikes) or send garbage (random bytes, truncated or non-standard JSON,
 * deep nesting, duplicate keys, wrong content types and charsets, batches with mixed items). The properties:
 * <ul>
 *   <li>never a 5xx: REST answers one of 200/201/400/403/409/413/415/422; the Kafka listener keeps consuming (a valid
 *   posting sent after the garbage is recorded) and parks every invalid record in the DLQ with {@code error} and
 *   {@code message} headers;</li>
 *   <li>nothing is recorded from an invalid posting: a model, written from docs/POSTINGS.md and independent of the
 *   service, says what each input must do, and the ledger's postings count and availability per fund source must equal it
 *   after every seed;</li>
 *   <li>a clear error each time: 4xx bodies are JSON with non-blank {@code error} and {@code message}; a 422 names in
 *   {@code field} a field of the posting (or a nested path) that is actually wrong, and the message names it.</li>
 * </ul>
 * A failure message starts with the seed; rerun one seed by narrowing {@link #restSeeds()} or {@link #kafkaSeeds()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest extends IntegrationTest {

    static LongStream restSeeds() {
        return LongStream.rangeClosed(1, 400);
    }

    static LongStream kafkaSeeds() {
        return LongStream.rangeClosed(1, 30);
    }

    private static final int YEAR = 2019;
    private static final String REST_UNIT = "HOSTILE-R";
    private static final String KAFKA_UNIT = "HOSTILE-K";
    /** A fresh unit after a failed seed, so that one failure does not fail every later seed. */
    private int generation;
    private Long kafkaStuckSince;
    private static final long MAX_BODY = 8L * 1024 * 1024;
    private static final Set<Integer> REST_STATUSES = Set.of(200, 201, 400, 403, 409, 413, 415, 422);
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    // ---- the contract, written out for the model ------------------------------------------------------------

    private static final List<String> FIELDS = List.of("postingId", "sourceSystem", "unitCode", "fiscalYear", "type",
            "fundSource", "functionalCode", "economicCode", "expenditureKind", "stage", "amount", "occurredOn",
            "description", "activity", "procurement", "reverses", "reason");
    private static final List<String> ACTIVITY_FIELDS = List.of("kind", "groups", "persons");
    private static final List<String> PROCUREMENT_FIELDS = List.of("category", "smeAwarded", "smallMicroAwarded");
    private static final Set<String> PATHS = new LinkedHashSet<>();
    private static final List<String> TEXT_PATHS = List.of("postingId", "sourceSystem", "unitCode", "type", "fundSource",
            "functionalCode", "economicCode", "expenditureKind", "stage", "amount", "occurredOn", "description",
            "reverses", "reason", "activity.kind", "procurement.category");

    static {
        PATHS.addAll(FIELDS);
        ACTIVITY_FIELDS.forEach(f -> PATHS.add("activity." + f));
        PROCUREMENT_FIELDS.forEach(f -> PATHS.add("procurement." + f));
    }

    private static final List<String> TYPES = List.of("APPROPRIATION", "INCOME", "EXPENDITURE", "OPENING_BALANCE",
            "BUDGET", "PROCUREMENT", "FUND_OFFSET", "SURPLUS_DISTRIBUTION", "REVERSAL");
    private static final List<String> FISCAL = List.of("GENERAL_BUDGET", "GOVERNMENT_FUND", "STATE_CAPITAL");
    private static final List<String> NON_FISCAL = List.of("SUPERIOR_SUBSIDY", "OPERATING", "BUSINESS", "AFFILIATE_REMITTANCE", "OTHER");
    private static final List<String> FUND_SOURCES = Stream.concat(FISCAL.stream(), NON_FISCAL.stream()).toList();
    private static final List<String> KINDS = List.of("BASIC", "PROJECT", "REMIT_TO_SUPERIOR", "BUSINESS", "SUBSIDY_TO_AFFILIATES");
    private static final List<String> STAGES = List.of("INITIAL", "INCREASE", "DECREASE");
    private static final List<String> CATEGORIES = List.of("GOODS", "WORKS", "SERVICES");
    private static final List<String> ACTIVITY_KINDS = List.of("MEETING", "TRAINING", "FESTIVAL", "RECEPTION", "OVERSEAS_TRIP", "VEHICLE");
    private static final Map<String, List<String>> ENUMS = Map.of("type", TYPES, "fundSource", FUND_SOURCES,
            "expenditureKind", KINDS, "stage", STAGES, "procurement.category", CATEGORIES, "activity.kind", ACTIVITY_KINDS);

    private static final Pattern POSTING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,2})?");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    // ---- what the generators draw from ----------------------------------------------------------------------

    private static final String LONG_A = "A".repeat(70_000);
    private static final String LONG_EMOJI = "💥".repeat(33_000);
    private static final List<String> HOSTILE = List.of(
            "'; DROP TABLE postings; --", "\" OR 1=1 --", "{\"$gt\": \"\"}", "{\"$ne\": null}", "$where",
            "function() { return true; }", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "%2e%2e%2f", "${jndi:ldap://x/a}", "#{7*7}", "{{7*7}}",
            "\u0000", "NUL\u0000inside", "\u0007\u001b[2J", "\u007f", "\u0085", "\u2028\u2029", "\u202eevil\u202c",
            "\u200f\u200e", "e\u0301\u0302\u0303", "Z̴̡̛̗͔̪a̵l̶g̷o̷", "👨‍👩‍👧‍👦🏳️‍🌈", "\ud800", "\udc00", "x\ud800y",
            "\udbff\udfff", "\ufeff", "\uffff\ufffe", " ", "", "\t\n\r", "null", "undefined", "NaN", "-1", "0", "true",
            "[]", "{}", "١٢٣", "中共株洲市荷塘区委网络安全和信息化委员会办公室", "hostile-r", " HOSTILE-R", "HOSTILE-R ", "ＨＯＳＴＩＬＥ-Ｒ",
            "x".repeat(2000), "x".repeat(2001), "y".repeat(65), LONG_A, LONG_EMOJI, "\r\n".repeat(1500), "a|b", "a\\b");
    /** Printable texts that are fine in a description or reason. */
    private static final List<String> FINE_TEXT = List.of("1月基本工资", "公务接待 🍵", "שלום עולם\u200f", "e\u0301",
            "Z̴a̵l̶g̷o̷", "<script>alert(1)</script>", "'; DROP TABLE postings; --", "{\"$gt\": \"\"}", "$where",
            "../../etc/passwd", "%00", "tab\tnew\nline\r", "💥".repeat(500), "x".repeat(2000), "\ufeffBOM", "\uffff",
            "👨‍👩‍👧‍👦", "\u202eevil\u202c");
    /** Source systems that are 1-64 printable characters: valid, however hostile they look. */
    private static final List<String> ODD_SOURCES = List.of("支付系统", "pay🙂ments", "'; DROP TABLE postings; --",
            "{\"$gt\": \"\"}", "$where", "<script>x</script>", "../../etc/passwd", "%00", "שלום\u200f", "a|b");
    private static final List<String> WEIRD_AMOUNTS = List.of("1e9", "0x10", "１２３", " 5.00", "5.00 ", "NaN", "-0.00",
            "0.00", "0", "-5.00", "5.001", "5.", "05.00", ".5", "1,000.00", "+5.00", "Infinity", "", "٥", "5,00",
            "1234567890123456", "9999999999999999.99", "123456789012345", "999999999999.99", "1000000000000.00",
            "999999999999.999", "0.01", "00000000000001.5", "5.00\u0000", "５.００", "1_000", "5e2", "0.001",
            "18446744073709551616", " ", "5 .00", "\u22125.00", "--5.00", "-", "-.5", "12.5", "7");
    private static final List<String> WEIRD_DATES = List.of("2019-13-01", "2019-02-29", "20190101", "2019-1-1",
            "2019/01/01", "01/15/2019", "2019-01-32", "2019-00-10", "2019-01-15T00:00:00Z", "2019-01-15 ", "+2019-01-15",
            "-2019-01-15", "２０１９-０１-１５", "2019-W03-2", "2019-015", "0000-01-01", "9999-12-31", "+999999999-12-31",
            "2020-02-29", "2018-12-31", "2020-01-01", "2019-12-31", "2019-01-01", "", "null", "2019-06-31", "2019-04-31",
            "٢٠١٩-٠١-١٥", "2019-02-28");
    private static final List<JsonNode> WEIRD_YEARS = List.of(IntNode.valueOf(-2019), IntNode.valueOf(0),
            IntNode.valueOf(1989), IntNode.valueOf(1990), IntNode.valueOf(2100), IntNode.valueOf(2101), IntNode.valueOf(2020),
            IntNode.valueOf(2018), IntNode.valueOf(9999), IntNode.valueOf(Integer.MAX_VALUE), IntNode.valueOf(Integer.MIN_VALUE),
            LongNode.valueOf(4_000_000_000L), BigIntegerNode.valueOf(BigInteger.TEN.pow(30)), DoubleNode.valueOf(2019.5),
            DoubleNode.valueOf(2019.0), DoubleNode.valueOf(-0.5), DoubleNode.valueOf(1e10), TextNode.valueOf("2019"),
            TextNode.valueOf("２０１９"), DecimalNode.valueOf(new BigDecimal("2019.00")));
    private static final List<String> HOSTILE_KEYS = List.of("$where", "$gt", "__proto__", "constructor", "PostingId",
            "amount ", "\u0000", "a.b", "activity.kind", "💥", "\ud800", "'; DROP TABLE x; --", "k".repeat(70_000),
            "postingid", "AMOUNT", "type\u0000");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/octet-stream",
            "application/json-patch+json", "application/vnd.api+json", "text/json", "garbage", "application/", ";;;",
            "application/json; charset=nope", "*/*", "application/*", "");

    private static final List<String> FUNCTIONAL = new ArrayList<>();
    private static final List<String> ECONOMIC = new ArrayList<>();
    private static final Set<String> FUNCTIONAL_VALID = new HashSet<>();
    private static final Set<String> ECONOMIC_VALID = new HashSet<>();

    @LocalServerPort
    private int port;
    private HttpClient client;
    private Model restModel;
    private Model kafkaModel;
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, String> dlq;
    private final Map<String, List<ConsumerRecord<String, String>>> parked = new HashMap<>();
    private final Map<String, Expect> kafkaExpected = new LinkedHashMap<>();
    private final Set<String> checkedParked = new HashSet<>();
    /** What the seeds exercised, printed at the end: answers by status and error, DLQ records by error. */
    private final Map<String, Integer> tally = new TreeMap<>();

    // ---- set-up ---------------------------------------------------------------------------------------------

    @BeforeAll
    void setUp() throws IOException {
        loadCatalogue("functional", 7, FUNCTIONAL, FUNCTIONAL_VALID);
        loadCatalogue("economic", 5, ECONOMIC, ECONOMIC_VALID);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        restModel = fresh(REST_UNIT);
        kafkaModel = fresh(KAFKA_UNIT);
    }

    /** Registers a unit for the year: an empty ledger of its own. */
    private Model fresh(String unit) {
        byte[] profile = "{\"name\": \"敌意输入测试单位\", \"kind\": \"ADMINISTRATIVE\"}".getBytes(StandardCharsets.UTF_8);
        Response r = request("PUT", "/api/v1/units/" + unit + "/years/" + YEAR, profile, "application/json");
        assertThat(r.status).as(r.body).isIn(200, 201);
        return new Model(unit);
    }

    @AfterAll
    void tearDown() {
        System.out.println("[hostile-input] " + tally);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (dlq != null) {
            dlq.close(Duration.ofSeconds(5));
        }
    }

    private static void loadCatalogue(String kind, int leafLength, List<String> leaves, Set<String> valid) throws IOException {
        try (InputStream in = HostileInputTest.class.getClassLoader().getResourceAsStream("catalogues/" + YEAR + "/" + kind + ".tsv")) {
            assertThat(in).as("the shipped %s catalogue of %d", kind, YEAR).isNotNull();
            Set<String> codes = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split("\t")[0].strip())
                    .filter(c -> !c.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
            for (String code : codes) {
                boolean parents = code.length() == 7 ? codes.contains(code.substring(0, 3)) && codes.contains(code.substring(0, 5))
                        : code.length() != 5 || codes.contains(code.substring(0, 3));
                if (code.length() == leafLength && code.chars().allMatch(c -> c >= '0' && c <= '9') && parents) {
                    leaves.add(code);
                    valid.add(code);
                }
            }
        }
        assertThat(leaves).isNotEmpty();
    }

    // ---- REST -----------------------------------------------------------------------------------------------

    @Order(1)
    @ParameterizedTest(name = "REST seed {0}")
    @MethodSource("restSeeds")
    void restNeverFailsRecordsOnlyValidPostingsAndExplainsEveryRefusal(long seed) {
        try {
            restSeed(seed, restModel);
        } catch (Throwable failure) {
            restModel = fresh(REST_UNIT + "-" + ++generation);
            throw failure;
        }
    }

    private void restSeed(long seed, Model m) {
        Random r = new Random(seed);
        String id = "R" + seed;
        int scenario = r.nextInt(100);
        if (scenario < 50) {
            byte[] body = bytes(posting(r, m, id + "-1"), r);
            exchangeSingle(seed, body, "application/json", m);
        } else if (scenario < 72) {
            exchangeBatch(seed, bytes(batch(r, m, id), r), "application/json", m);
        } else if (scenario < 92) {
            Raw raw = raw(r, m, id);
            if (raw.batch) {
                exchangeBatch(seed, raw.body, raw.contentType, m);
            } else {
                exchangeSingle(seed, raw.body, raw.contentType, m);
            }
        } else {
            byte[] replay = replay(r, m, id);
            exchangeSingle(seed, replay, "application/json", m);
        }
        assertLedgerMatches(m, "REST seed " + seed);
    }

    @Order(2)
    @Test
    void oversizedBodiesAre413AndRecordNothing() {
        Model m = fresh("HOSTILE-BIG");
        exchangeSingle(-1, bytes(appropriation(m, "BIG-0", "10.00"), null), "application/json", m);
        int before = m.count;
        String huge = "x".repeat((int) MAX_BODY + 1024);
        ObjectNode p = appropriation(m, "BIG-1", "10.00").put("description", huge);
        for (String path : List.of("/api/v1/postings", "/api/v1/postings/batch")) {
            byte[] body = path.endsWith("batch") ? ("[" + p + "]").getBytes(StandardCharsets.UTF_8) : p.toString().getBytes(StandardCharsets.UTF_8);
            Response r = request("POST", path, body, "application/json");
            assertThat(r.status).as("%s with %d bytes: %s", path, body.length, r.body).isEqualTo(413);
            assertClearError(r, "oversized " + path);
            // streamed in chunks, without a Content-Length
            Response chunked = send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
            assertThat(chunked.status).as("chunked %s: %s", path, chunked.body).isEqualTo(413);
            assertClearError(chunked, "oversized chunked " + path);
        }
        // just under the limit: read, then refused for what it says
        ObjectNode under = appropriation(m, "BIG-2", "10.00").put("description", "x".repeat((int) MAX_BODY - 4096));
        Response r = request("POST", "/api/v1/postings", under.toString().getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(r.status).as(r.body).isEqualTo(422);
        assertThat(read(r.body).path("field").asText()).isEqualTo("description");
        assertThat(m.count).isEqualTo(before);
        assertLedgerMatches(m, "oversized bodies");
    }

    @Order(3)
    @Test
    void batchesAtAndBeyondTheLimit() {
        Model m = fresh("HOSTILE-LIM");
        Random r = new Random(4242);
        // 1,000 items of every kind: decided in order, each as the single endpoint would
        ArrayNode thousand = JSON.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            thousand.add(r.nextInt(3) == 0 ? garbageNode(r) : posting(r, m, "LIM-" + i));
        }
        exchangeBatch(-1, bytes(thousand, r), "application/json", m);
        assertLedgerMatches(m, "a batch of 1000");
        // beyond: refused whole, naming the limit, nothing recorded
        for (int size : List.of(1001, 5000, 100_000)) {
            ArrayNode over = JSON.createArrayNode();
            for (int i = 0; i < size; i++) {
                over.add(i % 7 == 0 ? appropriation(m, "OVER-" + size + "-" + i, "1.00") : IntNode.valueOf(i));
            }
            Response resp = request("POST", "/api/v1/postings/batch", over.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(resp.status).as("batch of %d: %s", size, resp.body).isEqualTo(422);
            assertClearError(resp, "batch of " + size);
            assertThat(read(resp.body).path("error").asText()).isEqualTo("batch.too_large");
            assertLedgerMatches(m, "a batch of " + size);
        }
    }

    @Order(4)
    @Test
    void idempotencyHoldsForHostileContent() {
        Model m = fresh("HOSTILE-IDEM");
        for (String description : List.of("👨‍👩‍👧‍👦", "\u202eevil\u202c", "{\"$gt\": \"\"}", "e\u0301", "\ufeff")) {
            String pid = "IDEM-" + Integer.toHexString(description.hashCode());
            ObjectNode p = appropriation(m, pid, "3.00").put("description", description);
            byte[] body = bytes(p, null);
            exchangeSingle(-2, body, "application/json", m);
            Response again = request("POST", "/api/v1/postings", body, "application/json");
            assertThat(again.status).as("the same again (%s): %s", description, again.body).isEqualTo(200);
            ObjectNode changed = p.deepCopy().put("description", description + "!");
            Response conflict = request("POST", "/api/v1/postings", bytes(changed, null), "application/json");
            assertThat(conflict.status).as("other content (%s): %s", description, conflict.body).isEqualTo(409);
            assertClearError(conflict, "conflict");
        }
        assertLedgerMatches(m, "idempotency");
    }

    // ---- Kafka ----------------------------------------------------------------------------------------------

    @Order(5)
    @ParameterizedTest(name = "Kafka seed {0}")
    @MethodSource("kafkaSeeds")
    void kafkaKeepsConsumingRecordsOnlyValidPostingsAndParksEveryInvalidRecord(long seed) {
        assertThat(kafkaStuckSince).as("the listener stopped consuming at Kafka seed %s", kafkaStuckSince).isNull();
        try {
            kafkaSeed(seed, kafkaModel);
        } catch (Throwable failure) {
            kafkaModel = fresh(KAFKA_UNIT + "-" + ++generation);
            throw failure;
        }
    }

    private void kafkaSeed(long seed, Model m) {
        Random r = new Random(seed * 7919 + 17);
        String id = "K" + seed;
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<String> seedKeys = new ArrayList<>();
        int n = 3 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            String key = "hostile-" + seed + "-" + i;
            byte[] value = kafkaValue(r, m, id + "-" + i);
            // the listener reads the value as UTF-8 text: the model reads what it will read
            Expect expect = value == null ? Expect.malformed() : judgeText(new String(value, StandardCharsets.UTF_8), m);
            expect.applyTo(m);
            kafkaExpected.put(key, expect);
            seedKeys.add(key);
            records.add(new ProducerRecord<>(postingsTopic, 0, key, value));
        }
        // after the garbage, a valid posting: the listener must still be consuming
        ObjectNode sentinel = appropriation(m, id + "-SENTINEL", "1.00");
        Expect sentinelExpect = judge(sentinel, m);
        assertThat(sentinelExpect.status).isEqualTo(201);
        sentinelExpect.applyTo(m);
        records.add(new ProducerRecord<>(postingsTopic, 0, KAFKA_UNIT, sentinel.toString().getBytes(StandardCharsets.UTF_8)));

        KafkaProducer<String, byte[]> p = producer();
        for (ProducerRecord<String, byte[]> record : records) {
            p.send(record);
        }
        p.flush();
        KafkaConsumer<String, String> c = dlqConsumer();
        List<String> mustPark = seedKeys.stream().filter(k -> kafkaExpected.get(k).parks()).toList();
        String context = "Kafka seed " + seed;
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                c.poll(Duration.ofMillis(50)).forEach(rec -> parked.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(rec));
                assertThat(parked.keySet()).as(context + ": parked").containsAll(mustPark);
                assertLedgerMatches(m, context);
            });
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            if (!sentinelRecorded(m, id + "-SENTINEL")) {
                kafkaStuckSince = seed;
            }
            throw timeout;
        }
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> e : parked.entrySet()) {
            if (!checkedParked.add(e.getKey())) {
                continue;
            }
            Expect expect = kafkaExpected.get(e.getKey());
            assertThat(expect).as("%s: parked a record that was never sent or is no posting of this test: %s", context, e.getKey()).isNotNull();
            assertThat(expect.parks()).as("%s: parked %s although it is %s (%s)", context, e.getKey(), expect, header(e.getValue().get(0), "error"))
                    .isTrue();
            // parked at least once (a redelivery after a rebalance may park it again); every copy says why
            for (ConsumerRecord<String, String> copy : e.getValue().subList(1, e.getValue().size())) {
                assertThat(header(copy, "error")).as("%s: %s parked again", context, e.getKey()).isNotBlank();
            }
            ConsumerRecord<String, String> rec = e.getValue().get(0);
            if (mustPark.contains(e.getKey())) {
                tally.merge("dlq " + header(rec, "error"), 1, Integer::sum);
            }
            String what = context + " " + e.getKey() + " value " + excerpt(rec.value());
            assertThat(header(rec, "error")).as(what).isNotBlank();
            assertThat(header(rec, "message")).as(what).isNotBlank();
            if (expect.status == 400) {
                assertThat(header(rec, "error")).as(what).isEqualTo("malformed_json");
            }
            if ("record.too_large".equals(header(rec, "error"))) {
                // a record far larger than any posting is parked as too large, without reading it, and kept in part
                assertThat(header(rec, "value.truncated")).as(what).isNotBlank();
            } else if (expect.status == 422) {
                // a header is UTF-8 bytes: a lone surrogate in a key the record was sent with reads back as '?'
                assertClearField(header(rec, "field"), header(rec, "message"), expect.asUtf8(), what);
            }
        }
        assertLedgerMatches(m, context);
    }

    // ---- known bugs, kept as failing cases ----------------------------------------------------------------

    @Order(20)
    @Test
    void aBlankKeyIsRefusedWithAMessageThatNamesIt() {
        Model m = fresh("HOSTILE-B1");
        for (String key : List.of("", " ")) {
            ObjectNode p = appropriation(m, "BLANK-KEY-" + key.length(), "10.00");
            p.put(key, "x");
            Response r = request("POST", "/api/v1/postings", p.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(r.status).as(r.body).isEqualTo(422);
            JsonNode body = read(r.body);
            assertThat(body.path("message").asText()).as(r.body).doesNotStartWith(" ").contains("\"" + key + "\"");
        }
        assertLedgerMatches(m, "blank keys");
    }

    @Order(21)
    @Test
    void contentThatDiffersOnlyInALoneSurrogateIsAConflict() {
        // text with an unpaired surrogate is refused; under a recorded id it is other content (409), not the same
        Model m = fresh("HOSTILE-B2");
        ObjectNode p = appropriation(m, "SURR-1", "10.00").put("description", "x?y");
        exchangeSingle(-21, bytes(p, null), "application/json", m);
        for (String other : List.of("x\ud800y", "x\udc00y", "x\udbffy")) {
            Response r = request("POST", "/api/v1/postings", bytes(p.deepCopy().put("description", other), null), "application/json");
            assertThat(r.status).as("description %s after x?y: %s", excerpt(other).replace("\ud800", "\\ud800")
                    .replace("\udc00", "\\udc00").replace("\udbff", "\\udbff"), r.body).isEqualTo(409);
        }
        ObjectNode fresh = appropriation(m, "SURR-2", "10.00").put("description", "x\ud800y");
        Response refused = request("POST", "/api/v1/postings", bytes(fresh, null), "application/json");
        assertThat(refused.status).as(refused.body).isEqualTo(422);
        assertThat(read(refused.body).path("error").asText()).isEqualTo("text.control");
        assertLedgerMatches(m, "lone surrogates");
    }

    @Order(22)
    @Test
    void trailingContentAfterAPostingIsMalformed() {
        Model m = fresh("HOSTILE-B3");
        for (String tail : List.of(" garbage", "}", ",", " {\"postingId\": \"T-2\"}")) {
            ObjectNode p = appropriation(m, "TRAIL-" + Integer.toHexString(tail.hashCode()), "10.00");
            Response r = request("POST", "/api/v1/postings", (p + tail).getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(r.status).as("%s + %s: %s", p, tail, r.body).isEqualTo(400);
            assertLedgerMatches(m, "trailing " + tail);
        }
    }

    @Order(23)
    @Test
    void aWrongJsonTypeInAnIdentityFieldIsReportedAsAWrongTypeNotAsMissing() {
        Model m = fresh("HOSTILE-B6");
        for (String field : List.of("postingId", "sourceSystem", "unitCode", "fiscalYear")) {
            ObjectNode p = appropriation(m, "WT-" + field, "10.00");
            p.set(field, field.equals("fiscalYear") ? TextNode.valueOf("2019") : IntNode.valueOf(7));
            Response r = request("POST", "/api/v1/postings", p.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            JsonNode body = read(r.body);
            assertThat(r.status).as(r.body).isEqualTo(422);
            assertThat(body.path("field").asText()).as(r.body).isEqualTo(field);
            assertThat(body.path("error").asText()).as("%s sent as %s: %s", field, p.get(field), r.body).isEqualTo("field.type");
        }
        assertLedgerMatches(m, "wrong JSON types");
    }

    @Order(30)
    @Test
    void aRecordThatFitsTheTopicButWhoseDlqCopyDoesNotStillLetTheListenerMoveOn() {
        Model m = fresh("HOSTILE-B5");
        KafkaProducer<String, byte[]> p = producer();
        byte[] big = "x".repeat(1_048_576 - 200).getBytes(StandardCharsets.UTF_8); // not JSON: parked as malformed_json
        try {
            p.send(new ProducerRecord<>(postingsTopic, 0, "big", big)).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the broker refused the record itself", e);
        }
        ObjectNode sentinel = appropriation(m, "BIG-SENTINEL", "1.00");
        p.send(new ProducerRecord<>(postingsTopic, 0, m.unit, sentinel.toString().getBytes(StandardCharsets.UTF_8)));
        p.flush();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Response r = request("GET", "/api/v1/units/" + m.unit + "/years/" + YEAR + "/ledger", null, null);
            assertThat(read(r.body).path("postings").asInt()).as("the posting after the big record is recorded").isEqualTo(1);
        });
        assertThat(readTopic(dlqTopic, Integer.MAX_VALUE, Duration.ofSeconds(3))).extracting(ConsumerRecord::key).contains("big");
    }

    // ---- exchanges and their checks ---------------------------------------------------------------------------

    private void exchangeSingle(long seed, byte[] body, String contentType, Model m) {
        Expect expect = expectFor(body, contentType, m, false);
        Response r = request("POST", "/api/v1/postings", body, contentType);
        String context = "seed " + seed + " POST /postings [" + contentType + "] " + excerpt(body);
        checkAnswer(r.status, r.body == null ? null : readOrNull(r.body), expect, context, true);
        if (r.status == 201 && expect.status == 201) {
            expect.applyTo(m);
        }
    }

    private void exchangeBatch(long seed, byte[] body, String contentType, Model m) {
        Expect batchExpect = expectFor(body, contentType, m, true);
        Response r = request("POST", "/api/v1/postings/batch", body, contentType);
        String context = "seed " + seed + " POST /postings/batch [" + contentType + "] " + excerpt(body);
        assertThat(REST_STATUSES).as("%s -> %d %s", context, r.status, excerpt(r.body)).contains(r.status);
        JsonNode answer = readOrNull(r.body);
        if (batchExpect.items == null) {
            checkAnswer(r.status, answer, batchExpect, context, true);
            return;
        }
        assertThat(r.status).as("%s -> %s", context, excerpt(r.body)).isEqualTo(200);
        JsonNode results = answer.path("results");
        assertThat(results.size()).as(context).isEqualTo(batchExpect.items.size());
        // the items are decided in order, each against the ledger as the ones before it left it
        JsonNode items = parse(body, contentType);
        for (int i = 0; i < items.size(); i++) {
            Expect expect = items.get(i).isObject() ? judge(items.get(i), m) : Expect.malformed();
            JsonNode item = results.get(i);
            assertThat(item.path("index").asInt(-1)).as(context).isEqualTo(i);
            String itemContext = context + " item " + i + " " + excerpt(items.get(i).toString());
            checkAnswer(item.path("httpStatus").asInt(), item, expect, itemContext, false);
            if (expect.status == 201) {
                expect.applyTo(m);
            }
        }
    }

    /** The status is the model's; a refusal is clear; a 422 names a field that is actually wrong. */
    private void checkAnswer(int status, JsonNode body, Expect expect, String context, boolean whole) {
        tally.merge("rest " + status + (body != null && body.hasNonNull("error") ? " " + body.get("error").asText() : ""), 1, Integer::sum);
        String got = status + " " + (body == null ? "(not JSON)" : excerpt(body.toString()));
        assertThat(status).as("%s: never a 5xx -> %s", context, got).isLessThan(500);
        assertThat(REST_STATUSES).as("%s -> %s", context, got).contains(status);
        if (expect.alternatives.isEmpty()) {
            assertThat(status).as("%s: expected %s -> %s", context, expect, got).isEqualTo(expect.status);
        } else {
            assertThat(expect.alternatives).as("%s: expected %s -> %s", context, expect, got).contains(status);
        }
        assertThat(body).as("%s: the answer is JSON -> %s", context, got).isNotNull();
        if (status >= 400) {
            assertThat(body.path("error").asText("")).as("%s: error -> %s", context, got).isNotBlank();
            assertThat(body.path("message").asText("")).as("%s: message -> %s", context, got).isNotBlank();
            if (status == 422 && expect.status == 422) {
                assertClearField(body.path("field").isTextual() ? body.get("field").textValue() : null,
                        body.path("message").asText(), expect, context + " -> " + got);
            }
        } else if (status == 201) {
            assertThat(body.path("status").asText()).as(context).isEqualTo("RECORDED");
            assertThat(body.path("eventId").asText("")).as(context).isNotBlank();
        } else if (status == 200) {
            assertThat(body.path("status").asText()).as(context).isEqualTo("DUPLICATE");
        }
    }

    /** A 422 names a real field (or a nested path, or the unknown key sent), one the model also finds wrong. */
    private static void assertClearField(String field, String message, Expect expect, String context) {
        assertThat(field).as("%s: a 422 names the field", context).isNotBlank();
        boolean real = PATHS.contains(field) || expect.unknownKeys.contains(field);
        assertThat(real).as("%s: field %s is a field of the posting or a key it was sent with", context, field).isTrue();
        assertThat(expect.defectFields()).as("%s: the field named is one that is wrong", context).contains(field);
        assertThat(message).as("%s: the message names the field", context).contains(field);
    }

    private static void assertClearError(Response r, String context) {
        JsonNode body = readOrNull(r.body);
        assertThat(body).as("%s: JSON error body: %s", context, r.body).isNotNull();
        assertThat(body.path("error").asText("")).as(context).isNotBlank();
        assertThat(body.path("message").asText("")).as(context).isNotBlank();
    }

    private void assertLedgerMatches(Model m, String context) {
        Response r = request("GET", "/api/v1/units/" + m.unit + "/years/" + YEAR + "/ledger", null, null);
        assertThat(r.status).as(r.body).isEqualTo(200);
        JsonNode summary = read(r.body);
        assertThat(summary.path("postings").asInt()).as("%s: postings held (model %s)", context, m).isEqualTo(m.count);
        Map<String, BigDecimal> available = new TreeMap<>();
        summary.path("available").fields().forEachRemaining(e -> {
            BigDecimal v = new BigDecimal(e.getValue().asText());
            if (v.signum() != 0) {
                available.put(e.getKey(), v);
            }
        });
        Map<String, BigDecimal> model = new TreeMap<>();
        m.available.forEach((fs, fen) -> {
            if (fen != 0) {
                model.put(fs, BigDecimal.valueOf(fen, 2));
            }
        });
        assertThat(available).as("%s: available per fund source", context).isEqualTo(model);
    }

    // ---- the model ------------------------------------------------------------------------------------------

    /** One ledger as the contract says it must be: what it holds and what each fund source has available. */
    static final class Model {
        final String unit;
        int count;
        final Map<String, Long> available = new TreeMap<>();
        final Map<String, Held> postings = new LinkedHashMap<>();

        Model(String unit) {
            this.unit = unit;
        }

        long available(String fundSource) {
            return available.getOrDefault(fundSource, 0L);
        }

        @Override
        public String toString() {
            return count + " postings, available " + available;
        }
    }

    static final class Held {
        final String type;
        final String fundSource;
        final long fen;
        final List<Object> content;
        final ObjectNode json;
        boolean reversed;

        Held(String type, String fundSource, long fen, List<Object> content, ObjectNode json) {
            this.type = type;
            this.fundSource = fundSource;
            this.fen = fen;
            this.content = content;
            this.json = json;
        }
    }

    /** What an input must get: a status (or one of some), the wrong fields of a 422, what a 201 records. */
    static final class Expect {
        final int status;
        final Set<Integer> alternatives;
        final List<Set<String>> defects;
        final Set<String> unknownKeys;
        final java.util.function.Consumer<Model> effect;
        List<JsonNode> items;

        Expect(int status, Set<Integer> alternatives, List<Set<String>> defects, Set<String> unknownKeys,
               java.util.function.Consumer<Model> effect) {
            this.status = status;
            this.alternatives = alternatives;
            this.defects = defects;
            this.unknownKeys = unknownKeys;
            this.effect = effect;
        }

        static Expect of(int status) {
            return new Expect(status, Set.of(), List.of(), Set.of(), null);
        }

        static Expect malformed() {
            return of(400);
        }

        static Expect oneOf(Integer... statuses) {
            return new Expect(statuses[0], Set.of(statuses), List.of(), Set.of(), null);
        }

        Expect orAlso(int status) {
            Set<Integer> all = new HashSet<>(alternatives.isEmpty() ? Set.of(this.status) : alternatives);
            all.add(status);
            return new Expect(this.status, all, defects, unknownKeys, effect);
        }

        void applyTo(Model m) {
            if (effect != null) {
                effect.accept(m);
            }
        }

        boolean parks() {
            return status == 400 || status == 409 || status == 422;
        }

        /** The same expectation with every field name as it reads back from UTF-8 bytes. */
        Expect asUtf8() {
            List<Set<String>> mapped = defects.stream().map(set -> set.stream().map(Expect::utf8).collect(Collectors.toSet())).toList();
            return new Expect(status, alternatives, mapped, unknownKeys.stream().map(Expect::utf8).collect(Collectors.toSet()), effect);
        }

        private static String utf8(String s) {
            return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }

        Set<String> defectFields() {
            Set<String> all = new LinkedHashSet<>();
            defects.forEach(all::addAll);
            return all;
        }

        @Override
        public String toString() {
            return (alternatives.isEmpty() ? String.valueOf(status) : "one of " + alternatives)
                    + (defects.isEmpty() ? "" : " wrong: " + defects);
        }
    }

    /** The expectation for a body: malformed (400), wrong media type (415), too large a batch (422), or the model's. */
    private Expect expectFor(byte[] body, String contentType, Model m, boolean batch) {
        if (contentType != null && (contentType.contains("charset=nope") || contentType.startsWith("multipart/"))) {
            return Expect.oneOf(415, 400);
        }
        if (!isJsonMediaType(contentType)) {
            return Expect.of(415);
        }
        JsonNode node = parse(body, contentType);
        if (!batch) {
            return node == null || !node.isObject() ? Expect.malformed() : judge(node, m); // applied once the answer is checked
        }
        if (node == null || !node.isArray()) {
            return Expect.malformed();
        }
        if (node.size() > 1000) {
            return Expect.of(422);
        }
        Expect ok = Expect.of(200);
        ok.items = new ArrayList<>();
        node.forEach(ok.items::add);
        return ok;
    }

    private Expect judgeText(String text, Model m) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            return Expect.malformed();
        }
        return node == null || !node.isObject() ? Expect.malformed() : judge(node, m);
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

    /**
     * The contract's rules for one posting (docs/POSTINGS.md#posting-fields), written out independently of the service:
     * every rule that fails adds the fields it is about; a known id is a duplicate or a conflict whatever else is
     * wrong; only a posting with nothing wrong is recorded.
     */
    private Expect judge(JsonNode p, Model m) {
        List<Set<String>> d = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        unknownKeys(p, FIELDS, "", d, unknown);
        String activityKind = null;
        Integer groups = null;
        Integer persons = null;
        boolean activity = false;
        JsonNode a = p.get("activity");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                d.add(Set.of("activity"));
            } else {
                activity = true;
                unknownKeys(a, ACTIVITY_FIELDS, "activity.", d, unknown);
                activityKind = text(a, "kind", "activity.kind", d);
                groups = integer(a, "groups", "activity.groups", d);
                persons = integer(a, "persons", "activity.persons", d);
            }
        }
        String category = null;
        Boolean sme = null;
        Boolean smallMicro = null;
        boolean procurement = false;
        JsonNode pr = p.get("procurement");
        if (pr != null && !pr.isNull()) {
            if (!pr.isObject()) {
                d.add(Set.of("procurement"));
            } else {
                procurement = true;
                unknownKeys(pr, PROCUREMENT_FIELDS, "procurement.", d, unknown);
                category = text(pr, "category", "procurement.category", d);
                sme = bool(pr, "smeAwarded", "procurement.smeAwarded", d);
                smallMicro = bool(pr, "smallMicroAwarded", "procurement.smallMicroAwarded", d);
            }
        }
        String postingId = text(p, "postingId", "postingId", d);
        String sourceSystem = text(p, "sourceSystem", "sourceSystem", d);
        String unitCode = text(p, "unitCode", "unitCode", d);
        Integer year = integer(p, "fiscalYear", "fiscalYear", d);
        String type = text(p, "type", "type", d);
        String fundSource = text(p, "fundSource", "fundSource", d);
        String functionalCode = text(p, "functionalCode", "functionalCode", d);
        String economicCode = text(p, "economicCode", "economicCode", d);
        String kind = text(p, "expenditureKind", "expenditureKind", d);
        String stage = text(p, "stage", "stage", d);
        String amount = text(p, "amount", "amount", d);
        String occurredOn = text(p, "occurredOn", "occurredOn", d);
        String description = text(p, "description", "description", d);
        String reverses = text(p, "reverses", "reverses", d);
        String reason = text(p, "reason", "reason", d);

        // identity and the ledger
        boolean identity = true;
        if (postingId == null || !POSTING_ID.matcher(postingId).matches()) {
            d.add(Set.of("postingId"));
            identity = false;
        }
        if (sourceSystem == null || sourceSystem.isEmpty() || sourceSystem.length() > 64 || !sourceSystem.equals(sourceSystem.strip())
                || sourceSystem.chars().anyMatch(Character::isISOControl)) {
            d.add(Set.of("sourceSystem"));
            identity = false;
        }
        boolean routed = true;
        if (unitCode == null || !UNIT_CODE.matcher(unitCode).matches()) {
            d.add(Set.of("unitCode"));
            routed = false;
        }
        if (year == null || year < 1990 || year > 2100) {
            d.add(Set.of("fiscalYear"));
            routed = false;
        }
        if (routed && !(m.unit.equals(unitCode) && year == YEAR)) {
            d.add(Set.of("unitCode", "fiscalYear"));
            routed = false;
        }
        List<Object> content = new ArrayList<>(java.util.Arrays.asList(postingId, sourceSystem, unitCode, year, type, fundSource, functionalCode,
                economicCode, kind, stage, normalizedAmount(amount), occurredOn, description,
                activity ? activityKind + "/" + groups + "/" + persons : null,
                procurement ? category + "/" + sme + "/" + smallMicro : null, reverses, reason));
        if (identity && routed) {
            Held known = m.postings.get(sourceSystem + "|" + postingId);
            if (known != null) {
                return known.content.equals(content) ? Expect.of(200) : Expect.of(409);
            }
        }

        // the type and the fields it takes
        String t = in(TYPES, type) ? type : null;
        if (t == null) {
            d.add(Set.of("type"));
        } else {
            boolean reversal = t.equals("REVERSAL");
            Object[][] applies = {
                    {"fundSource", fundSource, !reversal},
                    {"functionalCode", functionalCode, !reversal},
                    {"economicCode", economicCode, t.equals("EXPENDITURE") || t.equals("BUDGET")},
                    {"expenditureKind", kind, t.equals("EXPENDITURE") || t.equals("OPENING_BALANCE")},
                    {"stage", stage, t.equals("BUDGET")},
                    {"amount", amount, !reversal},
                    {"occurredOn", occurredOn, !reversal},
                    {"procurement", procurement ? "" : null, t.equals("PROCUREMENT")},
                    {"reverses", reverses, reversal},
                    {"reason", reason, reversal}};
            for (Object[] f : applies) {
                if (f[1] != null && !(Boolean) f[2]) {
                    d.add(Set.of((String) f[0]));
                }
            }
        }
        for (String[] text : new String[][]{{"description", description}, {"reason", reason}}) {
            if (text[1] != null && (text[1].length() > 2000
                    || text[1].chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')
                    || unpairedSurrogate(text[1]))) {
                d.add(Set.of(text[0]));
            }
        }
        if (activity) {
            if (!in(ACTIVITY_KINDS, activityKind)) {
                d.add(Set.of("activity.kind"));
            }
            for (Integer count : new Integer[]{groups, persons}) {
                if (count != null && (count < 0 || count > 1_000_000)) {
                    d.add(Set.of("activity", "activity.groups", "activity.persons"));
                }
            }
        }
        long fen = 0;
        if ("REVERSAL".equals(t)) {
            if (reverses == null || !POSTING_ID.matcher(reverses).matches()) {
                d.add(Set.of("reverses"));
            }
            if (reason == null || reason.isBlank()) {
                d.add(Set.of("reason"));
            }
        } else if (t != null) {
            if (!in(FUND_SOURCES, fundSource)) {
                d.add(Set.of("fundSource"));
            } else if ((t.equals("APPROPRIATION") && !in(FISCAL, fundSource))
                    || (in(List.of("INCOME", "FUND_OFFSET", "SURPLUS_DISTRIBUTION"), t) && in(FISCAL, fundSource))) {
                d.add(Set.of("fundSource", "type"));
            }
            if (amount == null || !AMOUNT.matcher(amount.startsWith("-") ? amount.substring(1) : amount).matches()
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
            if (functionalCode == null || !FUNCTIONAL_VALID.contains(functionalCode)) {
                d.add(Set.of("functionalCode"));
            }
            if ((t.equals("EXPENDITURE") && economicCode == null) || (economicCode != null && !ECONOMIC_VALID.contains(economicCode))) {
                d.add(Set.of("economicCode"));
            }
            if (t.equals("EXPENDITURE") && kind == null || kind != null && !in(KINDS, kind)) {
                d.add(Set.of("expenditureKind"));
            } else if (kind != null && in(FISCAL, fundSource) && !in(List.of("BASIC", "PROJECT"), kind)) {
                d.add(Set.of("expenditureKind", "fundSource"));
            }
            if (t.equals("BUDGET") && !in(STAGES, stage)) {
                d.add(Set.of("stage"));
            }
            if (t.equals("PROCUREMENT")) {
                if (!procurement) {
                    d.add(Set.of("procurement"));
                } else {
                    if (!in(CATEGORIES, category)) {
                        d.add(Set.of("procurement.category"));
                    }
                    if (Boolean.TRUE.equals(smallMicro) && !Boolean.TRUE.equals(sme)) {
                        d.add(Set.of("procurement.smeAwarded", "procurement.smallMicroAwarded"));
                    }
                }
            }
        }
        if (!d.isEmpty()) {
            return new Expect(422, Set.of(), d, unknown, null);
        }

        // the ledger's state: reversals and availability
        String key = sourceSystem + "|" + postingId;
        ObjectNode json = ((ObjectNode) p).deepCopy();
        if (t.equals("REVERSAL")) {
            Held target = m.postings.get(sourceSystem + "|" + reverses);
            if (target == null || target.type.equals("REVERSAL") || target.reversed) {
                return new Expect(422, Set.of(), List.of(Set.of("reverses")), unknown, null);
            }
            int sign = effect(target.type);
            if (sign > 0 && m.available(target.fundSource) - target.fen < 0) {
                return new Expect(422, Set.of(), List.of(Set.of("reverses")), unknown, null);
            }
            return new Expect(201, Set.of(), List.of(), unknown, model -> {
                Held held = model.postings.get(sourceSystem + "|" + reverses);
                held.reversed = true;
                model.available.merge(held.fundSource, -sign * held.fen, Long::sum);
                model.postings.put(key, new Held("REVERSAL", null, 0, content, json));
                model.count++;
            });
        }
        int sign = effect(t);
        if (sign < 0 && m.available(fundSource) - fen < 0) {
            return new Expect(422, Set.of(), List.of(Set.of("amount")), unknown, null);
        }
        long amountFen = fen;
        return new Expect(201, Set.of(), List.of(), unknown, model -> {
            if (sign != 0) {
                model.available.merge(fundSource, sign * amountFen, Long::sum);
            }
            model.postings.put(key, new Held(t, fundSource, amountFen, content, json));
            model.count++;
        });
    }

    /** Whether the ledger's events (read by an auditor, changing nothing) record the posting. */
    private boolean sentinelRecorded(Model m, String postingId) {
        Response r = request("GET", "/api/v1/ledgers/" + m.unit + "/" + YEAR + "/events", null, null);
        return r.status == 200 && r.body.contains("\"" + postingId + "\"");
    }

    private static boolean in(List<String> values, String value) {
        return value != null && values.contains(value);
    }

    private static int effect(String type) {
        return switch (type) {
            case "APPROPRIATION", "INCOME", "OPENING_BALANCE", "FUND_OFFSET" -> 1;
            case "EXPENDITURE", "SURPLUS_DISTRIBUTION" -> -1;
            default -> 0;
        };
    }

    private static String normalizedAmount(String amount) {
        if (amount == null || !Pattern.matches("-?[0-9]{1,15}(\\.[0-9]{1,2})?", amount)) {
            return amount;
        }
        return new BigDecimal(amount).setScale(2).toPlainString();
    }

    private static void unknownKeys(JsonNode node, List<String> known, String prefix, List<Set<String>> d, Set<String> unknown) {
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

    // ---- generators -------------------------------------------------------------------------------------------

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** A valid posting for the model's ledger (as far as availability goes, mostly), then 0-3 mutations. */
    private ObjectNode posting(Random r, Model m, String id) {
        ObjectNode p = validPosting(r, m, id);
        int roll = r.nextInt(100);
        int mutations = roll < 20 ? 0 : roll < 75 ? 1 : roll < 90 ? 2 : 3;
        for (int i = 0; i < mutations; i++) {
            mutate(r, p);
        }
        return p;
    }

    private ObjectNode validPosting(Random r, Model m, String id) {
        List<Map.Entry<String, Held>> reversible = m.postings.entrySet().stream()
                .filter(e -> !e.getValue().reversed && !e.getValue().type.equals("REVERSAL")).toList();
        String type;
        int roll = r.nextInt(100);
        if (roll < 20) {
            type = "APPROPRIATION";
        } else if (roll < 30) {
            type = "INCOME";
        } else if (roll < 55) {
            type = "EXPENDITURE";
        } else if (roll < 60) {
            type = "OPENING_BALANCE";
        } else if (roll < 65) {
            type = "FUND_OFFSET";
        } else if (roll < 70) {
            type = "SURPLUS_DISTRIBUTION";
        } else if (roll < 80) {
            type = "BUDGET";
        } else if (roll < 90) {
            type = "PROCUREMENT";
        } else {
            type = reversible.isEmpty() ? "APPROPRIATION" : "REVERSAL";
        }
        ObjectNode p = JSON.createObjectNode().put("postingId", id)
                .put("sourceSystem", r.nextInt(8) == 0 ? pick(r, ODD_SOURCES) : "hostile-fuzz")
                .put("unitCode", m.unit).put("fiscalYear", YEAR).put("type", type);
        if (type.equals("REVERSAL")) {
            Map.Entry<String, Held> target = pick(r, reversible);
            Held held = target.getValue();
            p.put("sourceSystem", held.json.get("sourceSystem").textValue());
            p.put("reverses", held.json.get("postingId").textValue());
            p.put("reason", pick(r, FINE_TEXT));
        } else {
            String fundSource = switch (type) {
                case "APPROPRIATION" -> pick(r, FISCAL);
                case "INCOME", "FUND_OFFSET" -> pick(r, NON_FISCAL);
                case "SURPLUS_DISTRIBUTION" -> richest(r, m, NON_FISCAL);
                case "EXPENDITURE" -> richest(r, m, FUND_SOURCES);
                default -> pick(r, FUND_SOURCES);
            };
            p.put("fundSource", fundSource);
            p.put("functionalCode", pick(r, FUNCTIONAL));
            if (type.equals("EXPENDITURE") || type.equals("BUDGET") && r.nextBoolean()) {
                p.put("economicCode", pick(r, ECONOMIC));
            }
            if (type.equals("EXPENDITURE") || type.equals("OPENING_BALANCE") && r.nextBoolean()) {
                p.put("expenditureKind", FISCAL.contains(fundSource) ? pick(r, KINDS.subList(0, 2)) : pick(r, KINDS));
            }
            if (type.equals("BUDGET")) {
                p.put("stage", pick(r, STAGES));
            }
            if (type.equals("PROCUREMENT")) {
                boolean smallMicro = r.nextBoolean();
                p.putObject("procurement").put("category", pick(r, CATEGORIES)).put("smeAwarded", smallMicro || r.nextBoolean())
                        .put("smallMicroAwarded", smallMicro);
            }
            long fen;
            if (effect(type) < 0 && r.nextInt(4) != 0) {
                long available = m.available(fundSource);
                fen = available <= 0 ? 1 + r.nextInt(10_000) : 1 + (long) (r.nextDouble() * Math.min(available, 100_000_00L) / 3);
            } else {
                fen = 1 + (long) (r.nextDouble() * 1_000_000_00L);
            }
            p.put("amount", yuan(r, fen));
            p.put("occurredOn", LocalDate.of(YEAR, 1, 1).plusDays(r.nextInt(365)).toString());
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

    /** Mostly the fund source with the most available, so that spending is mostly possible. */
    private static String richest(Random r, Model m, List<String> among) {
        if (r.nextInt(5) == 0) {
            return pick(r, among);
        }
        return among.stream().max((x, y) -> Long.compare(m.available(x), m.available(y))).orElseThrow();
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

    private void mutate(Random r, ObjectNode p) {
        switch (r.nextInt(11)) {
            case 0 -> { // drop a field
                List<String> paths = presentPaths(p);
                if (!paths.isEmpty()) {
                    remove(p, pick(r, paths));
                }
            }
            case 1 -> set(p, r.nextBoolean() && !presentPaths(p).isEmpty() ? pick(r, presentPaths(p)) : pick(r, new ArrayList<>(PATHS)),
                    randomValue(r));
            case 2, 3 -> set(p, pick(r, TEXT_PATHS), TextNode.valueOf(pick(r, HOSTILE)));
            case 4 -> p.put("amount", r.nextInt(5) == 0 ? digits(r, 16) : pick(r, WEIRD_AMOUNTS));
            case 5 -> p.put("occurredOn", pick(r, WEIRD_DATES));
            case 6 -> p.set("fiscalYear", pick(r, WEIRD_YEARS));
            case 7 -> { // a key that is no field
                String key = pick(r, HOSTILE_KEYS);
                ObjectNode target = p;
                if (r.nextInt(3) == 0 && p.path("activity").isObject()) {
                    target = (ObjectNode) p.get("activity");
                } else if (r.nextInt(3) == 0 && p.path("procurement").isObject()) {
                    target = (ObjectNode) p.get("procurement");
                }
                target.set(key, randomValue(r));
            }
            case 8 -> { // an enum that only looks right
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
            case 9 -> { // odd nested objects
                switch (r.nextInt(6)) {
                    case 0 -> p.set("activity", randomValue(r));
                    case 1 -> p.set("procurement", randomValue(r));
                    case 2 -> set(p, "activity." + pick(r, List.of("groups", "persons")), pick(r, List.of(IntNode.valueOf(-1),
                            IntNode.valueOf(1_000_001), LongNode.valueOf(2_147_483_648L), DoubleNode.valueOf(1.5),
                            TextNode.valueOf("5"), IntNode.valueOf(1_000_000), IntNode.valueOf(0))));
                    case 3 -> {
                        set(p, "procurement.smallMicroAwarded", BooleanNode.TRUE);
                        set(p, "procurement.smeAwarded", r.nextBoolean() ? BooleanNode.FALSE : TextNode.valueOf("true"));
                    }
                    case 4 -> p.putObject("activity");
                    default -> p.putObject("procurement").put("category", pick(r, CATEGORIES));
                }
            }
            default -> { // the same name in another case
                List<String> keys = new ArrayList<>();
                p.fieldNames().forEachRemaining(keys::add);
                if (!keys.isEmpty()) {
                    String key = pick(r, keys);
                    JsonNode value = p.remove(key);
                    String renamed = r.nextBoolean() ? key.toUpperCase(Locale.ROOT) : Character.toUpperCase(key.charAt(0)) + key.substring(1);
                    p.set(renamed, value);
                }
            }
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

    private static JsonNode garbageNode(Random r) {
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

    private ArrayNode batch(Random r, Model m, String id) {
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
    private static byte[] bytes(JsonNode node, Random r) {
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

    record Raw(byte[] body, String contentType, boolean batch) {
    }

    /** Garbage around or instead of a posting. */
    private Raw raw(Random r, Model m, String id) {
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
            case 2 -> new Raw(pick(r, List.of("null", "true", "42", "\"x\"", "[]", "[{}]", "{}", "-0", "1e999", "\"\\ud800\""))
                    .getBytes(StandardCharsets.UTF_8), "application/json", batch);
            case 3 -> new Raw(new byte[0], "application/json", batch);
            case 4 -> {
                int depth = pick(r, List.of(10_000, 100_000, 1_001, 999, 500));
                String nested = switch (r.nextInt(3)) {
                    case 0 -> "[".repeat(depth) + "]".repeat(depth);
                    case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    default -> text.substring(0, text.length() - 1) + ",\"description\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
                };
                yield new Raw(nested.getBytes(StandardCharsets.UTF_8), "application/json", false);
            }
            case 5 -> { // duplicate keys: the model reads the last one, as the service's parser does
                String key = pick(r, List.of("amount", "postingId", "type", "fundSource", "fiscalYear", "description"));
                String extra = ",\"" + key + "\":" + pick(r, List.of("\"-1\"", "\"100.00\"", "null", "2020", "\"EXPENDITURE\"", "\"<script>\""));
                String dup = p.toString();
                dup = r.nextBoolean() ? dup.substring(0, dup.length() - 1) + extra + "}" : "{" + extra.substring(1) + "," + dup.substring(1);
                yield new Raw((batch ? "[" + dup + "]" : dup).getBytes(StandardCharsets.UTF_8), "application/json", batch);
            }
            case 6 -> new Raw(utf8, pick(r, CONTENT_TYPES), batch);
            case 7 -> { // charsets
                String charset = pick(r, List.of("UTF-8", "utf-8", "UTF-16", "ISO-8859-1", "US-ASCII"));
                yield new Raw(utf8, "application/json; charset=" + charset, batch);
            }
            case 8 -> { // invalid UTF-8 inside a string
                byte[] bad = pick(r, List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xC0, (byte) 0xAF},
                        new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}));
                String head = text.substring(0, text.indexOf("\"type\""));
                byte[] headBytes = (head + "\"description\":\"x").getBytes(StandardCharsets.UTF_8);
                byte[] tailBytes = ("\"," + text.substring(text.indexOf("\"type\""))).getBytes(StandardCharsets.UTF_8);
                byte[] all = new byte[headBytes.length + bad.length + tailBytes.length];
                System.arraycopy(headBytes, 0, all, 0, headBytes.length);
                System.arraycopy(bad, 0, all, headBytes.length, bad.length);
                System.arraycopy(tailBytes, 0, all, headBytes.length + bad.length, tailBytes.length);
                yield new Raw(all, "application/json", batch);
            }
            case 9 -> { // not quite JSON
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
                yield new Raw(odd.getBytes(StandardCharsets.UTF_8), "application/json", false);
            }
            case 10 -> new Raw(text.getBytes(pick(r, List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, Charset.forName("UTF-32BE")))),
                    "application/json", batch);
            case 11 -> new Raw(("\ufeff" + text).getBytes(StandardCharsets.UTF_8), "application/json", batch);
            default -> new Raw(null, null, batch); // no body, no content type
        };
    }

    /** A recorded posting again: the same (200), or with other content (409). */
    private byte[] replay(Random r, Model m, String id) {
        List<Held> held = new ArrayList<>(m.postings.values());
        if (held.isEmpty()) {
            return bytes(validPosting(r, m, id + "-1"), r);
        }
        ObjectNode again = pick(r, held).json.deepCopy();
        if (r.nextBoolean()) {
            String field = pick(r, List.of("description", "amount", "occurredOn", "functionalCode"));
            if (again.has(field) || field.equals("description")) {
                again.put(field, field.equals("description") ? "changed " + pick(r, FINE_TEXT) : pick(r, WEIRD_AMOUNTS));
            }
        }
        return bytes(again, r);
    }

    private ObjectNode appropriation(Model m, String id, String amount) {
        return JSON.createObjectNode().put("postingId", id).put("sourceSystem", "hostile-fuzz").put("unitCode", m.unit)
                .put("fiscalYear", YEAR).put("type", "APPROPRIATION").put("fundSource", "GENERAL_BUDGET")
                .put("functionalCode", FUNCTIONAL.get(0)).put("amount", amount).put("occurredOn", YEAR + "-03-01");
    }

    /** One Kafka record value: a posting (valid or mutated), garbage, or one seen before. */
    private byte[] kafkaValue(Random r, Model m, String id) {
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
            return pick(r, List.of("", "null", "42", "[]", "\"x\"", "[{}]", "true")).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 76) {
            return ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 80) {
            String p = validPosting(r, m, id).toString();
            return (p.substring(0, p.length() - 1) + ",\"amount\":\"" + pick(r, WEIRD_AMOUNTS) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        if (roll < 86) {
            return replay(r, m, id);
        }
        if (roll < 92) {
            return bytes(validPosting(r, m, id).put("description", pick(r, List.of(LONG_A, LONG_EMOJI, "x\ud800"))), r);
        }
        Raw raw = raw(r, m, id);
        return raw.body == null || raw.contentType == null || !raw.contentType.equals("application/json") || raw.batch
                ? bytes(posting(r, m, id), r) : raw.body;
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    record Response(int status, String body) {
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private Response request(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    private Response send(HttpRequest.Builder b) {
        b.header("X-API-Key", ALL_ROLES_KEY);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrNull(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String excerpt(byte[] body) {
        return body == null ? "(no body)" : excerpt(new String(body, StandardCharsets.UTF_8));
    }

    private static String excerpt(String s) {
        if (s == null) {
            return "(null)";
        }
        String shown = s.length() > 400 ? s.substring(0, 400) + "…(" + s.length() + " chars)" : s;
        return shown.replace("\u0000", "\\u0000");
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private synchronized KafkaConsumer<String, String> dlqConsumer() {
        if (dlq == null) {
            dlq = consumer(dlqTopic);
        }
        return dlq;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Text with an unpaired surrogate is not valid Unicode: the ledger refuses it like a control character. */
    private static boolean unpairedSurrogate(String s) {
        // an independent oracle: only valid Unicode survives a round trip through UTF-8 unchanged
        return !s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}

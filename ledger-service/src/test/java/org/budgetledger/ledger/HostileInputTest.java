package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.budgetledger.ledger.hostile.HostilePostings.bytes;
import static org.budgetledger.ledger.hostile.HostilePostings.garbageNode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.budgetledger.ledger.hostile.CatalogueLeaves;
import org.budgetledger.ledger.hostile.ExpectedLedger;
import org.budgetledger.ledger.hostile.HostilePostings;
import org.budgetledger.ledger.hostile.PostingOracle;
import org.budgetledger.ledger.hostile.Verdict;
import org.budgetledger.testkit.TestInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue "hostile input": seeded property-based fuzzing of the two ways postings come in, REST and Kafka.
 * <p>
 * Each seed drives {@code new Random(seed)} to build valid postings, mutate them (drop a field, change its JSON type,
 * odd amounts, dates and years, unicode and control characters, lone surrogates, injection strings, strings beyond
 * 64 KB, unknown and case-changed keys, enum look-alikes) or send garbage (random bytes, truncated or non-standard JSON,
 * deep nesting, duplicate keys, wrong content types and charsets, batches with mixed items). The inputs are drawn by
 * {@link HostilePostings}. The properties:
 * <ul>
 *   <li>never a 5xx: REST answers one of 200/201/400/403/409/413/415/422; the Kafka listener keeps consuming (a valid
 *   posting sent after the garbage is recorded) and parks every invalid record in the DLQ with {@code error} and
 *   {@code message} headers;</li>
 *   <li>nothing is recorded from an invalid posting: a model ({@link PostingOracle}), written from docs/POSTINGS.md and
 *   independent of the service, says what each input must do, and the ledger's postings count and availability per
 *   fund source must equal it after every seed;</li>
 *   <li>a clear error each time: 4xx bodies are JSON with non-blank {@code error} and {@code message}; a 422 names in
 *   {@code field} a field of the posting (or a nested path) that is actually wrong, and the message names it.</li>
 * </ul>
 * Every test, and every seed, works on a ledger of its own (a unit code of its own) and shares nothing with another:
 * a seed's ledger starts with a history drawn from a stream of its own (funds in every fund source, then a few postings
 * of every type) for replays, reversals and spending to draw on, and its DLQ records are told apart by their keys. So any
 * test or seed passes alone and in any order. What the class shares is read-only: the catalogue's codes, the clients,
 * and a unit that nothing posts to ({@link #LOOK_ALIKE_TARGET}).
 * A failure message starts with the seed; rerun one seed by narrowing {@link #restSeeds()} or {@link #kafkaSeeds()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest extends IntegrationTest {

    static LongStream restSeeds() {
        return LongStream.rangeClosed(1, 400);
    }

    static LongStream kafkaSeeds() {
        return LongStream.rangeClosed(1, 30);
    }

    private static final int YEAR = 2019;
    /**
     * A unit registered for the whole class that nothing posts to: the fuzz's look-alike unit codes ("hostile-r",
     * " HOSTILE-R", full-width letters) must be refused, never routed to it.
     */
    private static final String LOOK_ALIKE_TARGET = "HOSTILE-R";
    /** The valid postings a seed's ledger holds (besides its funds) before the seed's own inputs. */
    private static final int HISTORY = 6;

    private static final long MAX_BODY = 8L * 1024 * 1024;
    private static final Set<Integer> REST_STATUSES = Set.of(200, 201, 400, 403, 409, 413, 415, 422);

    @LocalServerPort
    private int port;
    /** The group of the service's postings listener. */
    @Value("${spring.kafka.consumer.group-id}")
    private String postingsGroup;
    // set once in setUp and only read after: clients and the contract's model, no test's state
    private HttpClient client;
    private PostingOracle oracle;
    private HostilePostings inputs;
    private KafkaProducer<String, byte[]> producer;
    private Admin admin;
    /** What the tests exercised, printed at the end: answers by status and error, DLQ records by error. No test reads it. */
    private final Map<String, Integer> tally = new TreeMap<>();

    // ---- set-up ---------------------------------------------------------------------------------------------

    @BeforeAll
    void setUp() throws IOException {
        CatalogueLeaves catalogue = CatalogueLeaves.load(YEAR);
        oracle = new PostingOracle(catalogue);
        inputs = new HostilePostings(catalogue);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap()));
        fresh(LOOK_ALIKE_TARGET);
    }

    @AfterAll
    void tearDown() {
        System.out.println("[hostile-input] " + tally);
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** Registers a unit for the year: an empty ledger of its own. */
    private ExpectedLedger fresh(String unit) {
        byte[] profile = "{\"name\": \"敌意输入测试单位\", \"kind\": \"ADMINISTRATIVE\"}".getBytes(StandardCharsets.UTF_8);
        Response r = request("PUT", "/api/v1/units/" + unit + "/years/" + YEAR, profile, "application/json");
        assertThat(r.status).as(r.body).isIn(200, 201);
        return new ExpectedLedger(unit);
    }

    /**
     * A seed's own ledger, with a history as a ledger has after some use: funds in every fund source, then
     * {@value #HISTORY} valid postings (some reversals, some from odd source systems, some refused for want of funds)
     * for the seed's replays, reversals and spending to draw on. Drawn from {@code new Random(historySeed)}, not from
     * the seed's own stream; sent as one batch, each item checked against what the model said of it.
     */
    private ExpectedLedger ledgerWithHistory(String unit, String idPrefix, long historySeed) {
        ExpectedLedger m = fresh(unit);
        Random h = new Random(historySeed);
        // each item judged against the ledger as the ones before it leave it, as the batch is decided
        ArrayNode items = JSON.createArrayNode();
        List<Verdict> verdicts = new ArrayList<>();
        List<ObjectNode> funds = inputs.funding(h, m, idPrefix + "-F");
        for (int i = 0; i < funds.size() + HISTORY; i++) {
            ObjectNode item =
                    i < funds.size() ? funds.get(i) : inputs.validPosting(h, m, idPrefix + "-H-" + (i - funds.size()));
            Verdict expect = oracle.judge(item, m);
            expect.applyTo(m);
            items.add(item);
            verdicts.add(expect);
        }
        String context = unit + " history";
        Response r = request("POST", "/api/v1/postings/batch", bytes(items, null), "application/json");
        assertThat(r.status).as("%s: %s", context, excerpt(r.body)).isEqualTo(200);
        JsonNode results = read(r.body).path("results");
        assertThat(results.size()).as(context).isEqualTo(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(results.get(i).path("httpStatus").asInt())
                    .as(
                            "%s item %d %s -> %s",
                            context,
                            i,
                            excerpt(items.get(i).toString()),
                            excerpt(results.get(i).toString()))
                    .isEqualTo(verdicts.get(i).status());
        }
        return m;
    }

    // ---- REST -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "REST seed {0}")
    @MethodSource("restSeeds")
    void restNeverFailsRecordsOnlyValidPostingsAndExplainsEveryRefusal(long seed) {
        ExpectedLedger m = ledgerWithHistory("HOSTILE-R-" + seed, "R" + seed, ~seed);
        Random r = new Random(seed);
        String id = "R" + seed;
        int scenario = r.nextInt(100);
        if (scenario < 50) {
            byte[] body = bytes(inputs.posting(r, m, id + "-1"), r);
            exchangeSingle(seed, body, "application/json", m);
        } else if (scenario < 72) {
            exchangeBatch(seed, bytes(inputs.batch(r, m, id), r), "application/json", m);
        } else if (scenario < 92) {
            HostilePostings.Raw raw = inputs.raw(r, m, id);
            if (raw.batch()) {
                exchangeBatch(seed, raw.body(), raw.contentType(), m);
            } else {
                exchangeSingle(seed, raw.body(), raw.contentType(), m);
            }
        } else {
            byte[] replay = inputs.replay(r, m, id);
            exchangeSingle(seed, replay, "application/json", m);
        }
        assertLedgerMatches(m, "REST seed " + seed);
    }

    @Test
    void oversizedBodiesAre413AndRecordNothing() {
        ExpectedLedger m = fresh("HOSTILE-BIG");
        exchangeSingle(-1, bytes(inputs.appropriation(m, "BIG-0", "10.00"), null), "application/json", m);
        int before = m.count();
        String huge = "x".repeat((int) MAX_BODY + 1024);
        ObjectNode p = inputs.appropriation(m, "BIG-1", "10.00").put("description", huge);
        for (String path : List.of("/api/v1/postings", "/api/v1/postings/batch")) {
            byte[] body = path.endsWith("batch")
                    ? ("[" + p + "]").getBytes(StandardCharsets.UTF_8)
                    : p.toString().getBytes(StandardCharsets.UTF_8);
            Response r = request("POST", path, body, "application/json");
            assertThat(r.status)
                    .as("%s with %d bytes: %s", path, body.length, r.body)
                    .isEqualTo(413);
            assertClearError(r, "oversized " + path);
            // streamed in chunks, without a Content-Length
            Response chunked = send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
            assertThat(chunked.status).as("chunked %s: %s", path, chunked.body).isEqualTo(413);
            assertClearError(chunked, "oversized chunked " + path);
        }
        // just under the limit: read, then refused for what it says
        ObjectNode under =
                inputs.appropriation(m, "BIG-2", "10.00").put("description", "x".repeat((int) MAX_BODY - 4096));
        Response r = request(
                "POST", "/api/v1/postings", under.toString().getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(r.status).as(r.body).isEqualTo(422);
        assertThat(read(r.body).path("field").asText()).isEqualTo("description");
        assertThat(m.count()).isEqualTo(before);
        assertLedgerMatches(m, "oversized bodies");
    }

    @Test
    void batchesAtAndBeyondTheLimit() {
        ExpectedLedger m = fresh("HOSTILE-LIM");
        Random r = new Random(4242);
        // 1,000 items of every kind: decided in order, each as the single endpoint would
        ArrayNode thousand = JSON.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            thousand.add(r.nextInt(3) == 0 ? garbageNode(r) : inputs.posting(r, m, "LIM-" + i));
        }
        exchangeBatch(-1, bytes(thousand, r), "application/json", m);
        assertLedgerMatches(m, "a batch of 1000");
        // beyond: refused whole, naming the limit, nothing recorded
        for (int size : List.of(1001, 5000, 100_000)) {
            ArrayNode over = JSON.createArrayNode();
            for (int i = 0; i < size; i++) {
                over.add(i % 7 == 0 ? inputs.appropriation(m, "OVER-" + size + "-" + i, "1.00") : IntNode.valueOf(i));
            }
            Response resp = request(
                    "POST",
                    "/api/v1/postings/batch",
                    over.toString().getBytes(StandardCharsets.UTF_8),
                    "application/json");
            assertThat(resp.status).as("batch of %d: %s", size, resp.body).isEqualTo(422);
            assertClearError(resp, "batch of " + size);
            assertThat(read(resp.body).path("error").asText()).isEqualTo("batch.too_large");
            assertLedgerMatches(m, "a batch of " + size);
        }
    }

    @Test
    void idempotencyHoldsForHostileContent() {
        ExpectedLedger m = fresh("HOSTILE-IDEM");
        for (String description : List.of("👨‍👩‍👧‍👦", "\u202eevil\u202c", "{\"$gt\": \"\"}", "e\u0301", "\ufeff")) {
            String pid = "IDEM-" + Integer.toHexString(description.hashCode());
            ObjectNode p = inputs.appropriation(m, pid, "3.00").put("description", description);
            byte[] body = bytes(p, null);
            exchangeSingle(-2, body, "application/json", m);
            Response again = request("POST", "/api/v1/postings", body, "application/json");
            assertThat(again.status)
                    .as("the same again (%s): %s", description, again.body)
                    .isEqualTo(200);
            ObjectNode changed = p.deepCopy().put("description", description + "!");
            Response conflict = request("POST", "/api/v1/postings", bytes(changed, null), "application/json");
            assertThat(conflict.status)
                    .as("other content (%s): %s", description, conflict.body)
                    .isEqualTo(409);
            assertClearError(conflict, "conflict");
        }
        assertLedgerMatches(m, "idempotency");
    }

    // ---- Kafka ----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "Kafka seed {0}")
    @MethodSource("kafkaSeeds")
    void kafkaKeepsConsumingRecordsOnlyValidPostingsAndParksEveryInvalidRecord(long seed) throws Exception {
        ExpectedLedger m = ledgerWithHistory("HOSTILE-K-" + seed, "K" + seed, ~(seed * 7919 + 17));
        Random r = new Random(seed * 7919 + 17);
        String id = "K" + seed;
        Map<String, Verdict> expected = new LinkedHashMap<>();
        List<ProducerRecord<String, byte[]>> records = kafkaRecords(seed, r, m, expected);
        List<String> mustPark = expected.entrySet().stream()
                .filter(e -> e.getValue().parks())
                .map(Map.Entry::getKey)
                .toList();
        Future<RecordMetadata> last = null;
        for (ProducerRecord<String, byte[]> record : records) {
            last = producer.send(record);
        }
        producer.flush();
        long sentinelOffset = last.get(10, TimeUnit.SECONDS).offset();
        String context = "Kafka seed " + seed;
        Map<String, List<ConsumerRecord<String, String>>> parked = new HashMap<>();
        try (KafkaConsumer<String, String> dlq = dlqFromItsStart()) {
            try {
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .untilAsserted(() -> {
                            collectParked(dlq, seed, m, parked);
                            assertThat(parked.keySet()).as(context + ": parked").containsAll(mustPark);
                            assertLedgerMatches(m, context);
                            // once the listener committed past the sentinel, all of the seed's records are parked or
                            // recorded
                            assertCommittedPast(sentinelOffset, context);
                        });
            } catch (org.awaitility.core.ConditionTimeoutException timeout) {
                if (!sentinelRecorded(m, id + "-SENTINEL")) {
                    throw new AssertionError(
                            "the listener stopped consuming at Kafka seed " + seed
                                    + ": the valid posting sent after the garbage was never recorded",
                            timeout);
                }
                throw timeout;
            }
            readToItsEnd(dlq, seed, m, parked);
        }
        for (Map.Entry<String, List<ConsumerRecord<String, String>>> e : parked.entrySet()) {
            checkParked(context, e.getKey(), e.getValue(), expected.get(e.getKey()), mustPark.contains(e.getKey()));
        }
        assertLedgerMatches(m, context);
    }

    /**
     * The seed's records for partition 0 of the postings topic, keyed {@code hostile-SEED-i}, and after them a valid
     * posting keyed with the unit code (the sentinel); what each must do goes into {@code expected}, by key.
     */
    private List<ProducerRecord<String, byte[]>> kafkaRecords(
            long seed, Random r, ExpectedLedger m, Map<String, Verdict> expected) {
        String id = "K" + seed;
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        int n = 3 + r.nextInt(8);
        for (int i = 0; i < n; i++) {
            String key = "hostile-" + seed + "-" + i;
            byte[] value = inputs.kafkaValue(r, m, id + "-" + i);
            // the listener reads the value as UTF-8 text: the model reads what it will read
            Verdict expect = value == null
                    ? Verdict.malformed()
                    : oracle.judgeText(new String(value, StandardCharsets.UTF_8), m);
            expect.applyTo(m);
            expected.put(key, expect);
            records.add(new ProducerRecord<>(postingsTopic, 0, key, value));
        }
        // after the garbage, a valid posting: the listener must still be consuming
        ObjectNode sentinel = inputs.appropriation(m, id + "-SENTINEL", "1.00");
        Verdict sentinelExpect = oracle.judge(sentinel, m);
        assertThat(sentinelExpect.status()).isEqualTo(201);
        sentinelExpect.applyTo(m);
        expected.put(m.unit(), sentinelExpect);
        records.add(new ProducerRecord<>(
                postingsTopic, 0, m.unit(), sentinel.toString().getBytes(StandardCharsets.UTF_8)));
        return records;
    }

    /** One parked record of the seed (with any copies a redelivery parked again): it had to park, and says why. */
    private void checkParked(
            String context, String key, List<ConsumerRecord<String, String>> copies, Verdict expect, boolean mustPark) {
        assertThat(expect)
                .as("%s: parked a record that was never sent or is no posting of this test: %s", context, key)
                .isNotNull();
        assertThat(expect.parks())
                .as("%s: parked %s although it is %s (%s)", context, key, expect, header(copies.get(0), "error"))
                .isTrue();
        // parked at least once (a redelivery after a rebalance may park it again); every copy says why
        for (ConsumerRecord<String, String> copy : copies.subList(1, copies.size())) {
            assertThat(header(copy, "error"))
                    .as("%s: %s parked again", context, key)
                    .isNotBlank();
        }
        ConsumerRecord<String, String> rec = copies.get(0);
        if (mustPark) {
            tally.merge("dlq " + header(rec, "error"), 1, Integer::sum);
        }
        String what = context + " " + key + " value " + excerpt(rec.value());
        assertThat(header(rec, "error")).as(what).isNotBlank();
        assertThat(header(rec, "message")).as(what).isNotBlank();
        if (expect.status() == 400) {
            assertThat(header(rec, "error")).as(what).isEqualTo("malformed_json");
        }
        if ("record.too_large".equals(header(rec, "error"))) {
            // a record far larger than any posting is parked as too large, without reading it, and kept in part
            assertThat(header(rec, "value.truncated")).as(what).isNotBlank();
        } else if (expect.status() == 422) {
            // a header is UTF-8 bytes: a lone surrogate in a key the record was sent with reads back as '?'
            assertClearField(header(rec, "field"), header(rec, "message"), expect.asUtf8(), what);
        }
    }

    /** The whole DLQ from its start, read without joining a group. */
    private KafkaConsumer<String, String> dlqFromItsStart() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafkaBootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                50); // the poll's own wait: closing does not wait for a long fetch
        KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(dlqTopic).stream()
                .map(info -> new TopicPartition(dlqTopic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * Keeps the DLQ records that are the seed's: its keys, its sentinel's, and any without a key (no test of this
     * class sends one, so such a record is never one that had to park). Other tests' records are theirs to check.
     */
    private static void collectParked(
            KafkaConsumer<String, String> dlq,
            long seed,
            ExpectedLedger m,
            Map<String, List<ConsumerRecord<String, String>>> parked) {
        dlq.poll(Duration.ofMillis(50)).forEach(rec -> {
            if (rec.key() == null
                    || rec.key().startsWith("hostile-" + seed + "-")
                    || rec.key().equals(m.unit())) {
                parked.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(rec);
            }
        });
    }

    /** The service's postings group committed partition 0 past the offset: every record up to it is decided. */
    private void assertCommittedPast(long offset, String context) throws Exception {
        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(postingsGroup)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS)
                .get(new TopicPartition(postingsTopic, 0));
        assertThat(committed == null ? -1 : committed.offset())
                .as("%s: the listener committed past offset %d", context, offset)
                .isGreaterThan(offset);
    }

    /** Reads the DLQ up to the end it has now, so that nothing the seed's records parked is missed. */
    private static void readToItsEnd(
            KafkaConsumer<String, String> dlq,
            long seed,
            ExpectedLedger m,
            Map<String, List<ConsumerRecord<String, String>>> parked) {
        Map<TopicPartition, Long> end = dlq.endOffsets(dlq.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (end.entrySet().stream().anyMatch(e -> dlq.position(e.getKey()) < e.getValue())) {
            assertThat(System.nanoTime())
                    .as("the DLQ read to its end %s within 20 s", end)
                    .isLessThan(deadline);
            collectParked(dlq, seed, m, parked);
        }
    }

    // ---- known bugs, kept as failing cases ----------------------------------------------------------------

    @Test
    void aBlankKeyIsRefusedWithAMessageThatNamesIt() {
        ExpectedLedger m = fresh("HOSTILE-B1");
        for (String key : List.of("", " ")) {
            ObjectNode p = inputs.appropriation(m, "BLANK-KEY-" + key.length(), "10.00");
            p.put(key, "x");
            Response r = request(
                    "POST", "/api/v1/postings", p.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(r.status).as(r.body).isEqualTo(422);
            JsonNode body = read(r.body);
            assertThat(body.path("message").asText())
                    .as(r.body)
                    .doesNotStartWith(" ")
                    .contains("\"" + key + "\"");
        }
        assertLedgerMatches(m, "blank keys");
    }

    @Test
    void contentThatDiffersOnlyInALoneSurrogateIsAConflict() {
        // text with an unpaired surrogate is refused; under a recorded id it is other content (409), not the same
        ExpectedLedger m = fresh("HOSTILE-B2");
        ObjectNode p = inputs.appropriation(m, "SURR-1", "10.00").put("description", "x?y");
        exchangeSingle(-21, bytes(p, null), "application/json", m);
        for (String other : List.of("x\ud800y", "x\udc00y", "x\udbffy")) {
            Response r = request(
                    "POST",
                    "/api/v1/postings",
                    bytes(p.deepCopy().put("description", other), null),
                    "application/json");
            assertThat(r.status)
                    .as(
                            "description %s after x?y: %s",
                            excerpt(other)
                                    .replace("\ud800", "\\ud800")
                                    .replace("\udc00", "\\udc00")
                                    .replace("\udbff", "\\udbff"),
                            r.body)
                    .isEqualTo(409);
        }
        ObjectNode fresh = inputs.appropriation(m, "SURR-2", "10.00").put("description", "x\ud800y");
        Response refused = request("POST", "/api/v1/postings", bytes(fresh, null), "application/json");
        assertThat(refused.status).as(refused.body).isEqualTo(422);
        assertThat(read(refused.body).path("error").asText()).isEqualTo("text.control");
        assertLedgerMatches(m, "lone surrogates");
    }

    @Test
    void trailingContentAfterAPostingIsMalformed() {
        ExpectedLedger m = fresh("HOSTILE-B3");
        for (String tail : List.of(" garbage", "}", ",", " {\"postingId\": \"T-2\"}")) {
            ObjectNode p = inputs.appropriation(m, "TRAIL-" + Integer.toHexString(tail.hashCode()), "10.00");
            Response r = request(
                    "POST", "/api/v1/postings", (p + tail).getBytes(StandardCharsets.UTF_8), "application/json");
            assertThat(r.status).as("%s + %s: %s", p, tail, r.body).isEqualTo(400);
            assertLedgerMatches(m, "trailing " + tail);
        }
    }

    @Test
    void aWrongJsonTypeInAnIdentityFieldIsReportedAsAWrongTypeNotAsMissing() {
        ExpectedLedger m = fresh("HOSTILE-B6");
        for (String field : List.of("postingId", "sourceSystem", "unitCode", "fiscalYear")) {
            ObjectNode p = inputs.appropriation(m, "WT-" + field, "10.00");
            p.set(field, field.equals("fiscalYear") ? TextNode.valueOf("2019") : IntNode.valueOf(7));
            Response r = request(
                    "POST", "/api/v1/postings", p.toString().getBytes(StandardCharsets.UTF_8), "application/json");
            JsonNode body = read(r.body);
            assertThat(r.status).as(r.body).isEqualTo(422);
            assertThat(body.path("field").asText()).as(r.body).isEqualTo(field);
            assertThat(body.path("error").asText())
                    .as("%s sent as %s: %s", field, p.get(field), r.body)
                    .isEqualTo("field.type");
        }
        assertLedgerMatches(m, "wrong JSON types");
    }

    @Test
    void aRecordThatFitsTheTopicButWhoseDlqCopyDoesNotStillLetTheListenerMoveOn() {
        ExpectedLedger m = fresh("HOSTILE-B5");
        byte[] big = "x".repeat(1_048_576 - 200).getBytes(StandardCharsets.UTF_8); // not JSON: parked as malformed_json
        try {
            producer.send(new ProducerRecord<>(postingsTopic, 0, "big", big)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the broker refused the record itself", e);
        }
        ObjectNode sentinel = inputs.appropriation(m, "BIG-SENTINEL", "1.00");
        producer.send(new ProducerRecord<>(
                postingsTopic, 0, m.unit(), sentinel.toString().getBytes(StandardCharsets.UTF_8)));
        producer.flush();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    Response r = request("GET", "/api/v1/units/" + m.unit() + "/years/" + YEAR + "/ledger", null, null);
                    assertThat(read(r.body).path("postings").asInt())
                            .as("the posting after the big record is recorded")
                            .isEqualTo(1);
                });
        assertThat(readTopic(dlqTopic, Integer.MAX_VALUE, Duration.ofSeconds(3)))
                .extracting(ConsumerRecord::key)
                .contains("big");
    }

    // ---- exchanges and their checks ---------------------------------------------------------------------------

    private void exchangeSingle(long seed, byte[] body, String contentType, ExpectedLedger m) {
        Verdict expect = oracle.judgeBody(body, contentType, m, false);
        Response r = request("POST", "/api/v1/postings", body, contentType);
        String context = "seed " + seed + " POST /postings [" + contentType + "] " + excerpt(body);
        checkAnswer(r.status, r.body == null ? null : readOrNull(r.body), expect, context);
        if (r.status == 201 && expect.status() == 201) {
            expect.applyTo(m);
        }
    }

    private void exchangeBatch(long seed, byte[] body, String contentType, ExpectedLedger m) {
        Verdict batchExpect = oracle.judgeBody(body, contentType, m, true);
        Response r = request("POST", "/api/v1/postings/batch", body, contentType);
        String context = "seed " + seed + " POST /postings/batch [" + contentType + "] " + excerpt(body);
        assertThat(REST_STATUSES)
                .as("%s -> %d %s", context, r.status, excerpt(r.body))
                .contains(r.status);
        JsonNode answer = readOrNull(r.body);
        if (batchExpect.items() == null) {
            checkAnswer(r.status, answer, batchExpect, context);
            return;
        }
        assertThat(r.status).as("%s -> %s", context, excerpt(r.body)).isEqualTo(200);
        JsonNode results = answer.path("results");
        List<JsonNode> items = batchExpect.items();
        assertThat(results.size()).as(context).isEqualTo(items.size());
        // the items are decided in order, each against the ledger as the ones before it left it
        for (int i = 0; i < items.size(); i++) {
            Verdict expect = items.get(i).isObject() ? oracle.judge(items.get(i), m) : Verdict.malformed();
            JsonNode item = results.get(i);
            assertThat(item.path("index").asInt(-1)).as(context).isEqualTo(i);
            String itemContext =
                    context + " item " + i + " " + excerpt(items.get(i).toString());
            checkAnswer(item.path("httpStatus").asInt(), item, expect, itemContext);
            if (expect.status() == 201) {
                expect.applyTo(m);
            }
        }
    }

    /** The status is the model's; a refusal is clear; a 422 names a field that is actually wrong. */
    private void checkAnswer(int status, JsonNode body, Verdict expect, String context) {
        tally.merge(
                "rest " + status
                        + (body != null && body.hasNonNull("error")
                                ? " " + body.get("error").asText()
                                : ""),
                1,
                Integer::sum);
        String got = status + " " + (body == null ? "(not JSON)" : excerpt(body.toString()));
        assertThat(status).as("%s: never a 5xx -> %s", context, got).isLessThan(500);
        assertThat(REST_STATUSES).as("%s -> %s", context, got).contains(status);
        if (expect.alternatives().isEmpty()) {
            assertThat(status).as("%s: expected %s -> %s", context, expect, got).isEqualTo(expect.status());
        } else {
            assertThat(expect.alternatives())
                    .as("%s: expected %s -> %s", context, expect, got)
                    .contains(status);
        }
        assertThat(body).as("%s: the answer is JSON -> %s", context, got).isNotNull();
        if (status >= 400) {
            assertThat(body.path("error").asText(""))
                    .as("%s: error -> %s", context, got)
                    .isNotBlank();
            assertThat(body.path("message").asText(""))
                    .as("%s: message -> %s", context, got)
                    .isNotBlank();
            if (status == 422 && expect.status() == 422) {
                assertClearField(
                        body.path("field").isTextual() ? body.get("field").textValue() : null,
                        body.path("message").asText(),
                        expect,
                        context + " -> " + got);
            }
        } else if (status == 201) {
            assertThat(body.path("status").asText()).as(context).isEqualTo("RECORDED");
            assertThat(body.path("eventId").asText("")).as(context).isNotBlank();
        } else if (status == 200) {
            assertThat(body.path("status").asText()).as(context).isEqualTo("DUPLICATE");
        }
    }

    /** A 422 names a real field (or a nested path, or the unknown key sent), one the model also finds wrong. */
    private static void assertClearField(String field, String message, Verdict expect, String context) {
        assertThat(field).as("%s: a 422 names the field", context).isNotBlank();
        boolean real = PostingOracle.isFieldPath(field) || expect.unknownKeys().contains(field);
        assertThat(real)
                .as("%s: field %s is a field of the posting or a key it was sent with", context, field)
                .isTrue();
        assertThat(expect.defectFields())
                .as("%s: the field named is one that is wrong", context)
                .contains(field);
        assertThat(message).as("%s: the message names the field", context).contains(field);
    }

    private static void assertClearError(Response r, String context) {
        JsonNode body = readOrNull(r.body);
        assertThat(body).as("%s: JSON error body: %s", context, r.body).isNotNull();
        assertThat(body.path("error").asText("")).as(context).isNotBlank();
        assertThat(body.path("message").asText("")).as(context).isNotBlank();
    }

    private void assertLedgerMatches(ExpectedLedger m, String context) {
        Response r = request("GET", "/api/v1/units/" + m.unit() + "/years/" + YEAR + "/ledger", null, null);
        assertThat(r.status).as(r.body).isEqualTo(200);
        JsonNode summary = read(r.body);
        assertThat(summary.path("postings").asInt())
                .as("%s: postings held (model %s)", context, m)
                .isEqualTo(m.count());
        Map<String, BigDecimal> available = new TreeMap<>();
        summary.path("available").fields().forEachRemaining(e -> {
            BigDecimal v = new BigDecimal(e.getValue().asText());
            if (v.signum() != 0) {
                available.put(e.getKey(), v);
            }
        });
        Map<String, BigDecimal> model = new TreeMap<>();
        m.availableFen().forEach((fs, fen) -> {
            if (fen != 0) {
                model.put(fs, BigDecimal.valueOf(fen, 2));
            }
        });
        assertThat(available).as("%s: available per fund source", context).isEqualTo(model);
    }

    /** Whether the ledger's events (read by an auditor, changing nothing) record the posting. */
    private boolean sentinelRecorded(ExpectedLedger m, String postingId) {
        Response r = request("GET", "/api/v1/ledgers/" + m.unit() + "/" + YEAR + "/events", null, null);
        return r.status == 200 && r.body.contains("\"" + postingId + "\"");
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    record Response(int status, String body) {}

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private Response request(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
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

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

package org.budgetledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.budgetledger.contract.event.EventChain;
import org.budgetledger.ledger.published.ProjectionReader;
import org.budgetledger.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * bin/verify-chain, the auditors' own check of an export (docs/HASH-CHAIN.md), agrees with the ledger: it accepts
 * a real export of a varied ledger (Chinese text, fen, nulls, nested objects, a reversal, a narrative, a profile,
 * imported figures, a closed year) and finds an amount changed, a line deleted and two lines swapped. It runs with
 * python3, which the build machine has: without it the test fails, it does not skip.
 */
class VerifyChainScriptTest extends IntegrationTest {

    private static final Path ROOT = repositoryRoot();

    @TempDir
    Path dir;

    @MockitoBean
    ProjectionReader projection;

    @Test
    void aRealExportVerifiesAndEachTamperingIsFoundWhereItIs() throws Exception {
        ObjectNode profile = (ObjectNode)
                Fixtures.of(Fixtures.HETANG).units().get(0).get("profile").deepCopy();
        profile.put("name", "链测单位「甲」😀").put("duties", "第一段：\"引号\" \\ 反斜杠\n第二段\t制表 𠀀 \u2028 é");
        ((ObjectNode) profile.get("staffing")).putNull("retired");
        assertThat(put("/api/v1/units/VC1/years/2019", profile).getStatusCode().value())
                .isEqualTo(201);
        posted(appropriation("VC1", "1", "1234.56").put("description", "拨款\r\n一月"));
        posted(expenditure("VC1", "2", "0.05").put("description", "支出\t五分钱 \"零头\""));
        posted(expenditure("VC1", "3", "999.99")
                .put("description", "误记，已冲销")
                .set(
                        "activity",
                        JSON.createObjectNode()
                                .put("kind", "MEETING")
                                .put("groups", 1)
                                .put("persons", 12)));
        posted(JSON.createObjectNode()
                .put("postingId", "VC1-4")
                .put("sourceSystem", "api-test")
                .put("unitCode", "VC1")
                .put("fiscalYear", 2019)
                .put("type", "REVERSAL")
                .put("reverses", "VC1-3")
                .put("reason", "重复支付，冲销"));
        assertThat(put(
                                "/api/v1/units/VC1/years/2019/narrative",
                                Map.of(
                                        "sections",
                                        Map.of("performance", "绩效：良好。\n第二行 «引» \\ 😀", "other", "其他\u001b\u007f")))
                        .getStatusCode()
                        .value())
                .isIn(200, 201);
        String digest = read(post("/api/v1/units/VC1/years/2019/close", "").getBody())
                .get("digest")
                .asText();

        List<String> export = export("VC1", 2019);
        assertThat(export).hasSize(7);
        assertThat(verifyChain(write(export))).isEqualTo(new Outcome(0, "OK 7 events, head " + digest));
        assertThat(verifyChainFromStdin(write(export)))
                .as("the export on standard input")
                .isEqualTo(new Outcome(0, "OK 7 events, head " + digest));

        List<String> changed = new ArrayList<>(export);
        changed.set(1, changed.get(1).replace("\"amount\":\"1234.56\"", "\"amount\":\"1234.57\""));
        assertThat(changed).isNotEqualTo(export);
        assertThat(verifyChain(write(changed)))
                .satisfies(o -> assertThat(o.exit()).isEqualTo(1))
                .satisfies(o -> assertThat(o.output()).startsWith("BROKEN at line 2, sequence 1: hash: expected "));

        List<String> deleted = new ArrayList<>(export);
        deleted.remove(2);
        assertThat(verifyChain(write(deleted)))
                .satisfies(o -> assertThat(o.exit()).isEqualTo(1))
                .satisfies(o -> assertThat(o.output()).startsWith("BROKEN at line 3, sequence 2: expected sequence 2"));

        List<String> swapped = new ArrayList<>(export);
        swapped.set(2, export.get(3));
        swapped.set(3, export.get(2));
        assertThat(verifyChain(write(swapped)))
                .satisfies(o -> assertThat(o.exit()).isEqualTo(1))
                .satisfies(o -> assertThat(o.output()).startsWith("BROKEN at line 3, sequence 2: expected sequence 2"));
    }

    @Test
    void anImportedYearVerifies() throws Exception {
        JsonNode profile = Fixtures.of(Fixtures.HETANG).units().get(0).get("profile");
        assertThat(put("/api/v1/units/VC2/years/2018", profile).getStatusCode().value())
                .isEqualTo(201);
        // the projection reads the document; here it answers as it would for these two cells (in fen)
        ObjectNode reading = JSON.createObjectNode().put("format", "json");
        reading.putObject("cells").put("general/meetings/amount", 12_300L).put("general/training/amount", 5_000L);
        reading.putArray("tables");
        when(projection.read(any(), anyInt(), any(), any(), any(), any(), any()))
                .thenReturn(Optional.of(new ProjectionReader.Answer(200, reading)));
        var imported =
                send(HttpMethod.PUT, "/api/v1/units/VC2/years/2018/published-figures?fileName=2018年决算.json", "{}");
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(201);
        List<String> export = export("VC2", 2018);
        assertThat(export).hasSize(2).last().asString().contains("FiguresImported", "2018年决算.json");
        assertThat(verifyChain(write(export)).exit()).isZero();
    }

    /**
     * The script's canonical form is EventChain's on content no event of today holds: every control character, quotes
     * and backslashes, characters beyond U+FFFF (whose keys Java orders by UTF-16), nested objects and arrays, nulls,
     * booleans and integers beyond 64 bits. Each line is hashed here by EventChain and recomputed by the script.
     */
    @Test
    void theScriptHashesArbitraryContentAsEventChainDoes() throws Exception {
        Random random = new Random(20190101);
        List<String> lines = new ArrayList<>();
        String previous = EventChain.GENESIS;
        for (int sequence = 0; sequence < 300; sequence++) {
            JsonNode content = randomObject(random, 0);
            String hash = EventChain.link(previous, sequence, "Arbitrary", content);
            ObjectNode line = JSON.createObjectNode().put("sequence", sequence).put("type", "Arbitrary");
            line.set("payload", content);
            lines.add(write(line.put("hash", hash).put("previousHash", previous)));
            previous = hash;
        }
        assertThat(verifyChain(write(lines))).isEqualTo(new Outcome(0, "OK 300 events, head " + previous));
    }

    private static final String[] PIECES = {
        "\u0000", "\u0001", "\b", "\t", "\n", "\u000b", "\f", "\r", "\u001b", "\u001f", " ", "\"", "\\", "/", "a", "Z",
        "0", "中", "文", "，", "\u2028", "\u00e9", "e\u0301", "\ufeff", "\ue000", "\uffff", "😀", "𠀀", "\u007f"
    };

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = random.nextInt(5); i >= 0; i--) {
            String key = randomText(random);
            switch (depth > 2 ? random.nextInt(5) : random.nextInt(7)) {
                case 0 -> node.put(key, randomText(random));
                case 1 -> node.put(key, random.nextLong());
                case 2 -> node.put(key, new java.math.BigInteger(80, random).negate());
                case 3 -> node.putNull(key);
                case 4 -> node.put(key, random.nextBoolean());
                case 5 -> node.set(key, randomObject(random, depth + 1));
                default -> node.putArray(key).add(randomText(random)).add(randomObject(random, depth + 1));
            }
        }
        return node;
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private void posted(ObjectNode posting) {
        var r = post("/api/v1/postings", posting);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(201);
    }

    private List<String> export(String unit, int year) {
        String body = http.getForObject("/api/v1/ledgers/" + unit + "/" + year + "/events", String.class);
        return body.lines().toList();
    }

    private Path write(List<String> lines) throws IOException {
        Path file = Files.createTempFile(dir, "export", ".jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    record Outcome(int exit, String output) {}

    private static Outcome verifyChain(Path export) throws Exception {
        return run(new ProcessBuilder("python3", "bin/verify-chain", export.toString()), null);
    }

    private static Outcome verifyChainFromStdin(Path export) throws Exception {
        return run(new ProcessBuilder("python3", "bin/verify-chain"), export.toFile());
    }

    private static Outcome run(ProcessBuilder command, File stdin) throws Exception {
        command.directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(stdin == null ? new File("/dev/null") : stdin));
        Process process;
        try {
            process = command.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "python3 is not installed: bin/verify-chain needs it (Debian: apt-get install"
                            + " python3; .ci/run installs it)",
                    e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("bin/verify-chain ends")
                .isTrue();
        return new Outcome(process.exitValue(), output.strip());
    }

    /** The module's directory is the working directory under Maven; the repository is its parent. */
    private static Path repositoryRoot() {
        try {
            Path root = Path.of("..").toRealPath();
            assertThat(root.resolve("bin/verify-chain"))
                    .as("the repository root")
                    .exists();
            return root;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

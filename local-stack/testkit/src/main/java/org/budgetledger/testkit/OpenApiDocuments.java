package org.budgetledger.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAPI document a running service serves, checked as its consumers see it: equal to the one committed in
 * {@code docs/openapi/} (which clients are generated from), and clean under Redocly's recommended rules.
 */
public final class OpenApiDocuments {

    /** Redocly's CLI from npm, pinned: a linter we did not write. */
    public static final String REDOCLY = "@redocly/cli@2.77.0";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiDocuments() {}

    /** The document as committed: indented, ending with a newline (the service serves it compact). */
    public static String normalized(String served) throws IOException {
        return JSON.writeValueAsString(JSON.readTree(served)) + "\n";
    }

    /** The committed document of a service: docs/openapi/{service}.json from the repository's root. */
    public static Path committed(String service) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/openapi"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "no docs/openapi above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/openapi/" + service + ".json");
    }

    /** Lints a document with Redocly (recommended rules); what it reports, nothing when the document is clean. */
    public static List<String> lint(Path document) throws IOException, InterruptedException {
        Path report = Files.createTempFile("redocly", ".json");
        Process process = new ProcessBuilder("npx", "--yes", REDOCLY, "lint", "--format=json", document.toString())
                .redirectOutput(report.toFile())
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("redocly lint did not end within 5 minutes");
        }
        String output = Files.readString(report);
        Files.deleteIfExists(report);
        int start = output.indexOf('{');
        if (start < 0) {
            throw new IllegalStateException(
                    "redocly lint gave no report (exit " + process.exitValue() + "; is npx on the PATH?): " + output);
        }
        JsonNode result = JSON.readTree(output.substring(start));
        List<String> problems = new ArrayList<>();
        result.path("problems")
                .forEach(p -> problems.add(p.path("severity").asText() + " "
                        + p.path("ruleId").asText() + ": " + p.path("message").asText() + " at "
                        + p.path("location").path(0).path("pointer").asText()));
        return problems;
    }

    public static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }
}

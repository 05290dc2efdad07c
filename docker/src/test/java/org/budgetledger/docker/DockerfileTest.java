package org.budgetledger.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker/<service>.Dockerfile: multi-stage, the jar its module builds, a non-root user, a health check, its port. */
class DockerfileTest {

    static final Path DIR = Paths.get("").toAbsolutePath();
    static final Path REPO = DIR.getParent();

    @ParameterizedTest
    @ValueSource(strings = {"ledger-service", "projection-service"})
    void multiStageNonRootWithHealthcheck(String module) throws IOException {
        List<String> lines = instructions(DIR.resolve(module + ".Dockerfile"));
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(froms).as("stages").hasSizeGreaterThanOrEqualTo(2);
        Matcher buildStage = Pattern.compile("(?i)^FROM \\S+ AS (\\S+)$").matcher(froms.get(0));
        assertThat(buildStage.matches()).as(froms.get(0)).isTrue();
        String build = buildStage.group(1);
        assertThat(froms.get(0)).contains("eclipse-temurin:17-jdk");
        assertThat(froms.get(froms.size() - 1)).startsWith("FROM eclipse-temurin:17-jre");

        // the build stage builds this module with the wrapper
        assertThat(lines).anyMatch(l -> l.startsWith("RUN ") && l.contains("mvnw") && l.contains("-pl " + module));

        List<String> runtime = lines.subList(lines.lastIndexOf(froms.get(froms.size() - 1)), lines.size());
        // the jar the module builds (finalName = module name)
        String jar = module + "/target/" + module + ".jar";
        assertThat(runtime)
                .anyMatch(l ->
                        l.matches("COPY --from=" + Pattern.quote(build) + " \\S*/" + Pattern.quote(jar) + " \\S+"));
        assertThat(Files.readString(REPO.resolve(module).resolve("pom.xml")))
                .contains("<finalName>" + module + "</finalName>");

        String user = runtime.stream()
                .filter(l -> l.startsWith("USER "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .substring(5)
                .trim();
        assertThat(user).isNotIn("root", "0", "0:0");
        assertThat(runtime).anyMatch(l -> l.startsWith("HEALTHCHECK ") && l.contains("/actuator/health"));

        String port = defaultPort(module);
        assertThat(runtime).contains("EXPOSE " + port);
        assertThat(runtime).anyMatch(l -> l.startsWith("ENV ") && l.contains("SERVER_PORT=" + port));
        assertThat(runtime).anyMatch(l -> l.startsWith("ENTRYPOINT ") && l.contains(module + ".jar"));

        // the Helm chart runs the image's user
        JsonNode values = new ObjectMapper(new YAMLFactory())
                .readTree(REPO.resolve("helm/budget-ledger/values.yaml").toFile());
        assertThat(values.at("/podSecurityContext/runAsUser").asText()).isEqualTo(user);
        String component = module.replace("-service", "");
        assertThat(values.at("/" + component + "/port").asText()).isEqualTo(port);
    }

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    static List<String> instructions(Path dockerfile) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                current.append(trimmed);
                out.add(current.toString().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }

    static String defaultPort(String module) throws IOException {
        String yml = Files.readString(REPO.resolve(module).resolve("src/main/resources/application.yml"));
        Matcher m = Pattern.compile("\\$\\{SERVER_PORT:(\\d+)}").matcher(yml);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}

package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scripts a user runs first (bin/, .ci/run) pass shellcheck, as the Java code passes the compiler. */
class ShellScriptsTest {

    @Test
    void everyScriptPassesShellcheck() throws Exception {
        Path root = Path.of("..").toRealPath();
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources"));
        try (Stream<Path> bin = Files.list(root.resolve("bin"))) {
            bin.filter(Files::isRegularFile).sorted().forEach(p -> command.add(p.toString()));
        }
        command.add(root.resolve(".ci/run").toString());
        Process shellcheck;
        try {
            shellcheck = new ProcessBuilder(command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (java.io.IOException e) {
            throw new AssertionError(
                    "shellcheck is not installed (Debian: apt-get install shellcheck; .ci/run installs it)", e);
        }
        assertThat(shellcheck.waitFor(120, TimeUnit.SECONDS))
                .as("shellcheck ends")
                .isTrue();
        String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shellcheck.exitValue()).as(findings).isZero();
    }
}

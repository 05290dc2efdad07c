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

/**
 * The scripts a user runs first (bin/, .ci/run) pass shellcheck, as the Java code passes the compiler. A script of
 * bin/ in another language (bin/verify-chain is Python) is not a shell script: its first line says so.
 */
class ShellScriptsTest {

    @Test
    void everyScriptPassesShellcheck() throws Exception {
        Path root = Path.of("..").toRealPath();
        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources"));
        try (Stream<Path> bin = Files.list(root.resolve("bin"))) {
            bin.filter(Files::isRegularFile)
                    .filter(ShellScriptsTest::isShellScript)
                    .sorted()
                    .forEach(p -> command.add(p.toString()));
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

    /**
     * Whether the file is a script of another language: its first line names an interpreter that is no shell
     * ({@code #!/usr/bin/env python3}). A file without that line is taken for a shell script, for shellcheck to judge.
     */
    private static boolean isShellScript(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElse("");
            return !first.startsWith("#!") || first.matches("#!.*\\b(ba|da|k)?sh\\b.*");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return true; // not text: shellcheck says what it is
        }
    }
}

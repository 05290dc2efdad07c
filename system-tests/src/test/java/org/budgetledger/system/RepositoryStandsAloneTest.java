package org.budgetledger.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A clone explains itself: no file points to a document outside the repository. The reference documents (the
 * posting contract, the cell keys, the domain, the stack notes) live in {@code docs/}, and every mention of one says
 * so; the specification folders the project started from ({@code ../shared/…}) are not part of a clone. Every
 * {@code docs/X.md} mentioned anywhere exists, with the heading its {@code #anchor} names, and every relative link of
 * a Markdown file leads somewhere.
 *
 * <p>The files are those git knows (tracked, and new ones not ignored), or, without git, the tree less build output;
 * this file itself is left out, since it must spell the names it looks for.
 */
class RepositoryStandsAloneTest {

    /** The names of the reference documents: anywhere but in docs/*.md itself, only as docs/NAME.md. */
    private static final Pattern DOCUMENT =
            Pattern.compile("(?<![\\w-])(CONTRACT|CELLS|DOMAIN|STACK|ARCHITECTURE)\\.md");
    /** Section numbers of the specification the project started from ("DOMAIN §5"); the docs have headings. */
    private static final Pattern SECTION = Pattern.compile("\\b(CONTRACT|CELLS|DOMAIN|STACK|ARCHITECTURE)(\\.md)? ?§");
    /** The folders beside the repository that a clone does not have. */
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|shared/spec|shared/notes");
    /** A path into docs/, with an optional heading anchor. */
    private static final Pattern DOCS_PATH =
            Pattern.compile("(?<![\\w-])docs/([\\w.-]+?\\.md)(?:#([\\p{L}\\p{N}_-]+))?");
    /** A Markdown link: its target, with an optional anchor. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^()\\s#]*)(?:#([^()\\s]*))?\\)");

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final String THIS_FILE =
            "system-tests/src/test/java/org/budgetledger/system/RepositoryStandsAloneTest.java";

    private static Path root;
    private static Map<String, List<String>> texts;

    @BeforeAll
    static void readRepository() throws Exception {
        root = Path.of("..").toRealPath();
        texts = new HashMap<>();
        for (String file : files()) {
            if (file.equals(THIS_FILE)) {
                continue;
            }
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue; // deleted in the work tree, or a link to a folder
            }
            byte[] bytes = Files.readAllBytes(path);
            if (isBinary(bytes)) {
                continue;
            }
            texts.put(file, new String(bytes, StandardCharsets.UTF_8).lines().toList());
        }
        assertThat(texts).as("text files found under %s", root).containsKey("README.md");
    }

    @Test
    void referenceDocumentsAreNamedByTheirPlaceInDocs() {
        List<String> problems = new ArrayList<>();
        forEachLine((file, number, line) -> {
            Matcher m = DOCUMENT.matcher(line);
            while (m.find()) {
                boolean inDocs = m.start() >= 5 && line.startsWith("docs/", m.start() - 5);
                boolean besideIt = isDoc(file)
                        && (m.start() == 0 || line.charAt(m.start() - 1) != '/')
                        && Files.isRegularFile(root.resolve("docs").resolve(m.group()));
                if (!inDocs && !besideIt) {
                    problems.add(file + ":" + number + ": " + m.group() + " without docs/ (there is "
                            + (Files.isRegularFile(root.resolve("docs").resolve(m.group()))
                                    ? "docs/" + m.group()
                                    : "no docs/" + m.group())
                            + "): " + line.strip());
                }
            }
            Matcher s = SECTION.matcher(line);
            while (s.find()) {
                problems.add(file + ":" + number + ": a section number of the old specification (" + s.group()
                        + "); point to a heading of docs/ instead: " + line.strip());
            }
        });
        assertThat(problems).as("references to documents outside docs/").isEmpty();
    }

    @Test
    void nothingPointsOutsideTheRepository() {
        List<String> problems = new ArrayList<>();
        forEachLine((file, number, line) -> {
            Matcher m = OUTSIDE.matcher(line);
            if (m.find()) {
                problems.add(file + ":" + number + ": " + m.group() + ": " + line.strip());
            }
        });
        assertThat(problems).as("references to folders beside the repository").isEmpty();
    }

    @Test
    void everyDocsPathExistsWithItsHeading() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> anchors = new HashMap<>();
        forEachLine((file, number, line) -> {
            Matcher m = DOCS_PATH.matcher(line);
            while (m.find()) {
                String doc = "docs/" + m.group(1);
                problems.addAll(leadsTo(file, number, line, doc, m.group(2), anchors));
            }
        });
        assertThat(problems).as("docs/ paths that lead nowhere").isEmpty();
    }

    @Test
    void everyRelativeMarkdownLinkLeadsSomewhere() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> anchors = new HashMap<>();
        forEachLine((file, number, line) -> {
            if (!file.endsWith(".md")) {
                return;
            }
            Matcher m = LINK.matcher(line);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto: …
                }
                String resolved = target.isEmpty()
                        ? file
                        : root.relativize(root.resolve(file)
                                        .resolveSibling(target)
                                        .normalize())
                                .toString()
                                .replace(File.separatorChar, '/');
                if (resolved.startsWith("../")) {
                    problems.add(
                            file + ":" + number + ": " + target + " leads outside the repository: " + line.strip());
                } else if (target.isEmpty() || resolved.endsWith(".md")) {
                    problems.addAll(leadsTo(file, number, line, resolved, m.group(2), anchors));
                } else if (!Files.exists(root.resolve(resolved))) {
                    problems.add(file + ":" + number + ": " + target + " does not exist: " + line.strip());
                }
            }
        });
        assertThat(problems)
                .as("relative links of Markdown files that lead nowhere")
                .isEmpty();
    }

    @Test
    void headingsBecomeAnchorsAsGitHubMakesThem() {
        assertThat(slug("Table 01")).isEqualTo("table-01");
        assertThat(slug("Budgets, procurement and activities")).isEqualTo("budgets-procurement-and-activities");
        assertThat(slug("mongo-java-server limits")).isEqualTo("mongo-java-server-limits");
        assertThat(slug("The domain: 部门决算公开, the final-accounts disclosure"))
                .isEqualTo("the-domain-部门决算公开-the-final-accounts-disclosure");
        assertThat(slug("`ledger.events` records")).isEqualTo("ledgerevents-records");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Problems of one reference to a Markdown file of the repository and, when given, one of its headings. */
    private static List<String> leadsTo(
            String file, int number, String line, String doc, String anchor, Map<String, Set<String>> anchors) {
        String where = file + ":" + number + ": ";
        if (!texts.containsKey(doc) && !Files.isRegularFile(root.resolve(doc))) {
            return List.of(where + doc + " does not exist: " + line.strip());
        }
        if (anchor == null || anchor.isEmpty()) {
            return List.of();
        }
        Set<String> known = anchors.computeIfAbsent(doc, RepositoryStandsAloneTest::anchorsOf);
        return known.contains(anchor.toLowerCase(Locale.ROOT))
                ? List.of()
                : List.of(where + doc + " has no heading #" + anchor + " (it has " + new TreeSet<>(known) + ")");
    }

    /** The anchors GitHub gives the headings of a Markdown file (outside fenced code), duplicates numbered. */
    private static Set<String> anchorsOf(String doc) {
        List<String> lines = texts.get(doc);
        if (lines == null) {
            try {
                lines = Files.readAllLines(root.resolve(doc), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + doc, e);
            }
        }
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (fenced || !m.matches()) {
                continue;
            }
            String slug = slug(m.group(2));
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String slug(String heading) {
        StringBuilder sb = new StringBuilder();
        heading.strip().toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isLetterOrDigit(c)
                    || c == '-'
                    || type == Character.CONNECTOR_PUNCTUATION
                    || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                sb.appendCodePoint(c);
            } else if (c == ' ') {
                sb.append('-');
            }
        });
        return sb.toString();
    }

    private static boolean isDoc(String file) {
        return file.startsWith("docs/") && file.indexOf('/', 5) < 0 && file.endsWith(".md");
    }

    private interface LineVisitor {
        void visit(String file, int number, String line);
    }

    private static void forEachLine(LineVisitor visitor) {
        texts.keySet().stream().sorted().forEach(file -> {
            List<String> lines = texts.get(file);
            for (int i = 0; i < lines.size(); i++) {
                visitor.visit(file, i + 1, lines.get(i));
            }
        });
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The repository's files, relative to its root with '/': as git lists them, else the tree less build output. */
    private static List<String> files() throws IOException, InterruptedException {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            byte[] out = git.getInputStream().readAllBytes();
            if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0 && out.length > 0) {
                return Stream.of(new String(out, StandardCharsets.UTF_8).split("\0"))
                        .filter(f -> !f.isEmpty())
                        .toList();
            }
        } catch (IOException e) {
            // no git here: walk the tree
        }
        Set<String> skipped = Set.of("target", ".git", "node_modules", ".ledger", ".idea", ".vscode");
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(f -> Stream.of(f.split("/")).noneMatch(skipped::contains))
                    .toList();
        }
    }
}

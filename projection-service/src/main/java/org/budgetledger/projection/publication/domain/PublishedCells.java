package org.budgetledger.projection.publication.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cells of a publication in their canonical form, and its digest (docs/PUBLICATIONS.md): one line per cell in
 * ascending order of its key (the keys are ASCII, so code-unit and byte order agree), {@code key}, a TAB, the value
 * exactly as the cells endpoint prints it (万元, two decimals), a LF; UTF-8; SHA-256 in lower-case hex.
 * Anyone holding the published JSON recomputes it with a few lines of any language.
 */
public final class PublishedCells {

    private PublishedCells() {}

    public static String canonical(Map<String, String> cells) {
        StringBuilder text = new StringBuilder(cells.size() * 32);
        new TreeMap<>(cells).forEach((key, value) -> {
            if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f) || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a cell key is printable ASCII, a value one line: " + key);
            }
            text.append(key).append('\t').append(value).append('\n');
        });
        return text.toString();
    }

    public static String digest(Map<String, String> cells) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical(cells).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A cell whose printed value differs between the publication and now ("0.00" where a side has no such cell). */
    public record Change(String cellKey, String published, String current) {}

    /** Every cell whose printed value differs, in key order. */
    public static java.util.List<Change> changes(SortedMap<String, String> published, SortedMap<String, String> now) {
        SortedMap<String, Change> changes = new TreeMap<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(published.keySet());
        keys.addAll(now.keySet());
        for (String key : keys) {
            String before = published.getOrDefault(key, ZERO);
            String after = now.getOrDefault(key, ZERO);
            if (!before.equals(after)) {
                changes.put(key, new Change(key, before, after));
            }
        }
        return java.util.List.copyOf(changes.values());
    }

    /** How the cells endpoint would print a cell it leaves out (it lists only cells that do not print as zero). */
    public static final String ZERO = "0.00";
}

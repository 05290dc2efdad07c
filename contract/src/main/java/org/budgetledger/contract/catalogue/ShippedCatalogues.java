package org.budgetledger.contract.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The catalogues this release ships, as data files: {@code catalogues/{year}/{functional|economic}.tsv}
 * ("code TAB name" per line), with the years listed in {@code catalogues/years.txt}. Sources: SOURCES.md beside them.
 */
public final class ShippedCatalogues {

    private static final String ROOT = "catalogues/";
    private static final int MAX_LINES = 20_000;

    private ShippedCatalogues() {}

    public static SortedSet<Integer> years() {
        SortedSet<Integer> years = new TreeSet<>();
        for (String line :
                lines(ROOT + "years.txt").orElseThrow(() -> new IllegalStateException("no catalogues/years.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                years.add(Integer.parseInt(line.trim()));
            }
        }
        return years;
    }

    public static Optional<Catalogue> load(int fiscalYear, CatalogueKind kind) {
        return lines(ROOT + fiscalYear + "/" + kind.path() + ".tsv").map(lines -> {
            List<CatalogueEntry> entries = new ArrayList<>(lines.size());
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new IllegalStateException(
                            "bad catalogue line in " + fiscalYear + "/" + kind.path() + ": " + line);
                }
                entries.add(new CatalogueEntry(
                        line.substring(0, tab).trim(), line.substring(tab + 1).trim()));
            }
            return Catalogue.of(fiscalYear, kind, entries);
        });
    }

    private static Optional<List<String>> lines(String resource) {
        InputStream in = ShippedCatalogues.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            return Optional.empty();
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (lines.size() == MAX_LINES) {
                    throw new IllegalStateException(resource + " has more than " + MAX_LINES + " lines");
                }
                lines.add(line);
            }
            return Optional.of(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

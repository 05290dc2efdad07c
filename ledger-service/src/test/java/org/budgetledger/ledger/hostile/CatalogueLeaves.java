package org.budgetledger.ledger.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The codes a posting of one fiscal year may name, read from the catalogue files the service ships: the functional
 * leaves (7 digits) and the economic leaves (5 digits) whose parents the file also holds. Read as the contract
 * describes the catalogue (docs/POSTINGS.md#catalogues), not through the service's catalogue code. Immutable.
 */
public record CatalogueLeaves(int year, List<String> functional, List<String> economic) {

    public CatalogueLeaves {
        functional = List.copyOf(functional);
        economic = List.copyOf(economic);
    }

    public static CatalogueLeaves load(int year) throws IOException {
        return new CatalogueLeaves(year, leaves(year, "functional", 7), leaves(year, "economic", 5));
    }

    private static List<String> leaves(int year, String kind, int leafLength) throws IOException {
        List<String> leaves = new ArrayList<>();
        try (InputStream in = CatalogueLeaves.class
                .getClassLoader()
                .getResourceAsStream("catalogues/" + year + "/" + kind + ".tsv")) {
            assertThat(in).as("the shipped %s catalogue of %d", kind, year).isNotNull();
            Set<String> codes = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(l -> l.split("\t")[0].strip())
                    .filter(c -> !c.isEmpty())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            for (String code : codes) {
                boolean parents = code.length() == 7
                        ? codes.contains(code.substring(0, 3)) && codes.contains(code.substring(0, 5))
                        : code.length() != 5 || codes.contains(code.substring(0, 3));
                if (code.length() == leafLength && code.chars().allMatch(c -> c >= '0' && c <= '9') && parents) {
                    leaves.add(code);
                }
            }
        }
        assertThat(leaves).isNotEmpty();
        return leaves;
    }
}

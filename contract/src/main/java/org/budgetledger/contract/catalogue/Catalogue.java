package org.budgetledger.contract.catalogue;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One fiscal year's catalogue of one kind: codes and names, immutable. Revisions add and rename, never delete
 * (postings already recorded may use any code).
 */
public final class Catalogue {

    private final int fiscalYear;
    private final CatalogueKind kind;
    private final Map<String, String> names;

    private Catalogue(int fiscalYear, CatalogueKind kind, Map<String, String> names) {
        this.fiscalYear = fiscalYear;
        this.kind = kind;
        this.names = Collections.unmodifiableMap(names);
    }

    public static Catalogue of(int fiscalYear, CatalogueKind kind, Collection<CatalogueEntry> entries) {
        return empty(fiscalYear, kind).revisedWith(entries);
    }

    public static Catalogue empty(int fiscalYear, CatalogueKind kind) {
        return new Catalogue(fiscalYear, kind, new TreeMap<>());
    }

    public Catalogue revisedWith(Collection<CatalogueEntry> entries) {
        TreeMap<String, String> merged = new TreeMap<>(names);
        entries.forEach(e -> merged.put(e.code(), e.name()));
        return new Catalogue(fiscalYear, kind, merged);
    }

    /** The catalogue without these codes (codes it does not have are ignored). */
    public Catalogue without(Collection<String> codes) {
        if (codes.isEmpty()) {
            return this;
        }
        TreeMap<String, String> kept = new TreeMap<>(names);
        codes.forEach(kept::remove);
        return new Catalogue(fiscalYear, kind, kept);
    }

    /** A code is valid when it is of a level of this kind, listed, and all its parents are listed. */
    public boolean isValid(String code) {
        return kind.isLevel(code)
                && names.containsKey(code)
                && kind.parentsOf(code).stream().allMatch(names::containsKey);
    }

    public Optional<String> nameOf(String code) {
        return Optional.ofNullable(names.get(code));
    }

    public boolean contains(String code) {
        return names.containsKey(code);
    }

    public List<CatalogueEntry> entries() {
        return names.entrySet().stream()
                .map(e -> new CatalogueEntry(e.getKey(), e.getValue()))
                .toList();
    }

    public int size() {
        return names.size();
    }

    public int fiscalYear() {
        return fiscalYear;
    }

    public CatalogueKind kind() {
        return kind;
    }

    /** Equal when the same year, kind, codes and names: a value (a rendering's stamp compares catalogues). */
    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Catalogue c && fiscalYear == c.fiscalYear && kind == c.kind && names.equals(c.names);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(fiscalYear, kind, names);
    }
}

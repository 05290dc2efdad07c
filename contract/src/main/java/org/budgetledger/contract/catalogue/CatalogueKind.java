package org.budgetledger.contract.catalogue;

import java.util.Set;

/**
 * The two classifications a posting carries: 支出功能分类科目 (类 3 digits, 款 5, 项 7) and 部门预算支出经济分类科目
 * (类 3, 款 5). Written in lower case in paths and streams.
 */
public enum CatalogueKind {
    FUNCTIONAL(Set.of(3, 5, 7)),
    ECONOMIC(Set.of(3, 5));

    private final Set<Integer> levels;

    CatalogueKind(Set<Integer> levels) {
        this.levels = levels;
    }

    public boolean isLevel(String code) {
        return code != null && levels.contains(code.length()) && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The code's parents, nearest last: 2013701 → [201, 20137]. */
    public java.util.List<String> parentsOf(String code) {
        return switch (code.length()) {
            case 7 -> java.util.List.of(code.substring(0, 3), code.substring(0, 5));
            case 5 -> java.util.List.of(code.substring(0, 3));
            default -> java.util.List.of();
        };
    }

    public String path() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CatalogueKind fromPath(String path) {
        for (CatalogueKind k : values()) {
            if (k.path().equals(path)) {
                return k;
            }
        }
        throw new IllegalArgumentException("catalogue kind must be functional or economic: " + path);
    }

    /** The stream of a year's catalogue of this kind in the ledger's event store and on ledger.events. */
    public String stream(int fiscalYear) {
        return "catalogue:" + path() + ":" + fiscalYear;
    }
}

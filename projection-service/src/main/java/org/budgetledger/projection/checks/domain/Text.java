package org.budgetledger.projection.checks.domain;

/** A remark of a check in both languages it is read in: written together, so that neither is forgotten. */
public record Text(String en, String zh) {

    public static Text of(String en, String zh) {
        return new Text(en, zh);
    }

    public String in(Language language) {
        return language == Language.EN ? en : zh;
    }
}

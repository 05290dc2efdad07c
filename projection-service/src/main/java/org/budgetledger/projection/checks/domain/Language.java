package org.budgetledger.projection.checks.domain;

import java.util.List;
import java.util.Locale;

/**
 * The language the checks speak to a reader: Chinese for the finance staff who use them, English when the reader's
 * Accept-Language prefers it. Rule codes, cell keys and figures are the same in both.
 */
public enum Language {
    ZH("zh-CN"),
    EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The Content-Language of an answer in this language. */
    public String tag() {
        return tag;
    }

    /** English only when the most preferred language of the header is English; Chinese otherwise (and without it). */
    public static Language of(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return ZH;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            return !ranges.isEmpty()
                            && ranges.get(0).getRange().toLowerCase(Locale.ROOT).startsWith("en")
                    ? EN
                    : ZH;
        } catch (IllegalArgumentException e) {
            return ZH; // an unreadable header: the default
        }
    }
}

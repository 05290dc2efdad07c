package org.budgetledger.projection.report.domain;

import java.util.List;
import java.util.stream.Collectors;

/** A part of the disclosure made of text: number ("第三部分"), title, sections. */
public record TextPart(String number, String title, List<Section> sections) {

    public TextPart {
        sections = List.copyOf(sections);
    }

    /** Every heading and paragraph, one per line. */
    public String text() {
        return sections.stream().flatMap(Section::lines).collect(Collectors.joining("\n"));
    }
}

package org.budgetledger.projection.report.domain;

import java.util.List;
import java.util.stream.Stream;

/** A headed piece of text: heading ("一、收入支出决算总体情况说明", or blank), paragraphs, then subsections. */
public record Section(String heading, List<String> paragraphs, List<Section> subsections) {

    public Section {
        heading = heading == null ? "" : heading;
        paragraphs = List.copyOf(paragraphs);
        subsections = List.copyOf(subsections);
    }

    public static Section of(String heading, List<String> paragraphs) {
        return new Section(heading, paragraphs, List.of());
    }

    /** Headings and paragraphs in reading order. */
    public Stream<String> lines() {
        Stream<String> own =
                Stream.concat(heading.isEmpty() ? Stream.empty() : Stream.of(heading), paragraphs.stream());
        return Stream.concat(own, subsections.stream().flatMap(Section::lines));
    }
}

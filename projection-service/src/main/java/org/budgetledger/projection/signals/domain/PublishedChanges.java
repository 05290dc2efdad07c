package org.budgetledger.projection.signals.domain;

import java.time.Instant;
import java.util.List;

/**
 * A publication of the disclosure and what has changed since: each cell whose printed value differs now, with the
 * postings recorded after the publication that moved it (docs/PUBLICATIONS.md).
 */
public record PublishedChanges(String publicationId, Instant publishedAt, List<Cell> cells) {

    public PublishedChanges {
        cells = List.copyOf(cells);
    }

    /** A changed cell: printed as published and now, and the postings since with their contribution to it. */
    public record Cell(String cellKey, String published, String current, List<PostingRef> postings) {
        public Cell {
            postings = List.copyOf(postings);
        }
    }
}

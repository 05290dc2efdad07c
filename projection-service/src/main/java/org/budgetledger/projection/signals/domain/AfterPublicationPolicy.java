package org.budgetledger.projection.signals.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.projection.checks.domain.Severity;
import org.budgetledger.projection.checks.domain.Text;

/**
 * AFTER_PUBLICATION: postings recorded after the latest publication of the disclosure that change a published cell.
 * The public saw other figures than the ledger now gives: a WARNING, one signal listing every changed cell (published
 * and current, as printed) and every posting since that moved one. Only the latest publication: it is what the public
 * sees now; {@code …/publications/{id}/changes} answers for any earlier one.
 */
public final class AfterPublicationPolicy implements SignalDetector {

    @Override
    public SignalKind kind() {
        return SignalKind.AFTER_PUBLICATION;
    }

    @Override
    public List<Signal> detect(SignalInput input) {
        if (input.publication() == null || input.publication().cells().isEmpty()) {
            return List.of();
        }
        PublishedChanges latest = input.publication();
        Map<String, PostingRef> postings = new LinkedHashMap<>();
        FigureMap figures = new FigureMap()
                .put("publicationId", latest.publicationId())
                .put("publishedAt", latest.publishedAt().toString())
                .put("changedCells", latest.cells().size());
        for (PublishedChanges.Cell cell : latest.cells()) {
            figures.put(cell.cellKey() + ".published", cell.published())
                    .put(cell.cellKey() + ".current", cell.current());
            // a posting listed once, with its own signed amount (it may move several cells)
            cell.postings().forEach(p -> postings.putIfAbsent(p.sourceSystem() + "/" + p.postingId(), p));
        }
        figures.put("postings", postings.size());
        Text message = Text.of(
                latest.cells().size() + " published cell(s) changed after publication " + latest.publicationId()
                        + " of " + latest.publishedAt() + ", by " + postings.size() + " posting(s) recorded since",
                "公开（" + latest.publicationId() + "，" + latest.publishedAt() + "）后有"
                        + latest.cells().size() + "个已公开数字发生变动，涉及其后记录的" + postings.size() + "笔记账");
        return List.of(new Signal(
                kind(),
                Severity.WARNING,
                input.unitCode(),
                SignalInput.DEPARTMENT,
                message,
                figures.build(),
                latest.cells().stream().map(PublishedChanges.Cell::cellKey).toList(),
                List.copyOf(postings.values())));
    }
}

package org.budgetledger.projection.publication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.projection.finalaccounts.FinalAccounts;
import org.budgetledger.projection.finalaccounts.PublishedViews;
import org.budgetledger.projection.publication.domain.PublishedCells;
import org.budgetledger.projection.store.Publications;
import org.budgetledger.projection.store.Publications.Publication;
import org.budgetledger.projection.store.Stores;
import org.budgetledger.projection.web.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Publications of a unit's disclosure: recorded in the unit's ledger (the projection asks), read back from the
 * events it applied, and compared with the history since. Published cells are recomputed from the journal at the
 * recorded positions and must hash to the recorded digest; when they do not, the projection says so loudly.
 */
@Service
public class PublicationService {

    private static final Logger log = LoggerFactory.getLogger(PublicationService.class);
    /** How long a publisher waits for the projection to apply its publication (it is recorded either way). */
    private static final Duration APPLIED_WITHIN = Duration.ofSeconds(10);

    private final FinalAccounts accounts;
    private final Stores stores;
    private final LedgerPublisher ledger;
    private final PublishedViews views;

    public PublicationService(FinalAccounts accounts, Stores stores, LedgerPublisher ledger, PublishedViews views) {
        this.accounts = accounts;
        this.stores = stores;
        this.ledger = ledger;
        this.views = views;
    }

    public Publication find(String unitCode, int fiscalYear, String publicationId) {
        return views.find(unitCode, fiscalYear, publicationId);
    }

    public FinalAccounts.View asPublished(String unitCode, int fiscalYear, Publication publication) {
        return views.view(unitCode, fiscalYear, publication);
    }

    /** The disclosure as it stands, recorded as published; the publication once the projection holds it. */
    public Publication publish(String unitCode, int fiscalYear, String note, LedgerPublisher.Credentials caller) {
        LedgerId id = new LedgerId(unitCode, fiscalYear);
        FinalAccounts.View view = accounts.figures(unitCode, fiscalYear, FinalAccounts.Scope.DEPARTMENT, null)
                .filter(v -> v.parts().get(0).unit().unitCode().equals(unitCode))
                .orElseThrow(() -> new NotFound("no final accounts for " + unitCode + " in " + fiscalYear));
        SortedMap<String, String> cells = view.figures().published();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("positions", view.positions());
        body.put("digest", PublishedCells.digest(cells));
        body.put("cellCount", cells.size());
        if (note != null) {
            body.put("note", note);
        }
        LedgerPublisher.Recorded recorded = ledger.record(id, body, caller);
        return awaitApplied(id.toString(), recorded)
                .orElseGet(() -> new Publication(
                        recorded.id(),
                        id.toString(),
                        recorded.sequence(),
                        java.time.Instant.parse(recorded.publishedAt()),
                        view.positions(),
                        (String) body.get("digest"),
                        cells.size(),
                        note));
    }

    private Optional<Publication> awaitApplied(String ledgerId, LedgerPublisher.Recorded recorded) {
        long deadline = System.nanoTime() + APPLIED_WITHIN.toNanos();
        for (int attempt = 0; attempt < 200 && System.nanoTime() < deadline; attempt++) {
            Optional<Publication> applied = stores.active().publications().find(ledgerId, recorded.id());
            if (applied.isPresent()) {
                return applied;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.warn("publication {} of {} recorded, not yet applied here", recorded.id(), ledgerId);
        return Optional.empty();
    }

    public List<Publication> list(String unitCode, int fiscalYear) {
        return publications().of(new LedgerId(unitCode, fiscalYear).toString());
    }

    /** A cell that differs now, with the postings recorded after the publication that moved it. */
    public record CellChange(PublishedCells.Change change, List<FinalAccounts.AuditLine> postings) {}

    public List<CellChange> changes(String unitCode, int fiscalYear, Publication publication) {
        SortedMap<String, String> published =
                views.view(unitCode, fiscalYear, publication).figures().published();
        SortedMap<String, String> now = accounts.figures(unitCode, fiscalYear, FinalAccounts.Scope.DEPARTMENT, null)
                .orElseThrow()
                .figures()
                .published();
        List<CellChange> changes = new ArrayList<>();
        for (PublishedCells.Change change : PublishedCells.changes(published, now)) {
            List<FinalAccounts.AuditLine> after = accounts
                    .audit(unitCode, fiscalYear, FinalAccounts.Scope.DEPARTMENT, change.cellKey(), null)
                    .orElse(List.of())
                    .stream()
                    .filter(l -> l.entry().sequence()
                            >= publication.positions().getOrDefault(l.entry().ledger(), 0L))
                    .toList();
            changes.add(new CellChange(change, after));
        }
        return changes;
    }

    private Publications publications() {
        return stores.active().publications();
    }
}

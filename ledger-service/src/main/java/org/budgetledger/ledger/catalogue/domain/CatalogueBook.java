package org.budgetledger.ledger.catalogue.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueEntry;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.contract.event.CatalogueRevised;
import org.budgetledger.contract.event.Recording;

/**
 * One year's catalogue of one kind as operators revised it on top of what the release ships. Revisions add and
 * rename, and remove only codes the caller found no recorded posting to use (CodeUsage, before the command). Its events reach the query side like a
 * ledger's, so that tables print the names of the posting's year.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Aggregate
public class CatalogueBook {

    public static final int MAX_CODES_PER_REVISION = 20_000;
    public static final int MAX_NAME = 200;

    @AggregateIdentifier
    private String streamId;

    private int fiscalYear;
    private CatalogueKind kind;
    private List<CatalogueRevised> revisions = new ArrayList<>();

    protected CatalogueBook() {
        // for Axon
    }

    public static String streamId(int fiscalYear, CatalogueKind kind) {
        return kind.stream(fiscalYear);
    }

    public record ReviseCatalogue(
            @TargetAggregateIdentifier String streamId,
            int fiscalYear,
            CatalogueKind kind,
            List<CatalogueEntry> codes,
            List<String> remove,
            Recording recording) {

        public ReviseCatalogue {
            remove = remove == null ? List.of() : List.copyOf(remove);
        }
    }

    /** The catalogue after the revision, how many codes it added or renamed, or why it was refused. */
    public record Revision(Catalogue catalogue, int changed, String error, String field, String message) {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Revision handle(ReviseCatalogue command) {
        Catalogue current = current(command.fiscalYear(), command.kind());
        List<CatalogueEntry> codes = command.codes();
        if (codes.size() > MAX_CODES_PER_REVISION) {
            return refused(
                    current,
                    "codes.too_many",
                    "codes",
                    "codes has " + codes.size() + " entries, at most " + MAX_CODES_PER_REVISION + " per request");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            CatalogueEntry e = codes.get(i);
            String field = "codes[" + i + "]";
            if (e == null || !command.kind().isLevel(e.code())) {
                return refused(
                        current,
                        "code.level",
                        field + ".code",
                        field + ".code must be a " + command.kind().path() + " code of "
                                + (command.kind() == CatalogueKind.FUNCTIONAL ? "3, 5 or 7" : "3 or 5") + " digits");
            }
            if (!seen.add(e.code())) {
                return refused(
                        current,
                        "code.duplicate",
                        field + ".code",
                        field + ".code " + e.code() + " appears twice in the request");
            }
            if (e.name() == null || e.name().isBlank() || e.name().length() > MAX_NAME) {
                return refused(
                        current,
                        "name.required",
                        field + ".name",
                        field + ".name is required (1-" + MAX_NAME + " characters)");
            }
        }
        Catalogue merged = current.revisedWith(codes).without(command.remove());
        for (int i = 0; i < codes.size(); i++) {
            for (String parent : command.kind().parentsOf(codes.get(i).code())) {
                if (!merged.contains(parent)) {
                    String field = "codes[" + i + "].code";
                    return refused(
                            current,
                            "code.parent_missing",
                            field,
                            field + " " + codes.get(i).code() + " needs its parent " + parent
                                    + " in the catalogue or in the same request");
                }
            }
        }
        Optional<Revision> orphaned = orphaned(current, merged, command.remove());
        if (orphaned.isPresent()) {
            return orphaned.get();
        }
        List<CatalogueEntry> changed = codes.stream()
                .filter(e -> !Objects.equals(current.nameOf(e.code()).orElse(null), e.name()))
                .toList();
        List<String> removed =
                command.remove().stream().filter(current::contains).toList();
        if (!changed.isEmpty() || !removed.isEmpty()) {
            apply(new CatalogueRevised(command.fiscalYear(), command.kind(), changed, removed, command.recording()));
        }
        return new Revision(merged, changed.size() + removed.size(), null, null, null);
    }

    /** A code that stays while a parent of it goes. */
    private static Optional<Revision> orphaned(Catalogue current, Catalogue merged, List<String> remove) {
        for (CatalogueEntry e : merged.entries()) {
            for (String parent : merged.kind().parentsOf(e.code())) {
                if (!merged.contains(parent)) {
                    return Optional.of(refused(
                            current,
                            "code.parent_removed",
                            "remove",
                            "code " + e.code() + " stays, so its parent " + parent + " cannot be removed"));
                }
            }
        }
        return Optional.empty();
    }

    private Catalogue current(int year, CatalogueKind k) {
        Catalogue catalogue = ShippedCatalogues.load(year, k).orElseGet(() -> Catalogue.empty(year, k));
        for (CatalogueRevised revision : revisions) {
            catalogue = revision.applyTo(catalogue);
        }
        return catalogue;
    }

    private static Revision refused(Catalogue current, String error, String field, String message) {
        return new Revision(current, 0, error, field, message);
    }

    @EventSourcingHandler
    void on(CatalogueRevised event) {
        streamId = streamId(event.fiscalYear(), event.kind());
        fiscalYear = event.fiscalYear();
        kind = event.kind();
        revisions.add(event);
    }
}

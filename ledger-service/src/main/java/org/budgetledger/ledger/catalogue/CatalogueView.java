package org.budgetledger.ledger.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.catalogue.Catalogue;
import org.budgetledger.contract.catalogue.CatalogueKind;
import org.budgetledger.contract.catalogue.ShippedCatalogues;
import org.budgetledger.contract.event.CatalogueRevised;
import org.budgetledger.ledger.posting.domain.Catalogues;
import org.budgetledger.ledger.relay.StoredEvents;
import org.budgetledger.ledger.relay.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The catalogues validation reads, in memory: what the release ships plus every operator revision in the event
 * store. Revisions made here apply at once; revisions by another instance are picked up within seconds.
 */
@Component
public class CatalogueView implements Catalogues {

    private static final Logger log = LoggerFactory.getLogger(CatalogueView.class);
    public static final String STREAM_KIND = "catalogue";

    private record Key(int year, CatalogueKind kind) {}

    private final Map<Key, Catalogue> catalogues = new ConcurrentHashMap<>();
    /** Next sequence to read per revised catalogue stream. */
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();

    private final StoredEvents stored;
    private final StreamRegistry registry;
    private final ObjectMapper mapper = Json.newMapper();

    public CatalogueView(StoredEvents stored, StreamRegistry registry) {
        this.stored = stored;
        this.registry = registry;
        for (int year : ShippedCatalogues.years()) {
            for (CatalogueKind kind : CatalogueKind.values()) {
                ShippedCatalogues.load(year, kind).ifPresent(c -> catalogues.put(new Key(year, kind), c));
            }
        }
        refresh();
    }

    @Override
    public Optional<Catalogue> of(int fiscalYear, CatalogueKind kind) {
        return Optional.ofNullable(catalogues.get(new Key(fiscalYear, kind)));
    }

    public SortedSet<Integer> years() {
        SortedSet<Integer> years = new TreeSet<>();
        catalogues.keySet().forEach(k -> years.add(k.year()));
        return years;
    }

    /**
     * A revision this instance just recorded: read from the store with any before it, in order. (Putting the revised
     * catalogue in place instead could undo a later revision of another instance already read.)
     */
    public void revised() {
        refresh();
    }

    /** Reads revisions recorded since the last look, by any instance. */
    @Scheduled(
            fixedDelayString = "${ledger.catalogue.refresh:5s}",
            initialDelayString = "${ledger.catalogue.refresh:5s}")
    public synchronized void refresh() { // one reader at a time: events apply in order
        try {
            for (String stream : registry.streamsOfKind(STREAM_KIND)) {
                long seq = nextSequence.getOrDefault(stream, 0L);
                for (var event = stored.read(stream, seq); event.isPresent(); event = stored.read(stream, ++seq)) {
                    CatalogueRevised revised =
                            mapper.readValue(event.get().currentPayloadJson(), CatalogueRevised.class);
                    catalogues.compute(
                            new Key(revised.fiscalYear(), revised.kind()),
                            (key, current) -> revised.applyTo(
                                    current != null ? current : Catalogue.empty(revised.fiscalYear(), revised.kind())));
                }
                nextSequence.put(stream, seq);
            }
        } catch (Exception e) {
            log.warn("catalogue refresh failed, keeping what is known: {}", e.toString());
        }
    }
}

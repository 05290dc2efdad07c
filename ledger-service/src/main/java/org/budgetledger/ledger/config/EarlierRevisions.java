package org.budgetledger.ledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.budgetledger.contract.event.EventRevisions;
import org.budgetledger.contract.event.LedgerEvent;

/**
 * Axon's upcaster for our events: an event stored in an earlier revision is read as today's, by the steps the contract
 * lists ({@link EventRevisions}), on its way from the store to the aggregate. The store keeps it as written.
 */
final class EarlierRevisions extends SingleEventUpcaster {

    private static final String EVENTS = LedgerEvent.class.getPackageName() + ".";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().getName().startsWith(EVENTS)
                && !EventRevisions.CURRENT.equals(event.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        String name = event.getType().getName();
        String type = name.substring(name.lastIndexOf('.') + 1);
        String revision = event.getType().getRevision();
        return event.upcastPayload(
                new SimpleSerializedType(name, EventRevisions.CURRENT),
                JsonNode.class,
                payload -> EventRevisions.upcast(type, revision, payload));
    }
}

package org.budgetledger.contract.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The formats an event has been stored in, and how each earlier one reads as today's: the one place both services
 * learn it (the ledger through an Axon upcaster, the projection for what ledger.events carries). An event is stored,
 * hashed and published in the form it was written in, for ever; it is upcast only when read, so that its link of the
 * hash chain still recomputes. Each step only adds what its revision lacks, so applying one to an event that has it
 * already changes nothing.
 *
 * <ul>
 *   <li>Revision 1 (stored with no revision, up to release 0.1): {@link Recording} without {@code actor}.
 *   <li>Revision 2: {@link Recording#actor()} names who recorded the event; an event of revision 1 reads as recorded
 *       by {@value #UNRECORDED}, since nobody noted it then.
 * </ul>
 */
public final class EventRevisions {

    /** The revision every event is written in now. */
    public static final String CURRENT = "2";
    /** The revision of an event stored without one. */
    public static final String FIRST = "1";
    /** The actor of an event written before revision 2. */
    public static final String UNRECORDED = "unrecorded";

    private record Step(String from, String to, UnaryOperator<ObjectNode> change) {}

    private static final List<Step> STEPS = List.of(new Step("1", "2", EventRevisions::actorUnrecorded));

    private EventRevisions() {}

    /**
     * The payload of an event of this type stored at {@code revision} (null: {@value #FIRST}) as today's revision
     * reads it; the stored node is not changed.
     */
    public static JsonNode upcast(String type, String revision, JsonNode payload) {
        String at = revision == null || revision.isEmpty() ? FIRST : revision;
        if (at.equals(CURRENT) || !payload.isObject()) {
            return payload;
        }
        ObjectNode node = payload.deepCopy();
        for (Step step : STEPS) { // in order: each step takes the revision the one before gave
            if (step.from().equals(at)) {
                node = step.change().apply(node);
                at = step.to();
            }
        }
        if (!at.equals(CURRENT)) {
            throw new IllegalArgumentException(
                    "a " + type + " of revision " + revision + " has no way to revision " + CURRENT);
        }
        return node;
    }

    /** Revision 1 to 2: the recording names its actor; nobody was noted before, and the event says so. */
    private static ObjectNode actorUnrecorded(ObjectNode event) {
        JsonNode recording = event.get("recording");
        if (recording instanceof ObjectNode r
                && (!r.has("actor") || r.get("actor").isNull())) {
            r.put("actor", UNRECORDED);
        }
        return event;
    }
}

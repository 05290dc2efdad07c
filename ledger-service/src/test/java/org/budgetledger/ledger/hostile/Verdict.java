package org.budgetledger.ledger.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What an input must get, as {@link PostingOracle} decides it: a status (or one of some), the wrong fields of a 422
 * (each defect a set of fields, any of which the answer may name), and what a 201 records in the ledger.
 */
public final class Verdict {

    final int status;
    final Set<Integer> alternatives;
    final List<Set<String>> defects;
    final Set<String> unknownKeys;
    final Consumer<ExpectedLedger> effect;
    /** For a batch that must be read item by item (200): its items, each to be judged in turn. */
    List<JsonNode> items;

    Verdict(
            int status,
            Set<Integer> alternatives,
            List<Set<String>> defects,
            Set<String> unknownKeys,
            Consumer<ExpectedLedger> effect) {
        this.status = status;
        this.alternatives = alternatives;
        this.defects = defects;
        this.unknownKeys = unknownKeys;
        this.effect = effect;
    }

    static Verdict of(int status) {
        return new Verdict(status, Set.of(), List.of(), Set.of(), null);
    }

    /** Not a JSON object: 400. */
    public static Verdict malformed() {
        return of(400);
    }

    static Verdict oneOf(Integer... statuses) {
        return new Verdict(statuses[0], Set.of(statuses), List.of(), Set.of(), null);
    }

    /** The status the input must get, when {@link #alternatives()} is empty. */
    public int status() {
        return status;
    }

    /** The statuses any of which the input may get; empty when it must get {@link #status()}. */
    public Set<Integer> alternatives() {
        return alternatives;
    }

    /** The keys the posting was sent with that are no field (as a 422 would name them). */
    public Set<String> unknownKeys() {
        return unknownKeys;
    }

    /** A batch's items to judge one by one, or null when the batch is refused whole (or this is no batch). */
    public List<JsonNode> items() {
        return items;
    }

    /** Records the input in the expected ledger if it is recorded (201); else changes nothing. */
    public void applyTo(ExpectedLedger m) {
        if (effect != null) {
            effect.accept(m);
        }
    }

    /** Whether Kafka must park the record in the DLQ. */
    public boolean parks() {
        return status == 400 || status == 409 || status == 422;
    }

    /** The same expectation with every field name as it reads back from UTF-8 bytes. */
    public Verdict asUtf8() {
        List<Set<String>> mapped = defects.stream()
                .map(set -> set.stream().map(Verdict::utf8).collect(Collectors.toSet()))
                .toList();
        return new Verdict(
                status,
                alternatives,
                mapped,
                unknownKeys.stream().map(Verdict::utf8).collect(Collectors.toSet()),
                effect);
    }

    private static String utf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Every field some defect is about: a 422 must name one of them. */
    public Set<String> defectFields() {
        Set<String> all = new LinkedHashSet<>();
        defects.forEach(all::addAll);
        return all;
    }

    @Override
    public String toString() {
        return (alternatives.isEmpty() ? String.valueOf(status) : "one of " + alternatives)
                + (defects.isEmpty() ? "" : " wrong: " + defects);
    }
}

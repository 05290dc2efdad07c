package org.budgetledger.ledger.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.budgetledger.contract.Json;
import org.budgetledger.contract.LedgerId;
import org.budgetledger.contract.UnitProfile;
import org.budgetledger.contract.event.Recording;
import org.budgetledger.kit.scope.UnitScopes;
import org.budgetledger.kit.scope.UnitTree;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.ledger.aggregate.ProfileOutcome;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.profile.domain.ParentRules;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.stereotype.Service;

/**
 * A year's unit profiles in one request: validated whole (every bad row listed, nothing recorded), then registered
 * parents first whatever the order they came in, each exactly as a single PUT registers it (ProfileService). And a
 * year's profiles carried into the next.
 */
@Service
public class BulkProfiles {

    /** A district has hundreds of units, a province thousands: a bound on one request. */
    public static final int MAX_UNITS = 5_000;

    /** A registered profile as a request would carry it (no nulls), to be read back by ProfileReader. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            Json.newMapper().setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private final ProfileService profiles;
    private final UnitDirectory directory;
    private final ProfileScope scope;
    private final UnitScopes scopes;

    public BulkProfiles(ProfileService profiles, UnitDirectory directory, ProfileScope scope, UnitScopes scopes) {
        this.profiles = profiles;
        this.directory = directory;
        this.scope = scope;
        this.scopes = scopes;
    }

    /** What became of each unit. */
    public record Registered(String unitCode, ProfileOutcome outcome) {}

    List<Registered> register(int fiscalYear, List<ProfileRows.Item> items, Recording recording) {
        if (items.size() > MAX_UNITS) {
            throw ApiException.unprocessable(
                    "units.too_many", "body", items.size() + " units in one request, at most " + MAX_UNITS);
        }
        Map<String, UnitProfile> read = new LinkedHashMap<>();
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, Integer> rowOf = new HashMap<>();
        for (ProfileRows.Item item : items) {
            problem(item, fiscalYear, read, rowOf).ifPresent(problems::add);
        }
        for (Map.Entry<String, UnitProfile> unit : read.entrySet()) {
            String parent = unit.getValue().parentUnitCode();
            Optional<String> wrong = ParentRules.check(unit.getKey(), parent, code -> parentOf(code, read, fiscalYear));
            wrong.ifPresent(w -> problems.add(row(rowOf.get(unit.getKey()), "parentUnitCode", w)));
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(p -> (Integer) p.get("row")));
            throw ApiException.unprocessable(
                            "profiles.rows",
                            "body",
                            problems.size() + " unit(s) of the request cannot be registered; nothing was recorded")
                    .withErrors(problems);
        }
        requireInScope(fiscalYear, read, rowOf);
        List<Registered> done = new ArrayList<>();
        for (String unit : parentsFirst(read)) {
            ProfileOutcome outcome = profiles.putProfile(new LedgerId(unit, fiscalYear), read.get(unit), recording);
            done.add(new Registered(unit, outcome));
        }
        return done;
    }

    /** Every unit the request registers must be the caller's to register (ProfileScope), or nothing is (403). */
    private void requireInScope(int fiscalYear, Map<String, UnitProfile> read, Map<String, Integer> rowOf) {
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty() || caller.get().installationWide()) {
            return;
        }
        UnitTree after =
                (code, year) -> year == fiscalYear ? parentOf(code, read, year) : directory.parentOf(code, year);
        List<Map<String, Object>> outside = new ArrayList<>();
        read.forEach((unit, profile) -> scope.refusal(caller.get(), unit, fiscalYear, profile.parentUnitCode(), after)
                .ifPresent(r ->
                        outside.add(row(rowOf.get(unit), r.field() == null ? "unitCode" : r.field(), r.message()))));
        if (!outside.isEmpty()) {
            outside.sort(java.util.Comparator.comparingInt(p -> (Integer) p.get("row")));
            throw new ApiException(
                            org.springframework.http.HttpStatus.FORBIDDEN,
                            "forbidden",
                            "body",
                            outside.size() + " unit(s) of the request are outside this credential's scope; nothing "
                                    + "was recorded")
                    .withErrors(outside);
        }
    }

    /**
     * Every profile of {@code fiscalYear} registered for the next year too, but for units already registered there; for
     * a caller scoped to a unit, the profiles of its subtree.
     */
    List<Registered> carryForward(int fiscalYear, Recording recording) {
        Map<String, UnitProfile> from = new java.util.TreeMap<>(directory.profiles(fiscalYear, MAX_UNITS + 1));
        from.keySet().removeIf(unit -> !scopes.coversCurrent(unit, fiscalYear));
        if (from.isEmpty()) {
            throw ApiException.notFound("units.none", "no unit has a profile for " + fiscalYear);
        }
        if (from.size() > MAX_UNITS) {
            throw ApiException.unprocessable(
                    "units.too_many", "fiscalYear", fiscalYear + " has more than " + MAX_UNITS + " units to carry");
        }
        List<ProfileRows.Item> items = new ArrayList<>();
        List<Registered> kept = new ArrayList<>();
        int row = 0;
        for (Map.Entry<String, UnitProfile> unit : from.entrySet()) {
            row++;
            if (directory.exists(new LedgerId(unit.getKey(), fiscalYear + 1))) {
                kept.add(new Registered(unit.getKey(), ProfileOutcome.UNCHANGED));
            } else {
                items.add(new ProfileRows.Item(row, unit.getKey(), JSON.valueToTree(unit.getValue())));
            }
        }
        List<Registered> done = new ArrayList<>(register(fiscalYear + 1, items, recording));
        done.addAll(kept);
        return done;
    }

    private Optional<Map<String, Object>> problem(
            ProfileRows.Item item, int fiscalYear, Map<String, UnitProfile> read, Map<String, Integer> rowOf) {
        if (!LedgerId.UNIT_CODE.matcher(item.unitCode()).matches()) {
            return Optional.of(row(item.row(), "unitCode", "unitCode must match " + LedgerId.UNIT_CODE));
        }
        if (rowOf.putIfAbsent(item.unitCode(), item.row()) != null) {
            return Optional.of(
                    row(item.row(), "unitCode", item.unitCode() + " is on row " + rowOf.get(item.unitCode()) + " too"));
        }
        try {
            read.put(item.unitCode(), ProfileReader.read(item.profile()));
        } catch (ApiException e) {
            return Optional.of(row(item.row(), e.field() == null ? "profile" : e.field(), e.getMessage()));
        }
        return Optional.empty();
    }

    private Optional<String> parentOf(String code, Map<String, UnitProfile> read, int fiscalYear) {
        if (read.containsKey(code)) {
            String parent = read.get(code).parentUnitCode();
            return Optional.of(parent == null ? "" : parent);
        }
        return directory.parentOf(code, fiscalYear);
    }

    private static Map<String, Object> row(Integer row, String field, String message) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("row", row == null ? 0 : row);
        problem.put("field", field);
        problem.put("message", "row " + row + ": " + message);
        return problem;
    }

    /** The units so that each comes after its parent where the parent is among them (the rules ruled out cycles). */
    private static List<String> parentsFirst(Map<String, UnitProfile> read) {
        List<String> order = new ArrayList<>(read.size());
        Set<String> placed = new HashSet<>();
        for (int round = 0; round <= ParentRules.MAX_DEPTH && order.size() < read.size(); round++) {
            for (Map.Entry<String, UnitProfile> unit : read.entrySet()) {
                String parent = unit.getValue().parentUnitCode();
                if (!placed.contains(unit.getKey())
                        && (parent == null || !read.containsKey(parent) || placed.contains(parent))) {
                    order.add(unit.getKey());
                }
            }
            placed.addAll(order);
        }
        if (order.size() != read.size()) { // ParentRules ruled out cycles and chains deeper than this
            throw new IllegalStateException("units left unordered: a parent chain deeper than ParentRules allows");
        }
        return order;
    }
}

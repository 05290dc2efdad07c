package org.budgetledger.ledger.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.kit.security.ApiKeys;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.ledger.directory.UnitDirectory;
import org.budgetledger.ledger.web.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Keys issued, listed and revoked while the services run (docs/OPERATIONS.md, "Keys"). The installation's ADMIN. */
@RestController
@org.springframework.web.bind.annotation.RequestMapping(
        path = "/api/v1/admin/keys",
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Keys", description = "API keys issued with a role and a unit scope, listed without secrets, revoked")
public class KeyController {

    static final int MAX_LISTED = 10_000;

    private final IssuedKeys keys;
    private final UnitDirectory units;

    public KeyController(IssuedKeys keys, UnitDirectory units) {
        this.keys = keys;
        this.units = units;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "issueKey",
            summary = "Issue a key: {role, scope, sourceSystems, label}; the answer holds the key, shown this once",
            description = "scope is a unit code (the unit and every unit under it, per year) or \"*\" (the whole "
                    + "installation). Only the key's SHA-256 digest is stored. 422 names the field at fault.")
    public ResponseEntity<Map<String, Object>> issue(@RequestBody JsonNode body) {
        KeyRequest request = KeyRequest.read(body);
        if (!Caller.INSTALLATION.equals(request.scope())
                && units.yearsOf(request.scope()).isEmpty()) {
            throw ApiException.unprocessable(
                    "key.invalid", "scope", "scope " + request.scope() + " is no registered unit (nor \"*\")");
        }
        IssuedKeys.Issued issued;
        try {
            issued = keys.issue(request, issuer());
        } catch (IllegalStateException e) {
            throw ApiException.unprocessable("key.too_many", null, e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", issued.key());
        answer.putAll(listed(issued.listed()));
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .header("Location", "/api/v1/admin/keys/" + issued.listed().id())
                .body(answer);
    }

    @GetMapping
    @Operation(operationId = "listKeys", summary = "Every issued key, active and revoked, without its secret")
    public List<IssuedKeys.Listed> list() {
        return keys.list(MAX_LISTED);
    }

    @DeleteMapping("/{id}")
    @Operation(
            operationId = "revokeKey",
            summary = "Revoke a key: refused by both services within 10 s; revoking again changes nothing")
    public IssuedKeys.Listed revoke(@PathVariable String id) {
        return keys.revoke(id, issuer())
                .orElseThrow(() -> ApiException.notFound("key.not_found", "no issued key " + id));
    }

    @GetMapping("/digests")
    @Operation(
            operationId = "listKeyDigests",
            summary = "The active keys' SHA-256 digests with role and scope: how the projection service knows them")
    public List<ApiKeys.IssuedKey> digests() {
        return keys.active();
    }

    private static String issuer() {
        return Caller.current().map(Caller::name).orElse("access-control-off");
    }

    private static Map<String, Object> listed(IssuedKeys.Listed k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("role", k.role());
        m.put("scope", k.scope());
        m.put("sourceSystems", k.sourceSystems());
        m.put("label", k.label());
        m.put("createdAt", k.createdAt());
        m.put("createdBy", k.createdBy());
        return m;
    }
}

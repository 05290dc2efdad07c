package org.budgetledger.projection.quarantine;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/quarantine")
@Tag(name = "Quarantine", description = "Records of ledger.events that were not applied, with the reason")
public class QuarantineController {

    private final Quarantine quarantine;

    QuarantineController(Quarantine quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping
    @Operation(
            operationId = "listQuarantined",
            summary = "Records of ledger.events not applied because they are not what the ledger "
                    + "publishes (unreadable, unknown type, a hash that does not recompute), newest first; the event at each place "
                    + "was read from the ledger's event store instead")
    public Map<String, Object> list(@RequestParam(defaultValue = "100") int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", quarantine.count());
        body.put("records", quarantine.latest(limit));
        return body;
    }
}

package org.budgetledger.projection.rebuild;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/admin/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Rebuild", description = "Rebuild every projection from the complete event history")
public class RebuildController {

    private final Rebuild rebuild;

    public RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @Operation(
            operationId = "startRebuild",
            summary = "Start a rebuild (or see the one under way)",
            description =
                    "Queries keep answering from the live projections until the rebuild has caught up; then it becomes live at once. "
                            + "Progress: GET this path, the metrics projection_rebuild_events_done/total, and the log.")
    public ResponseEntity<Rebuild.Status> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(rebuild.start());
    }

    @GetMapping
    @Operation(operationId = "getRebuildStatus", summary = "Where the rebuild stands: events done/total, rate, phase")
    public Rebuild.Status status() {
        return rebuild.status();
    }
}

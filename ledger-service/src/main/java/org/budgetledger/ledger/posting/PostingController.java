package org.budgetledger.ledger.posting;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.budgetledger.kit.scope.ScopedByHandler;
import org.budgetledger.kit.scope.UnitScopes;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.ledger.aggregate.Commands;
import org.budgetledger.ledger.posting.domain.PostingInput;
import org.budgetledger.ledger.posting.domain.PostingOutcome;
import org.budgetledger.ledger.web.ApiException;
import org.budgetledger.ledger.web.CorrelationFilter;
import org.budgetledger.ledger.web.RestRequests;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/postings", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Postings",
        description = "Appropriations, income, expenditures, opening balances, budgets, procurement "
                + "contracts, fund offsets, surplus distributions and reversals, each recorded exactly once")
public class PostingController {

    public static final int MAX_BATCH = 1_000;
    private final PostingService postings;
    private final GroupCommit singles;
    private final UnitScopes scopes;

    PostingController(PostingService postings, GroupCommit singles, UnitScopes scopes) {
        this.postings = postings;
        this.singles = singles;
        this.scopes = scopes;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "recordPosting",
            summary = "Record one posting",
            description =
                    "201 the first time; 200 DUPLICATE for the same sourceSystem + postingId with identical content; "
                            + "409 for the same key with other content; 422 for an invalid posting (nothing is recorded); 400 for malformed JSON.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples = {
                                                @ExampleObject(
                                                        name = "expenditure",
                                                        value = OpenApiExamples.EXPENDITURE),
                                                @ExampleObject(
                                                        name = "appropriation",
                                                        value = OpenApiExamples.APPROPRIATION),
                                                @ExampleObject(name = "budget", value = OpenApiExamples.BUDGET),
                                                @ExampleObject(
                                                        name = "procurement",
                                                        value = OpenApiExamples.PROCUREMENT),
                                                @ExampleObject(name = "reversal", value = OpenApiExamples.REVERSAL)
                                            })),
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "recorded",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"),
                                        examples = @ExampleObject(value = OpenApiExamples.RECORDED))),
                @ApiResponse(
                        responseCode = "200",
                        description = "duplicate: nothing new recorded",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"),
                                        examples = @ExampleObject(value = OpenApiExamples.DUPLICATE))),
                @ApiResponse(
                        responseCode = "409",
                        description = "same key, different content",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"),
                                        examples = @ExampleObject(value = OpenApiExamples.CONFLICT))),
                @ApiResponse(
                        responseCode = "422",
                        description = "invalid: names the field",
                        content =
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(type = "object"),
                                        examples = @ExampleObject(value = OpenApiExamples.REJECTED))),
                @ApiResponse(responseCode = "400", description = "malformed JSON")
            })
    @ScopedByHandler
    public ResponseEntity<Map<String, Object>> post(@RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badRequest("a posting must be a JSON object");
        }
        Commands.Submission submission = new Commands.Submission(
                PostingReader.read(body), CorrelationFilter.current(), "rest", RestRequests.actor());
        requireAllowed(submission.input(), null);
        PostingResult result = singles.submit(submission, "rest");
        return ResponseEntity.status(status(result.outcome())).body(answer(result));
    }

    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "recordPostings",
            summary = "Record up to 1,000 postings in order",
            description =
                    "Each item is decided as if posted alone, in order; the answer lists per-item results in the same "
                            + "order, each with the status code the single endpoint would have answered. Always 200 unless the "
                            + "batch itself is malformed (400) or too large (422).",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(type = "object"),
                                            examples = @ExampleObject(value = OpenApiExamples.BATCH))))
    @ScopedByHandler
    public Map<String, Object> batch(@RequestBody JsonNode body) {
        if (!body.isArray()) {
            throw ApiException.badRequest("a batch must be a JSON array of postings");
        }
        if (body.size() > MAX_BATCH) {
            throw ApiException.unprocessable(
                    "batch.too_large", null, "a batch holds at most " + MAX_BATCH + " postings, got " + body.size());
        }
        String correlationId = CorrelationFilter.current();
        String actor = RestRequests.actor();
        List<Commands.Submission> submissions = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Map<Integer, Map<String, Object>> malformed = new LinkedHashMap<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            if (!item.isObject()) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("index", i);
                answer.put("httpStatus", 400);
                answer.put("status", "MALFORMED");
                answer.put("error", "malformed_json");
                answer.put("message", "item " + i + " is not a JSON object");
                malformed.put(i, answer);
                continue;
            }
            Commands.Submission submission =
                    new Commands.Submission(PostingReader.read(item), correlationId + "#" + i, "rest-batch", actor);
            requireAllowed(submission.input(), i);
            submissions.add(submission);
            positions.add(i);
        }
        List<PostingResult> results = postings.submit(submissions, "rest");
        List<Map<String, Object>> answers = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < body.size(); i++) {
            if (malformed.containsKey(i)) {
                answers.add(malformed.get(i));
                continue;
            }
            PostingResult result = results.get(next++);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("index", i);
            answer.put("httpStatus", status(result.outcome()).value());
            answer.putAll(answer(result));
            answers.add(answer);
        }
        return Map.of("results", answers);
    }

    /**
     * A poster posts only as the source systems its credentials allow (the audit trail records who posted), and only
     * for the units its scope covers. A batch with one posting outside either is refused whole: nothing is recorded.
     */
    private void requireAllowed(PostingInput input, Integer index) {
        requireSourceSystem(input.sourceSystem(), index);
        if (input.unitCode() != null && input.fiscalYear() != null) {
            scopes.require(
                    index == null ? "unitCode" : "[" + index + "].unitCode", input.unitCode(), input.fiscalYear());
        } // else refused by the identity rules, naming the field
    }

    private static void requireSourceSystem(String sourceSystem, Integer index) {
        if (sourceSystem == null) {
            return; // refused by the identity rules, naming the field
        }
        if (InternalSources.internal(sourceSystem)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "forbidden.source_system",
                    "sourceSystem",
                    (index == null ? "" : "item " + index + ": ") + InternalSources.refusal(sourceSystem));
        }
        Caller.current().filter(caller -> !caller.mayPostAs(sourceSystem)).ifPresent(caller -> {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "forbidden.source_system",
                    "sourceSystem",
                    (index == null ? "" : "item " + index + ": ") + "sourceSystem " + sourceSystem
                            + " is not one your credentials may post as");
        });
    }

    static HttpStatus status(PostingOutcome outcome) {
        return switch (outcome.status()) {
            case RECORDED -> HttpStatus.CREATED;
            case DUPLICATE -> HttpStatus.OK;
            case CONFLICT -> HttpStatus.CONFLICT;
            case REJECTED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    static Map<String, Object> answer(PostingResult result) {
        PostingOutcome o = result.outcome();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("postingId", o.postingId());
        body.put("status", o.status().name());
        if (o.eventId() != null) {
            body.put("eventId", o.eventId());
            body.put("ledger", result.ledger());
            body.put("sequence", o.sequence());
        }
        if (o.violation() != null) {
            body.put("error", o.violation().error());
            body.put("message", o.violation().message());
            body.put("field", o.violation().field());
        }
        return body;
    }
}

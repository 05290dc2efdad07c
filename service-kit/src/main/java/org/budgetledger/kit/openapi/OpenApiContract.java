package org.budgetledger.kit.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What the OpenAPI documents of both services say alike, so that a client generated from them can authenticate and
 * knows every answer it may get: the three ways to present credentials (the same as {@code ServiceSecurity} accepts),
 * and on every operation the error answers the security chain and the error handlers give ({@code ErrorBody}).
 * An operation that documents an answer itself keeps its own.
 */
public final class OpenApiContract implements OpenApiCustomizer {

    private final String service;
    private final String description;

    /**
     * @param service     the service's name (spring.application.name)
     * @param description what it does, for the document's readers
     */
    public OpenApiContract(String service, String description) {
        this.service = service;
        this.description = description;
    }

    static final String API_KEY = "apiKey";
    static final String BEARER = "bearer";
    static final String BASIC = "basic";
    static final String ERROR = "Error";

    /** The answers every operation may give, whatever it does. */
    private static final Map<String, String> ALWAYS = Map.of(
            "401", "No credentials, or credentials that are not valid (error \"unauthorized\")",
            "403", "The caller's role may not do this, or may not post as that source system (error \"forbidden\")",
            "503", "The store cannot be reached: nothing was changed, send the same request again after Retry-After");

    /** Further answers of operations that take input: a body, or parameters. */
    private static final Map<String, String> WITH_INPUT =
            Map.of("400", "A parameter or body that cannot be read (error \"bad_request\", field names it)");

    @Override
    public void customise(OpenAPI openApi) {
        openApi.setInfo(new Info()
                .title("budget-ledger " + service)
                .version("v1")
                .description(description)
                .license(new License().name("Apache-2.0").identifier("Apache-2.0")));
        // relative: the address a client reaches the service at (generated clients take it as their base URI)
        openApi.setServers(List.of(new Server().url("/").description(service)));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components
                .addSecuritySchemes(
                        API_KEY,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("X-API-Key")
                                .description(
                                        "An API key of one role (also accepted as \"Authorization: ApiKey <key>\")"))
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description(
                                        "A token of the operators' identity provider: issuer and audience checked, roles in its \"roles\" claim"))
                .addSecuritySchemes(
                        BASIC,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description(
                                        "Any user name and an API key as the password; for GET and HEAD only (what a browser sends by itself)"))
                .addSchemas(ERROR, errorSchema()));
        openApi.setSecurity(List.of(
                new SecurityRequirement().addList(API_KEY),
                new SecurityRequirement().addList(BEARER),
                new SecurityRequirement().addList(BASIC)));
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(OpenApiContract::errors);
        }
    }

    private static void errors(PathItem path) {
        path.readOperationsMap().forEach((method, operation) -> {
            if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
                // Basic credentials read only (ServiceSecurity): a change needs a key or a token
                operation.setSecurity(
                        List.of(new SecurityRequirement().addList(API_KEY), new SecurityRequirement().addList(BEARER)));
            }
        });
        path.readOperations().forEach(operation -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            ALWAYS.forEach((status, description) -> add(responses, status, description));
            if (takesInput(operation)) {
                WITH_INPUT.forEach((status, description) -> add(responses, status, description));
            }
            operation.setResponses(responses);
        });
    }

    private static boolean takesInput(Operation operation) {
        return operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (!responses.containsKey(status)) {
            responses.addApiResponse(
                    status,
                    new ApiResponse()
                            .description(description)
                            .content(new Content()
                                    .addMediaType(
                                            "application/json",
                                            new MediaType()
                                                    .schema(new Schema<>().$ref("#/components/schemas/" + ERROR)))));
        }
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema()
                .description("The one shape of every error answer")
                .addProperty(
                        "error",
                        new StringSchema()
                                .description(
                                        "A stable code, e.g. \"amount.format\", \"forbidden\", \"store_unavailable\""))
                .addProperty("message", new StringSchema().description("What went wrong, in words"))
                .addProperty(
                        "field",
                        new StringSchema().nullable(true).description("The field or parameter at fault, if one is"))
                .required(List.of("error", "message"));
    }
}

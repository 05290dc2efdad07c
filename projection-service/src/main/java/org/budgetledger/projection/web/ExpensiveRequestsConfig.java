package org.budgetledger.projection.web;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The per-caller bound on expensive answers (ExpensiveRequests), and its 429 in the OpenAPI document. */
@Configuration
public class ExpensiveRequestsConfig implements WebMvcConfigurer {

    private final ExpensiveRequests expensive;

    ExpensiveRequestsConfig(@Value("${projection.expensive-requests-per-caller:4}") int perCaller) {
        this.expensive = new ExpensiveRequests(perCaller);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(expensive).addPathPatterns("/api/v1/**", "/workspace/**");
    }

    @Bean
    OpenApiCustomizer expensiveRequestsDocumented() {
        return openApi -> openApi.getPaths()
                .forEach((path, item) -> item.readOperations().forEach(operation -> {
                    boolean asOf = operation.getParameters() != null
                            && operation.getParameters().stream().anyMatch(p -> "asOf".equals(p.getName()));
                    if (ExpensiveRequests.expensive(path, asOf)) {
                        operation
                                .getResponses()
                                .addApiResponse(
                                        "429",
                                        new ApiResponse()
                                                .description(
                                                        "This caller already has as many expensive requests under way as allowed: send it again after Retry-After")
                                                .content(new Content()
                                                        .addMediaType(
                                                                "application/json",
                                                                new MediaType()
                                                                        .schema(new Schema<>()
                                                                                .$ref("#/components/schemas/Error")))));
                    }
                }));
    }
}

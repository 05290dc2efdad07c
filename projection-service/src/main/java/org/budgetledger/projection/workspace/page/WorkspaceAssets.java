package org.budgetledger.projection.workspace.page;

import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.budgetledger.projection.report.render.HtmlRenderer;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The workspace's stylesheet and script, ECharts (vendored with its licence: resources/workspace/assets/vendor) and
 * the disclosure's own layout (HtmlRenderer's, so that the workspace and the printed page are laid out alike): all
 * served from the application, nothing from elsewhere, so that the workspace works without the internet.
 */
@Configuration
public class WorkspaceAssets implements WebMvcConfigurer {

    static final Duration CACHED = Duration.ofHours(1);

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/workspace/assets/**")
                .addResourceLocations("classpath:/workspace/assets/")
                .setCacheControl(CacheControl.maxAge(CACHED).cachePrivate());
    }

    /** The disclosure's layout, written once in HtmlRenderer. */
    @RestController
    @Hidden
    static class ReportCss {
        @GetMapping("/workspace/assets/report.css")
        @org.budgetledger.kit.scope.AnyScope
        ResponseEntity<String> css() {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                    .cacheControl(CacheControl.maxAge(CACHED).cachePrivate())
                    .body(HtmlRenderer.contentCss());
        }
    }
}

package org.budgetledger.projection.workspace.page;

import static org.budgetledger.projection.workspace.page.Html.esc;

import jakarta.servlet.http.HttpServletRequest;
import org.budgetledger.projection.web.BadParameter;
import org.budgetledger.projection.web.NotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** The workspace's errors as pages in Chinese (the API answers the same errors as JSON: ApiErrors). */
@ControllerAdvice(basePackages = "org.budgetledger.projection.workspace")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WorkspaceErrors {

    private final Layout layout;

    public WorkspaceErrors(Layout layout) {
        this.layout = layout;
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<String> notFound(NotFound e, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "未找到", "没有找到所要的数据：" + e.getMessage(), request);
    }

    @ExceptionHandler(org.budgetledger.kit.scope.OutsideScope.class)
    ResponseEntity<String> outsideScope(org.budgetledger.kit.scope.OutsideScope e, HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> path = (java.util.Map<String, String>)
                request.getAttribute(org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String unit = path == null ? null : path.get("unit");
        String scope = org.budgetledger.kit.security.Caller.current()
                .map(org.budgetledger.kit.security.Caller::scope)
                .orElse("");
        String message = (unit == null ? "所要查看的内容" : "单位 " + unit + " ") + "不在您的权限范围内："
                + (scope.isEmpty() ? "您的凭据未授权任何单位。" : "您的凭据只能查看 " + scope + " 及其下属单位。")
                + "如需查看，请联系管理员。";
        return page(HttpStatus.FORBIDDEN, "无权查看", message, request);
    }

    @ExceptionHandler({BadParameter.class, IllegalArgumentException.class})
    ResponseEntity<String> badRequest(RuntimeException e, HttpServletRequest request) {
        return page(HttpStatus.BAD_REQUEST, "请求有误", e.getMessage(), request);
    }

    ResponseEntity<String> page(HttpStatus status, String title, String message, HttpServletRequest request) {
        String content = "<h1>" + esc(title) + "（" + status.value() + "）</h1>\n<p class=\"error\">" + esc(message)
                + "</p>\n<p><a href=\"/workspace/\">返回工作台首页</a></p>\n";
        return layout.answer(
                status,
                PageRequest.plain(request),
                Viewer.of(request).orElse(null),
                Layout.Page.of(title, null, null, content, null));
    }
}

package org.budgetledger.projection.workspace.signin;

import static org.budgetledger.projection.workspace.page.Html.esc;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.budgetledger.kit.security.ApiKeys;
import org.budgetledger.kit.security.Role;
import org.budgetledger.kit.security.SecurityProperties;
import org.budgetledger.projection.workspace.page.Layout;
import org.budgetledger.projection.workspace.page.PageRequest;
import org.budgetledger.projection.workspace.page.Viewer;
import org.budgetledger.projection.workspace.session.OidcSignIn;
import org.budgetledger.projection.workspace.session.SessionTokens;
import org.budgetledger.projection.workspace.session.WorkspaceSession;
import org.budgetledger.projection.workspace.session.WorkspaceSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in with an API key, checked exactly as the API checks it (ApiKeys, the same keys and roles), and signing
 * out. The key is sent once, in the form's body; the session cookie holds a signed token naming the key by its id.
 */
@Controller
@Hidden
@org.budgetledger.kit.scope.AnyScope
public class SignInController {

    /** Where a sign-in may lead back to: a workspace path of ours, never another site ("//evil", "/\evil"). */
    private static final Pattern NEXT = Pattern.compile("/workspace(/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?");

    private static final String SIGN_IN_PROVIDER = "/workspace/sign-in/provider";

    private final ApiKeys keys;
    private final SessionTokens sessions;
    private final WorkspaceSettings settings;
    private final Layout layout;
    private final boolean open;
    private final OidcSignIn.ProviderRegistration provider;

    public SignInController(
            ApiKeys keys,
            SessionTokens sessions,
            WorkspaceSettings settings,
            Layout layout,
            SecurityProperties security,
            OidcSignIn.ProviderRegistration provider) {
        this.provider = provider;
        this.keys = keys;
        this.sessions = sessions;
        this.settings = settings;
        this.layout = layout;
        this.open = !security.enabled();
    }

    @GetMapping("/workspace/sign-in")
    ResponseEntity<String> form(
            @RequestParam(required = false) String next,
            @RequestParam(required = false) String failed,
            HttpServletRequest request) {
        if ("provider".equals(failed)) {
            return page(HttpStatus.UNAUTHORIZED, next, settings.oidc().name() + "登录未成功：请重试，或使用 API 密钥登录。", request);
        }
        if ("roles".equals(failed)) {
            return page(
                    HttpStatus.FORBIDDEN, next, "您的账号在" + settings.oidc().name() + "中没有查看、审计或管理员角色，不能查看数据。", request);
        }
        return page(HttpStatus.OK, next, null, request);
    }

    /** To the identity provider, remembering where the user was going (the flow's own servlet session keeps it). */
    @GetMapping("/workspace/sign-in/provider")
    ResponseEntity<String> provider(@RequestParam(required = false) String next, HttpServletRequest request) {
        if (!settings.oidc().configured()) {
            return page(HttpStatus.NOT_FOUND, next, "未配置统一身份认证：请使用 API 密钥登录。", request);
        }
        if (!provider.available()) {
            return page(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    next,
                    settings.oidc().name() + "暂时无法访问：请稍后重试，或使用 API 密钥登录。",
                    request);
        }
        request.getSession(true).setAttribute(OidcSignIn.NEXT, safe(next));
        return to(OidcSignIn.START);
    }

    @PostMapping(path = "/workspace/sign-in", consumes = "application/x-www-form-urlencoded")
    ResponseEntity<String> signIn(
            @RequestParam(defaultValue = "") String apiKey,
            @RequestParam(required = false) String next,
            HttpServletRequest request) {
        if (open) {
            return to(safe(next));
        }
        Optional<ApiKeys.Identified> identified = keys.identify(apiKey.trim());
        if (identified.isEmpty()) {
            return page(HttpStatus.UNAUTHORIZED, next, "密钥无效：请检查后重新输入（与调用接口所用的 API 密钥相同）。", request);
        }
        if (identified.get().caller().roles().stream().noneMatch(r -> r != Role.POSTER)) {
            return page(HttpStatus.FORBIDDEN, next, "此密钥只能用于记账接口，不能查看数据：请使用查看、审计或管理员的密钥。", request);
        }
        String token = sessions.issue(identified.get().id());
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(safe(next)))
                .header(
                        HttpHeaders.SET_COOKIE,
                        WorkspaceSession.cookie(token, sessions.lifetime(), settings.secureCookieFor(request))
                                .toString())
                .build();
    }

    @PostMapping("/workspace/sign-out")
    ResponseEntity<String> signOut(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/workspace/sign-in"))
                .header(
                        HttpHeaders.SET_COOKIE,
                        WorkspaceSession.cleared(settings.secureCookieFor(request))
                                .toString())
                .build();
    }

    static String safe(String next) {
        return next != null && NEXT.matcher(next).matches() && !next.contains("//") ? next : "/workspace/";
    }

    private static ResponseEntity<String> to(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(location))
                .build();
    }

    private ResponseEntity<String> page(HttpStatus status, String next, String error, HttpServletRequest request) {
        StringBuilder h = new StringBuilder("<h1>登录部门决算工作台</h1>\n");
        if (open) {
            h.append("<p class=\"notice\">访问控制已关闭（仅限封闭的测试环境）：无需密钥，直接进入。</p>\n");
        }
        Viewer.of(request)
                .ifPresent(v -> h.append("<p class=\"notice\">您已以“")
                        .append(esc(v.rolesZh()))
                        .append("”身份登录；输入另一个密钥可切换身份。</p>\n"));
        if (error != null) {
            h.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>\n");
        }
        h.append("<form class=\"sign-in\" method=\"post\" action=\"/workspace/sign-in\">\n")
                .append("<label for=\"api-key\">API 密钥</label>\n")
                .append("<input type=\"password\" id=\"api-key\" name=\"apiKey\" autocomplete=\"current-password\"")
                .append(" required=\"required\" autofocus=\"autofocus\"/>\n")
                .append("<input type=\"hidden\" name=\"next\" value=\"")
                .append(esc(safe(next)))
                .append("\"/>\n<button type=\"submit\">登录</button>\n</form>\n");
        if (settings.oidc().configured()) {
            h.append("<p class=\"provider\"><a class=\"button\" data-sign-in-provider href=\"")
                    .append(esc(SIGN_IN_PROVIDER + "?next="
                            + java.net.URLEncoder.encode(safe(next), StandardCharsets.UTF_8)))
                    .append("\">使用")
                    .append(esc(settings.oidc().name()))
                    .append("登录</a></p>\n");
        }
        h.append("<p class=\"hint\">使用调用接口的同一把密钥：查看身份可看数字、报表、审核公式和看板；")
                .append("审计和管理员身份还可查看每个数字背后的记账明细。密钥只在登录时发送一次，不保存在浏览器中。</p>\n");
        return layout.answer(
                status, PageRequest.plain(request), null, Layout.Page.of("登录", null, null, h.toString(), null));
    }
}

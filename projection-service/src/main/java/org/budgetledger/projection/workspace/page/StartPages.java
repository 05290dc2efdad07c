package org.budgetledger.projection.workspace.page;

import static org.budgetledger.projection.workspace.page.Html.esc;
import static org.budgetledger.projection.workspace.page.Html.segment;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.budgetledger.projection.store.UnitDirectory;
import org.budgetledger.projection.workspace.session.WorkspaceSecurity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The workspace's first page (every year's departments) and the page that refuses a role (403). */
@Controller
@Hidden
public class StartPages {

    private final Layout layout;
    private final Navigation navigation;

    public StartPages(Layout layout, Navigation navigation) {
        this.layout = layout;
        this.navigation = navigation;
    }

    @GetMapping({"/workspace", "/workspace/"})
    @org.budgetledger.kit.scope.ScopedByHandler // lists the units of the caller's scope (Navigation)
    ResponseEntity<String> start(HttpServletRequest request) {
        PageRequest page = PageRequest.of(request);
        StringBuilder h = new StringBuilder("<h1>部门决算工作台</h1>\n<p>选择年度与单位，查看部门决算公开表、审核公式和汇总看板。</p>\n");
        List<Integer> years = navigation.years();
        if (years.isEmpty()) {
            h.append("<p>尚无任何单位的账本。</p>\n");
        }
        for (int year : years) {
            h.append("<section class=\"year\">\n<h2>")
                    .append(year)
                    .append("年度</h2>\n<p><a href=\"")
                    .append(esc(page.link("/workspace/dashboard/" + year)))
                    .append("\">")
                    .append(year)
                    .append("年度汇总看板</a></p>\n<ul>\n");
            for (UnitDirectory.Unit d : navigation.departments(year)) {
                h.append("<li><a href=\"")
                        .append(esc(page.link("/workspace/" + segment(d.unitCode()) + "/" + year)))
                        .append("\">")
                        .append(esc(d.name()))
                        .append("</a>（")
                        .append(esc(d.unitCode()))
                        .append("）</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        return layout.answer(
                HttpStatus.OK,
                page,
                Viewer.of(request).orElse(null),
                Layout.Page.of("首页", null, null, h.toString(), null));
    }

    @RequestMapping(WorkspaceSecurity.REFUSED)
    @org.budgetledger.kit.scope.AnyScope
    ResponseEntity<String> refused(HttpServletRequest request) {
        String content = "<h1>无权查看（403）</h1>\n<p class=\"error\">您当前的身份（"
                + esc(Viewer.of(request).map(Viewer::rolesZh).orElse("未登录"))
                + "）无权查看此页。审计明细（每个数字背后的记账记录）、记账记录、审计信号、公开后的变动和账本哈希链仅向审计和管理员身份开放，与接口的权限相同。</p>\n"
                + "<p><a href=\"/workspace/\">返回工作台首页</a>，或<a href=\"/workspace/sign-in\">换一个密钥登录</a>。</p>\n";
        return layout.answer(
                HttpStatus.FORBIDDEN,
                PageRequest.plain(request),
                Viewer.of(request).orElse(null),
                Layout.Page.of("无权查看", null, null, content, null));
    }
}

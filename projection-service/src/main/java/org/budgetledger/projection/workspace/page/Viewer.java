package org.budgetledger.projection.workspace.page;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.budgetledger.kit.security.Caller;
import org.budgetledger.kit.security.Role;
import org.budgetledger.projection.workspace.session.WorkspaceSession;

/** Who is signed in: their caller (roles as the API sees them) and the token their forms carry. */
public record Viewer(Caller caller, String formToken) {

    public static Optional<Viewer> of(HttpServletRequest request) {
        return WorkspaceSession.of(request).map(s -> new Viewer(s.caller(), s.formToken()));
    }

    /** Whether the role may read audit trails (as in the API: auditors and admins). */
    public boolean mayAudit() {
        return caller.roles().contains(Role.AUDITOR) || caller.roles().contains(Role.ADMIN);
    }

    /** The roles in Chinese, for the page's header. */
    public String rolesZh() {
        return caller.roles().stream()
                .sorted()
                .map(r -> switch (r) {
                    case ADMIN -> "管理员";
                    case AUDITOR -> "审计";
                    case VIEWER -> "查看";
                    case POSTER -> "记账接口";
                })
                .reduce((a, b) -> a + "、" + b)
                .orElse("无");
    }
}

package org.budgetledger.kit.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** 401 and 403 with the same error body as every other error: {"error", "message", "field"}. */
public final class AccessDenial {

    public void unauthorized(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", "ApiKey realm=\"budget-ledger\", Bearer, Basic realm=\"budget-ledger\"");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", message);
    }

    public void forbidden(HttpServletResponse response, String message) throws IOException {
        write(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", message);
    }

    private static void write(HttpServletResponse response, int status, String error, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        response.getOutputStream()
                .write(("{\"error\":\"" + error + "\",\"message\":\"" + escaped + "\",\"field\":null}")
                        .getBytes(StandardCharsets.UTF_8));
    }
}

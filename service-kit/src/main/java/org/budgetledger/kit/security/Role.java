package org.budgetledger.kit.security;

/**
 * Who may do what. POSTER posts (only as the source systems its credentials allow); AUDITOR reads everything,
 * audit trails, verification, exports and starts rebuilds; VIEWER reads figures and reports; ADMIN manages
 * catalogues, unit profiles, narrative text and year closes, and reads.
 */
public enum Role {
    POSTER,
    AUDITOR,
    VIEWER,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}

package dev.orgql.auth;

import java.util.Set;

/**
 * Who is calling, from a verified token.
 *
 * @param subject        the user id, or the application id for machines
 * @param clientId       the application the token was issued to
 * @param kind           what kind of token it is
 * @param organizationId the organization the token is bound to, or null
 * @param scopes         the token's {@code scope} claim (empty when missing or empty)
 */
public record Caller(String subject, String clientId, TokenKind kind, String organizationId, Set<String> scopes) {

    public boolean isUser() {
        return kind == TokenKind.USER || kind == TokenKind.USER_ORGANIZATION || kind == TokenKind.USER_ORGANIZATION_API;
    }

    public boolean isBoundToOrganization() {
        return organizationId != null;
    }

    /**
     * The token's claims as gateway API scopes: only user and machine tokens issued for the gateway's
     * API resource carry them (an organization token's scopes are organization scopes, and an
     * organization-level API token's scopes may come from tenant-wide roles of another meaning).
     */
    public Set<String> apiScopes() {
        return kind == TokenKind.USER || (kind == TokenKind.MACHINE && organizationId == null) ? scopes : Set.of();
    }
}

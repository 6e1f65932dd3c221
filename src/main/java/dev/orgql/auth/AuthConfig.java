package dev.orgql.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The {@code orgql.*} settings about callers, tokens and scopes. */
@ConfigurationProperties("orgql")
public class AuthConfig {
    private String apiResource;
    private String scopePolicy = "token-then-live";
    private boolean allowAnonymousIntrospection = true;
    private Duration jwksMinRefreshInterval = Duration.ofSeconds(10);
    private Duration jwksFetchTimeout = Duration.ofSeconds(5);
    private Duration tokenClockSkew = Duration.ofSeconds(30);
    private Map<String, String> permissions = new HashMap<>();
    private Map<String, String> apiPermissions = new HashMap<>();
    private boolean createOrganizationRequiresScope = false;
    private String creatorRole = "admin";

    public boolean isCreateOrganizationRequiresScope() {
        return createOrganizationRequiresScope;
    }

    public void setCreateOrganizationRequiresScope(boolean createOrganizationRequiresScope) {
        this.createOrganizationRequiresScope = createOrganizationRequiresScope;
    }

    /** The organization role (by name) an organization's creator gets; every organization keeps one member holding it. */
    public String getCreatorRole() {
        return creatorRole;
    }

    public void setCreatorRole(String creatorRole) {
        this.creatorRole = creatorRole;
    }

    /** Whether this deployment requires an API permission listed in {@code @requiresScope(apiPermissionsIfEnabled: ...)}. */
    public boolean isRequirementEnabled(ApiPermission permission) {
        return switch (permission) {
            case CREATE_ORGANIZATION -> createOrganizationRequiresScope;
            case MANAGE_TEMPLATE, MANAGE_JOIN_RULES -> true;
        };
    }

    public String getApiResource() {
        return apiResource;
    }

    public void setApiResource(String apiResource) {
        this.apiResource = apiResource;
    }

    public String getScopePolicy() {
        return scopePolicy;
    }

    public void setScopePolicy(String scopePolicy) {
        this.scopePolicy = scopePolicy;
    }

    public ScopePolicy policy() {
        return ScopePolicy.parse(scopePolicy);
    }

    public boolean isAllowAnonymousIntrospection() {
        return allowAnonymousIntrospection;
    }

    public void setAllowAnonymousIntrospection(boolean allowAnonymousIntrospection) {
        this.allowAnonymousIntrospection = allowAnonymousIntrospection;
    }

    public Duration getJwksMinRefreshInterval() {
        return jwksMinRefreshInterval;
    }

    public void setJwksMinRefreshInterval(Duration jwksMinRefreshInterval) {
        this.jwksMinRefreshInterval = jwksMinRefreshInterval;
    }

    /** How long one JWKS fetch may take; a token whose key is unknown waits at most this long for it. */
    public Duration getJwksFetchTimeout() {
        return jwksFetchTimeout;
    }

    public void setJwksFetchTimeout(Duration jwksFetchTimeout) {
        this.jwksFetchTimeout = jwksFetchTimeout;
    }

    /** The clock difference tolerated between Logto and the gateway, for {@code exp}, {@code nbf} and {@code iat}. */
    public Duration getTokenClockSkew() {
        return tokenClockSkew;
    }

    public void setTokenClockSkew(Duration tokenClockSkew) {
        this.tokenClockSkew = tokenClockSkew;
    }

    public Map<String, String> getPermissions() {
        return permissions;
    }

    public void setPermissions(Map<String, String> permissions) {
        this.permissions = permissions;
    }

    public Map<String, String> getApiPermissions() {
        return apiPermissions;
    }

    public void setApiPermissions(Map<String, String> apiPermissions) {
        this.apiPermissions = apiPermissions;
    }

    /** The organization-template scope name this deployment uses for a permission. */
    public String scopeFor(OrganizationPermission permission) {
        String configured = permissions.get(permission.configKey());
        return configured == null || configured.isBlank() ? permission.defaultScope() : configured;
    }

    public String scopeFor(ApiPermission permission) {
        String configured = apiPermissions.get(permission.configKey());
        return configured == null || configured.isBlank() ? permission.defaultScope() : configured;
    }
}

package dev.orgql.devlogto;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Developer tokens minted without a browser sign-in: what Logto would issue to the dev SPA app after a
 * user signed in. For the gateway's dev page and for end-to-end tests. Every token is signed with the
 * stand-in's key, so the gateway validates it through {@code /oidc/jwks} like a real one.
 */
public final class DevTokens {
    private final TokenSigner signer;
    private final StandInData data;
    private final String spaClientId;

    DevTokens(TokenSigner signer, StandInData data, String spaClientId) {
        this.signer = signer;
        this.data = data;
        this.spaClientId = spaClientId;
    }

    /** A user access token for an API resource: {@code aud} = resource, {@code scope} = the given scopes (absent if none). */
    public String userToken(String userId, String resource, Collection<String> scopes) {
        requireUser(userId);
        return signer.sign(userId, spaClientId, resource, scopes.isEmpty() ? null : String.join(" ", scopes), null);
    }

    /** A user's organization token: {@code aud = urn:logto:organization:{id}}, {@code scope} = their current organization scopes there. */
    public String organizationToken(String userId, String organizationId) {
        return organizationToken(userId, organizationId, null);
    }

    /**
     * As {@link #organizationToken(String, String)} but restricted to {@code requestedScopes} (null = all).
     * Logto refuses organization tokens to non-members, so this throws {@link IllegalArgumentException} for them.
     */
    public String organizationToken(String userId, String organizationId, Collection<String> requestedScopes) {
        requireUser(userId);
        if (!data.isMember(organizationId, userId)) {
            throw new IllegalArgumentException(
                    "user is not a member of the organization: " + userId + " / " + organizationId);
        }
        List<String> granted = data.userScopes(organizationId, userId).stream()
                .map(OrganizationScope::name)
                .toList();
        return signer.sign(
                userId,
                spaClientId,
                TokenSigner.ORGANIZATION_URN_PREFIX + organizationId,
                restrict(granted, requestedScopes),
                null);
    }

    /**
     * An organization-level API resource token: {@code aud} = resource plus an {@code organization_id} claim.
     * Scopes are the resource scopes of the user's organization roles when the resource is registered in the
     * stand-in (restricted to {@code requestedScopes} if given), else exactly {@code requestedScopes}.
     */
    public String organizationResourceToken(
            String userId, String organizationId, String resource, Collection<String> requestedScopes) {
        requireUser(userId);
        if (!data.isMember(organizationId, userId)) {
            throw new IllegalArgumentException(
                    "user is not a member of the organization: " + userId + " / " + organizationId);
        }
        String scope = data.resourceByIndicator(resource)
                .map(r -> restrict(
                        data.organizationResourceScopes(data.userRoles(organizationId, userId), r.id()).stream()
                                .map(ResourceScope::name)
                                .toList(),
                        requestedScopes))
                .orElse(requestedScopes == null ? "" : String.join(" ", requestedScopes));
        return signer.sign(userId, spaClientId, resource, scope.isEmpty() ? null : scope, organizationId);
    }

    /** A bot's organization token, as {@code client_credentials} with {@code organization_id} would give it. */
    public String botOrganizationToken(String appId, String organizationId) {
        if (!data.isAppMember(organizationId, appId)) {
            throw new IllegalArgumentException(
                    "app has not associated with the organization: " + appId + " / " + organizationId);
        }
        List<String> granted = data.appScopes(organizationId, appId).stream()
                .map(OrganizationScope::name)
                .toList();
        return signer.sign(
                appId, appId, TokenSigner.ORGANIZATION_URN_PREFIX + organizationId, restrict(granted, null), null);
    }

    public String issuer() {
        return signer.issuer();
    }

    public long ttlSeconds() {
        return signer.ttlSeconds();
    }

    /** Granted scopes in name order, intersected with the requested ones when given. */
    static String restrict(List<String> granted, Collection<String> requested) {
        Set<String> want = requested == null ? null : Set.copyOf(requested);
        return granted.stream()
                .filter(s -> want == null || want.contains(s))
                .sorted()
                .distinct()
                .collect(Collectors.joining(" "));
    }

    private void requireUser(String userId) {
        if (data.user(userId).isEmpty()) throw new IllegalArgumentException("unknown user " + userId);
    }
}

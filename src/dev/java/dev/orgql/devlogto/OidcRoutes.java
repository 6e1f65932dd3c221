package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /oidc/token} (client credentials only: Management API tokens, bot organization tokens and
 * organization-level API resource tokens), {@code /oidc/jwks} and discovery. Sign-in flows are not
 * simulated: developer user tokens come from {@link DevTokens}.
 */
final class OidcRoutes {
    private final StandInData data;
    private final TokenSigner signer;
    private final StandInOptions options;

    OidcRoutes(StandInData data, TokenSigner signer, StandInOptions options) {
        this.data = data;
        this.signer = signer;
        this.options = options;
    }

    void register(Router r) {
        r.post("/oidc/token", this::token);
        r.get("/oidc/jwks", req -> Response.ok(signer.jwks()));
        r.get("/oidc/.well-known/openid-configuration", req -> Response.ok(discovery()));
        r.get("/oidc/.well-known/oauth-authorization-server", req -> Response.ok(discovery()));
    }

    private ObjectNode discovery() {
        String issuer = signer.issuer();
        ObjectNode n = Json.object();
        n.put("issuer", issuer);
        n.put("jwks_uri", issuer + "/jwks");
        n.put("token_endpoint", issuer + "/token");
        var grants = n.putArray("grant_types_supported");
        grants.add("implicit").add("authorization_code").add("refresh_token").add("client_credentials");
        if (options.flavor().hasDeviceFlow()) grants.add("urn:ietf:params:oauth:grant-type:device_code");
        grants.add("urn:ietf:params:oauth:grant-type:token-exchange");
        n.put("authorization_endpoint", issuer + "/auth");
        n.put("userinfo_endpoint", issuer + "/me");
        n.putArray("id_token_signing_alg_values_supported").add("ES384");
        n.putArray("token_endpoint_auth_methods_supported")
                .add("client_secret_basic")
                .add("client_secret_post");
        n.putArray("response_types_supported").add("code").add("id_token").add("code id_token");
        return n;
    }

    private Response token(Request req) {
        List<Map.Entry<String, String>> form = req.form();
        Application app = authenticateClient(req, form);
        String grantType = req.formValue(form, "grant_type");
        if (grantType == null) throw new OAuthError(400, "invalid_request", "missing required parameter 'grant_type'");
        if (!grantType.equals("client_credentials")) {
            throw new OAuthError(400, "unsupported_grant_type", "unsupported grant_type requested");
        }
        if (!app.isMachineToMachine()) {
            throw new OAuthError(400, "unauthorized_client", "requested grant type is not allowed for this client");
        }
        String resource = req.formValue(form, "resource");
        String organizationId = req.formValue(form, "organization_id");
        String scopeParam = req.formValue(form, "scope");
        Set<String> requested = scopeParam == null || scopeParam.isBlank()
                ? null
                : new LinkedHashSet<>(Arrays.asList(scopeParam.trim().split("\\s+")));

        String audience;
        String scope;
        String orgClaim = null;
        if (organizationId != null && !organizationId.isEmpty()) {
            if (!data.isAppMember(organizationId, app.id())) {
                throw new OAuthError(403, "access_denied", "app has not associated with the organization");
            }
            if (resource == null) {
                audience = TokenSigner.ORGANIZATION_URN_PREFIX + organizationId;
                scope = DevTokens.restrict(
                        data.appScopes(organizationId, app.id()).stream()
                                .map(OrganizationScope::name)
                                .toList(),
                        requested);
            } else {
                ApiResource res = data.resourceByIndicator(resource).orElseThrow(OidcRoutes::invalidTarget);
                audience = resource;
                orgClaim = organizationId;
                scope = DevTokens.restrict(
                        data.organizationResourceScopes(data.appRoles(organizationId, app.id()), res.id()).stream()
                                .map(ResourceScope::name)
                                .toList(),
                        requested);
            }
        } else if (TokenSigner.MANAGEMENT_RESOURCE.equals(resource)) {
            if (requested != null && !requested.stream().allMatch("all"::equals)) {
                throw new OAuthError(400, "invalid_scope", "requested scope is not allowed");
            }
            audience = resource;
            scope = app.managementApi() && requested != null ? "all" : "";
        } else if (resource != null && data.resourceByIndicator(resource).isPresent()) {
            audience = resource; // app-level roles are not simulated: such tokens carry no scopes
            scope = "";
        } else {
            throw invalidTarget();
        }
        boolean orgToken = audience.startsWith(TokenSigner.ORGANIZATION_URN_PREFIX);
        String jwt = signer.sign(app.id(), app.id(), audience, orgToken || !scope.isEmpty() ? scope : null, orgClaim);
        ObjectNode body = Json.object()
                .put("access_token", jwt)
                .put("expires_in", signer.ttlSeconds())
                .put("token_type", "Bearer");
        if (!scope.isEmpty()) body.put("scope", scope);
        return Response.ok(body).header("Cache-Control", "no-store");
    }

    private static OAuthError invalidTarget() {
        return new OAuthError(400, "invalid_target", "resource indicator is missing, or unknown");
    }

    /** client_secret_basic or client_secret_post, never both (node-oidc-provider token_auth). */
    private Application authenticateClient(Request req, List<Map.Entry<String, String>> form) {
        String authorization = req.header("authorization");
        String formId = req.formValue(form, "client_id");
        String formSecret = req.formValue(form, "client_secret");
        String id;
        String secret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (formId != null && formSecret != null) {
                throw new OAuthError(
                        400, "invalid_request", "client authentication must only be provided using one mechanism");
            }
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new OAuthError(400, "invalid_request", "invalid authorization header value format");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) throw new OAuthError(400, "invalid_request", "invalid authorization header value format");
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        } else if (formId != null) {
            id = formId;
            secret = formSecret;
        } else {
            throw new OAuthError(400, "invalid_request", "no client authentication mechanism provided");
        }
        Optional<Application> app = data.application(id);
        if (app.isEmpty()) throw new OAuthError(400, "invalid_client", "client is invalid");
        if (secret == null || !secret.equals(app.get().secret())) {
            throw new OAuthError(401, "invalid_client", "client authentication failed");
        }
        return app.get();
    }
}

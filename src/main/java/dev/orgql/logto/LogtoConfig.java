package dev.orgql.logto;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where Logto is and how the gateway signs in to its Management API. Environment variables:
 * {@code LOGTO_ENDPOINT}, {@code LOGTO_M2M_APP_ID}, {@code LOGTO_M2M_APP_SECRET},
 * {@code LOGTO_MANAGEMENT_RESOURCE}, {@code LOGTO_ISSUER}.
 */
@ConfigurationProperties("logto")
public class LogtoConfig {
    private String endpoint;
    private String m2mAppId;
    private String m2mAppSecret;
    private String managementResource = "https://default.logto.app/api";
    private String issuer;

    /** The base URL without a trailing slash. */
    public String getEndpoint() {
        return endpoint;
    }

    /** Kept without trailing slashes, once, since every Management API call reads it. */
    public void setEndpoint(String endpoint) {
        String trimmed = endpoint;
        while (trimmed != null && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        this.endpoint = trimmed;
    }

    public String getM2mAppId() {
        return m2mAppId;
    }

    public void setM2mAppId(String m2mAppId) {
        this.m2mAppId = m2mAppId;
    }

    public String getM2mAppSecret() {
        return m2mAppSecret;
    }

    public void setM2mAppSecret(String m2mAppSecret) {
        this.m2mAppSecret = m2mAppSecret;
    }

    public String getManagementResource() {
        return managementResource;
    }

    public void setManagementResource(String managementResource) {
        this.managementResource = managementResource;
    }

    /** The token issuer; Logto's is {@code {endpoint}/oidc} unless a custom domain changes it. */
    public String getIssuer() {
        return issuer == null || issuer.isBlank() ? getEndpoint() + "/oidc" : issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String jwksUri() {
        return getEndpoint() + "/oidc/jwks";
    }

    public String tokenUri() {
        return getEndpoint() + "/oidc/token";
    }
}

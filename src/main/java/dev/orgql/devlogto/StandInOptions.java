package dev.orgql.devlogto;

import java.time.Duration;

/**
 * Configuration of a {@link LogtoStandIn}. Start from {@link #defaults(String, String)} and use the
 * {@code with…} methods.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks a free one
 * @param m2mAppId           client id of the gateway's machine-to-machine app (gets the Management API {@code all} scope)
 * @param m2mAppSecret       its client secret
 * @param sampleData         seed the deterministic sample tenant ({@link SampleData}); false = empty tenant
 * @param flavor             which Logto version's response bodies to imitate where versions differ
 * @param emailConnector     false = invitation emails answer 501 {@code connector.not_found}
 * @param messageRateLimit   Logto's per-recipient limit: the 11th message within 600 s answers 429
 * @param tokenTtl           lifetime of every token minted or issued
 * @param seed               seed of the id generator
 * @param apiResource        the gateway's API resource indicator (registered with {@link SampleData#API_SCOPES}); may be null
 * @param devSpaAppId        client id put into developer user tokens (a SPA app that the sample data registers)
 */
public record StandInOptions(int port, String m2mAppId, String m2mAppSecret, boolean sampleData, Flavor flavor,
                             boolean emailConnector, boolean messageRateLimit, Duration tokenTtl, long seed,
                             String apiResource, String devSpaAppId) {

    /** Where Logto versions disagree. The gateway must cope with both; V1_37 is the default. */
    public enum Flavor {
        /** v1.37.1: relation POSTs answer 201 text {@code Created}; no {@code cimdClientId}. */
        V1_37,
        /** 1.41+ / main: {@code POST .../users} and {@code POST .../users/{id}/roles} answer JSON; users carry {@code cimdClientId}. */
        V1_42
    }

    public static final String DEV_SPA_APP_ID = "devspaapp000000000001";

    public static StandInOptions defaults(String m2mAppId, String m2mAppSecret) {
        return new StandInOptions(0, m2mAppId, m2mAppSecret, true, Flavor.V1_37, true, true, Duration.ofHours(1),
                20260101L, null, DEV_SPA_APP_ID);
    }

    public StandInOptions withPort(int p) {
        return new StandInOptions(p, m2mAppId, m2mAppSecret, sampleData, flavor, emailConnector, messageRateLimit, tokenTtl, seed, apiResource, devSpaAppId);
    }

    public StandInOptions withSampleData(boolean s) {
        return new StandInOptions(port, m2mAppId, m2mAppSecret, s, flavor, emailConnector, messageRateLimit, tokenTtl, seed, apiResource, devSpaAppId);
    }

    public StandInOptions withFlavor(Flavor f) {
        return new StandInOptions(port, m2mAppId, m2mAppSecret, sampleData, f, emailConnector, messageRateLimit, tokenTtl, seed, apiResource, devSpaAppId);
    }

    public StandInOptions withEmailConnector(boolean e) {
        return new StandInOptions(port, m2mAppId, m2mAppSecret, sampleData, flavor, e, messageRateLimit, tokenTtl, seed, apiResource, devSpaAppId);
    }

    public StandInOptions withMessageRateLimit(boolean r) {
        return new StandInOptions(port, m2mAppId, m2mAppSecret, sampleData, flavor, emailConnector, r, tokenTtl, seed, apiResource, devSpaAppId);
    }

    public StandInOptions withTokenTtl(Duration ttl) {
        return new StandInOptions(port, m2mAppId, m2mAppSecret, sampleData, flavor, emailConnector, messageRateLimit, ttl, seed, apiResource, devSpaAppId);
    }

    public StandInOptions withApiResource(String indicator) {
        return new StandInOptions(port, m2mAppId, m2mAppSecret, sampleData, flavor, emailConnector, messageRateLimit, tokenTtl, seed, indicator, devSpaAppId);
    }
}

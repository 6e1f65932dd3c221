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
public record StandInOptions(
        int port,
        String m2mAppId,
        String m2mAppSecret,
        boolean sampleData,
        Flavor flavor,
        boolean emailConnector,
        boolean messageRateLimit,
        Duration tokenTtl,
        long seed,
        String apiResource,
        String devSpaAppId) {

    /**
     * Which Logto release to imitate where releases disagree (every difference recorded in
     * /work/shared/logto/recorded, see its README "Differences between v1.37.1 and v1.42.0"). The gateway must be
     * right on all of them; {@link #NEWEST} is the default.
     */
    public enum Flavor {
        /**
         * v1.37.1: {@code organizationRoleId} on {@code GET /api/organizations/{id}/users} is ignored (every member
         * is listed); a role created with an unknown scope id answers 422 but the role stays, without scopes; the
         * relation POSTs {@code .../users} and {@code .../users/{id}/roles} answer 201 text {@code Created}.
         */
        V1_37("1.37.1"),
        /**
         * v1.42.0, the newest release: {@code organizationRoleId} filters (an unknown id gives {@code []}); role
         * creation is one transaction; the relation POSTs answer 201 JSON; device flow in the discovery document.
         */
        V1_42("1.42.0"),
        /** A main-branch build after 1.42.0 (the {@code v1.42-dev} recordings): as V1_42, and users carry {@code cimdClientId}. */
        V1_42_DEV("1.42-dev");

        public static final Flavor NEWEST = V1_42;

        private final String version;

        Flavor(String version) {
            this.version = version;
        }

        /** The Logto version this flavor imitates, as Logto numbers it ({@code 1.42.0}). */
        public String version() {
            return version;
        }

        /**
         * Parses a Logto version as dev mode's {@code orgql.dev.logto-version} takes it: {@code 1.37.1},
         * {@code 1.42.0} (a leading {@code v} is allowed), or {@code 1.42-dev}.
         */
        public static Flavor ofVersion(String version) {
            String v = version == null ? "" : version.trim();
            if (v.startsWith("v") || v.startsWith("V")) v = v.substring(1);
            for (Flavor f : values()) if (f.version.equals(v)) return f;
            throw new IllegalArgumentException("unsupported Logto version '" + version + "': use 1.37.1 or 1.42.0");
        }

        boolean filtersMembersByRole() {
            return this != V1_37;
        }

        boolean createsRoleInOneTransaction() {
            return this != V1_37;
        }

        boolean relationPostsAnswerJson() {
            return this != V1_37;
        }

        boolean hasDeviceFlow() {
            return this != V1_37;
        }

        boolean usersHaveCimdClientId() {
            return this == V1_42_DEV;
        }
    }

    public static final String DEV_SPA_APP_ID = "devspaapp000000000001";

    public static StandInOptions defaults(String m2mAppId, String m2mAppSecret) {
        return new StandInOptions(
                0,
                m2mAppId,
                m2mAppSecret,
                true,
                Flavor.NEWEST,
                true,
                true,
                Duration.ofHours(1),
                20260101L,
                null,
                DEV_SPA_APP_ID);
    }

    public StandInOptions withPort(int p) {
        return new StandInOptions(
                p,
                m2mAppId,
                m2mAppSecret,
                sampleData,
                flavor,
                emailConnector,
                messageRateLimit,
                tokenTtl,
                seed,
                apiResource,
                devSpaAppId);
    }

    public StandInOptions withSampleData(boolean s) {
        return new StandInOptions(
                port,
                m2mAppId,
                m2mAppSecret,
                s,
                flavor,
                emailConnector,
                messageRateLimit,
                tokenTtl,
                seed,
                apiResource,
                devSpaAppId);
    }

    public StandInOptions withFlavor(Flavor f) {
        return new StandInOptions(
                port,
                m2mAppId,
                m2mAppSecret,
                sampleData,
                f,
                emailConnector,
                messageRateLimit,
                tokenTtl,
                seed,
                apiResource,
                devSpaAppId);
    }

    public StandInOptions withEmailConnector(boolean e) {
        return new StandInOptions(
                port,
                m2mAppId,
                m2mAppSecret,
                sampleData,
                flavor,
                e,
                messageRateLimit,
                tokenTtl,
                seed,
                apiResource,
                devSpaAppId);
    }

    public StandInOptions withApiResource(String indicator) {
        return new StandInOptions(
                port,
                m2mAppId,
                m2mAppSecret,
                sampleData,
                flavor,
                emailConnector,
                messageRateLimit,
                tokenTtl,
                seed,
                indicator,
                devSpaAppId);
    }
}

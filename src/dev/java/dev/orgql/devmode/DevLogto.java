package dev.orgql.devmode;

import dev.orgql.devlogto.LogtoStandIn;
import dev.orgql.devlogto.SampleData;
import dev.orgql.devlogto.StandInOptions;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;
import jakarta.annotation.PreDestroy;
import java.util.List;

/**
 * Dev mode only: starts the embedded Logto stand-in eagerly ({@code @Context}, highest precedence) so it is
 * listening before any gateway bean calls Logto, and stops it on shutdown.
 *
 * <p>The gateway finds it through {@code logto.endpoint}, which application-dev.yml derives from
 * {@code orgql.dev.logto-port}. Because that property is read as configured, the port must be a real
 * number: dev mode uses 3001, and tests that want isolation pass an explicit free port
 * ({@code orgql.dev.logto-port=<free port>}). Port 0 works for the stand-in itself, but then
 * {@code logto.endpoint} must be overridden by the caller with {@link #endpoint()}'s value.
 */
@Context
@Order(Integer.MIN_VALUE)
@Requires(env = "dev")
public class DevLogto {
    static final List<String> ADMIN_API_SCOPES = SampleData.API_SCOPES;

    private final LogtoStandIn standIn;
    private final String apiResource;

    public DevLogto(
            @Value("${orgql.dev.logto-port:3001}") int port,
            @Value("${logto.m2m-app-id}") String m2mAppId,
            @Value("${logto.m2m-app-secret}") String m2mAppSecret,
            @Value("${orgql.api-resource}") String apiResource,
            @Value("${micronaut.server.port:8080}") int gatewayPort,
            @Value("${orgql.dev.logto-version:1.42.0}") String logtoVersion) {
        this.apiResource = apiResource;
        this.standIn = start(
                StandInOptions.defaults(m2mAppId, m2mAppSecret)
                        .withPort(port)
                        .withApiResource(apiResource)
                        .withFlavor(flavor(logtoVersion)),
                port);
        // Straight to the console, not through the log: the banner's whole point is its tokens, and the log
        // refuses any line with a token in it (ops.SecretLogFilter), whatever the environment.
        System.out.println(banner(gatewayPort));
    }

    private static LogtoStandIn start(StandInOptions options, int port) {
        try {
            return LogtoStandIn.start(options);
        } catch (IllegalStateException e) {
            // Most often the port is taken (3001 is also Logto's own and a common dev-server port).
            String message = "The dev-mode Logto stand-in cannot listen on 127.0.0.1:" + port + " (" + rootMessage(e)
                    + "). Choose another port with ORGQL_DEV_LOGTO_PORT, for example: ORGQL_DEV_LOGTO_PORT=3011 "
                    + "./mvnw mn:run -Dmicronaut.environments=dev";
            System.err.println(System.lineSeparator() + message + System.lineSeparator());
            throw new ConfigurationException(message, e);
        }
    }

    /** The supported Logto versions, by the name users configure (orgql.dev.logto-version / ORGQL_DEV_LOGTO_VERSION). */
    static StandInOptions.Flavor flavor(String version) {
        try {
            StandInOptions.Flavor flavor = StandInOptions.Flavor.ofVersion(version);
            if (flavor == StandInOptions.Flavor.V1_42_DEV) throw new IllegalArgumentException("not a release");
            return flavor;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("orgql.dev.logto-version (ORGQL_DEV_LOGTO_VERSION) is '" + version
                    + "': the dev-mode Logto stand-in imitates 1.37.1 or 1.42.0");
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public LogtoStandIn standIn() {
        return standIn;
    }

    public String endpoint() {
        return standIn.baseUrl();
    }

    public String apiResource() {
        return apiResource;
    }

    /** A user token for the gateway's API; the sample admin also gets the template and create scopes. */
    public String userToken(String userId) {
        List<String> scopes = SampleData.ADMIN_USER_ID.equals(userId) ? ADMIN_API_SCOPES : List.of();
        return standIn.tokens().userToken(userId, apiResource, scopes);
    }

    @PreDestroy
    void stop() {
        standIn.close();
    }

    private String banner(int gatewayPort) {
        String gateway = "http://localhost:" + (gatewayPort > 0 ? gatewayPort : 8080);
        String admin = SampleData.ADMIN_USER_ID;
        String userToken = userToken(admin);
        String orgToken = standIn.tokens().organizationToken(admin, SampleData.ACME_ORG_ID);
        return String.join(
                System.lineSeparator(),
                "",
                "==================================================================================",
                " orgql DEV MODE: NOT FOR PRODUCTION",
                " Logto stand-in: " + standIn.baseUrl() + "  (embedded fake of Logto "
                        + standIn.options().flavor().version()
                        + ", data is in memory and lost on exit; ORGQL_DEV_LOGTO_VERSION=1.37.1 or 1.42.0)",
                " Tokens below are for development only, signed by a throwaway key, valid "
                        + standIn.tokens().ttlSeconds() + " s.",
                " User token for Ada Admin (" + admin + ", scopes " + String.join(" ", ADMIN_API_SCOPES) + "):",
                "   " + userToken,
                " Organization token for Ada Admin in Acme Corp (" + SampleData.ACME_ORG_ID + "):",
                "   " + orgToken,
                " GraphiQL as Ada:  " + gateway + "/graphiql?token=" + userToken,
                " All sample users and tokens: " + gateway + "/dev/tokens  (JSON: /dev/tokens.json?user=<id>)",
                "==================================================================================");
    }
}

package dev.orgql;

import dev.orgql.auth.AuthConfig;
import dev.orgql.logto.LogtoConfig;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Order;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start with missing or malformed configuration, with one line naming the variable, rather
 * than failing on the first request.
 */
@Context
@Order(Integer.MIN_VALUE) // before every other eager bean, whose own failures would be less clear
class StartupChecks {
    private static final String DEV_MODE_COMMAND = "./mvnw mn:run -Dmicronaut.environments=dev "
            + "(or ./mvnw package -DskipTests -Dmicronaut.environments=dev, then "
            + "MICRONAUT_ENVIRONMENTS=dev java -jar target/dev/orgql-dev.jar)";

    StartupChecks(LogtoConfig logto, AuthConfig auth, Environment environment) {
        List<String> problems = new ArrayList<>();
        boolean dev = environment.getActiveNames().contains("dev");
        if (blank(logto.getEndpoint()) && dev) {
            // application-dev.yml sets the endpoint, so it is missing: this is the production jar, which
            // holds neither the stand-in nor its configuration.
            problems.add("dev mode is not part of this build (orgql.jar is the production jar): start dev mode with "
                    + DEV_MODE_COMMAND + ", or give LOGTO_ENDPOINT and run without the dev environment");
        } else if (blank(logto.getEndpoint())) {
            problems.add(
                    "LOGTO_ENDPOINT is not set: give the Logto base URL (for example https://your-tenant.logto.app), "
                            + "or start dev mode with an embedded Logto stand-in: " + DEV_MODE_COMMAND);
        } else if (!isHttpUrl(logto.getEndpoint())) {
            problems.add("LOGTO_ENDPOINT must be an http(s) URL, not '" + logto.getEndpoint() + "'");
        }
        if (blank(logto.getM2mAppId())) {
            problems.add("LOGTO_M2M_APP_ID is not set: the id of a machine-to-machine app with Management API access");
        }
        if (blank(logto.getM2mAppSecret())) {
            problems.add("LOGTO_M2M_APP_SECRET is not set: the secret of that machine-to-machine app");
        }
        if (blank(logto.getManagementResource()) || !isHttpUrl(logto.getManagementResource())) {
            problems.add("LOGTO_MANAGEMENT_RESOURCE must be an http(s) URL such as https://default.logto.app/api");
        }
        if (!blank(logto.getEndpoint()) && !isHttpUrl(logto.getIssuer())) {
            problems.add("LOGTO_ISSUER must be an http(s) URL such as https://your-tenant.logto.app/oidc");
        }
        if (blank(auth.getApiResource())) {
            problems.add(
                    "ORGQL_API_RESOURCE is not set: the API resource indicator this gateway is registered as in Logto");
        }
        try {
            auth.policy();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            // Said plainly first, one line a problem, before Micronaut's own report and stack trace.
            System.err.println(System.lineSeparator() + "orgql cannot start" + (dev ? " (dev mode)" : "") + ":");
            problems.forEach(problem -> System.err.println("  - " + problem));
            System.err.println();
            throw new ConfigurationException(
                    "orgql cannot start" + (dev ? " (dev mode)" : "") + ": " + String.join("; ", problems));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

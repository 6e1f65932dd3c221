package dev.orgql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Missing or malformed configuration stops start-up, naming the variable and how to fix it. */
class StartupChecksTest {
    private static Map<String, Object> valid() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("logto.endpoint", "http://127.0.0.1:3001");
        properties.put("logto.m2m-app-id", "app");
        properties.put("logto.m2m-app-secret", "secret");
        properties.put("orgql.api-resource", "https://api.example.com");
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    @Test
    void validConfigurationStarts() {
        try (ApplicationContext context = ApplicationContext.run(valid())) {
            assertThat(context.isRunning()).isTrue();
        }
    }

    @Test
    void missingEndpointSaysHowToStartDevMode() {
        Map<String, Object> properties = valid();
        properties.put("logto.endpoint", "");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("LOGTO_ENDPOINT is not set")
                .hasStackTraceContaining("-Dmicronaut.environments=dev");
    }

    @Test
    void malformedValuesAreNamed() {
        Map<String, Object> properties = valid();
        properties.put("logto.endpoint", "ftp://logto");
        properties.put("orgql.scope-policy", "sometimes");
        properties.put("orgql.api-resource", "");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("LOGTO_ENDPOINT must be an http(s) URL")
                .hasStackTraceContaining("ORGQL_SCOPE_POLICY")
                .hasStackTraceContaining("ORGQL_API_RESOURCE is not set");
    }
}

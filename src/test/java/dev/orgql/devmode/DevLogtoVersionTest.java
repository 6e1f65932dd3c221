package dev.orgql.devmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orgql.devlogto.StandInOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** orgql.dev.logto-version chooses which Logto release the dev-mode stand-in imitates; the default is the newest. */
class DevLogtoVersionTest {

    @Test
    void defaultIsTheNewestAndTheSettingChoosesTheOther() throws Exception {
        assertEquals(StandInOptions.Flavor.V1_42, flavorOf(null));
        assertEquals(StandInOptions.Flavor.V1_37, flavorOf("1.37.1"));
    }

    @Test
    void anUnsupportedVersionIsAConfigurationErrorNamingTheSupportedOnes() {
        assertEquals(StandInOptions.Flavor.V1_42, DevLogto.flavor("1.42.0"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> DevLogto.flavor("1.40.0"));
        assertTrue(e.getMessage().contains("1.37.1 or 1.42.0"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> DevLogto.flavor("1.42-dev"));
    }

    private static StandInOptions.Flavor flavorOf(String version) throws Exception {
        int logtoPort;
        try (ServerSocket s = new ServerSocket(0)) {
            logtoPort = s.getLocalPort();
        }
        Map<String, Object> properties = new HashMap<>(Map.of(
                "orgql.dev.logto-port", logtoPort, "micronaut.server.port", -1, "micronaut.security.enabled", false));
        if (version != null) properties.put("orgql.dev.logto-version", version);
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, "dev")) {
            return server.getApplicationContext()
                    .getBean(DevLogto.class)
                    .standIn()
                    .options()
                    .flavor();
        }
    }
}

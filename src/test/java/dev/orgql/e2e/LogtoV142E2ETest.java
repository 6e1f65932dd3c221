package dev.orgql.e2e;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link LogtoVersionsE2E} against the stand-in imitating Logto 1.42.0. */
@MicronautTest(environments = "dev")
class LogtoV142E2ETest extends LogtoVersionsE2E {
    @Override
    String logtoVersion() {
        return "1.42.0";
    }
}

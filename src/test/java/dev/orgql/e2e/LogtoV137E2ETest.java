package dev.orgql.e2e;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** {@link LogtoVersionsE2E} against the stand-in imitating Logto 1.37.1. */
@MicronautTest(environments = "dev")
class LogtoV137E2ETest extends LogtoVersionsE2E {
    @Override
    String logtoVersion() {
        return "1.37.1";
    }
}

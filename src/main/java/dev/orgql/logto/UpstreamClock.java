package dev.orgql.logto;

import jakarta.inject.Singleton;
import java.time.Instant;

/** The time the gateway's token lifetimes and backoffs go by: a bean so tests can move it forward. */
@Singleton
public class UpstreamClock {
    public Instant now() {
        return Instant.now();
    }
}

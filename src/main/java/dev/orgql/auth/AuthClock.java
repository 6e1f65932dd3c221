package dev.orgql.auth;

import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * The time token checks and the JWKS rate limit go by. A bean of its own so that tests can move time
 * forward instead of waiting for it.
 */
@Singleton
public class AuthClock {
    public Instant now() {
        return Instant.now();
    }
}

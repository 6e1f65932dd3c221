package dev.orgql.ops;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The {@code orgql.health.*} settings of the readiness checks. */
@ConfigurationProperties("orgql.health")
public class HealthConfig {
    private Duration logtoProbeCache = Duration.ofSeconds(5);
    private Duration jwksMaxAge = Duration.ofMinutes(15);

    /** How long one Management API probe answers readiness, so probes (every pod, every few seconds) do not load Logto. */
    public Duration getLogtoProbeCache() {
        return logtoProbeCache;
    }

    public void setLogtoProbeCache(Duration logtoProbeCache) {
        this.logtoProbeCache = logtoProbeCache;
    }

    /** Keys fetched longer ago than this are fetched again by the readiness check; a failed fetch then means not ready. */
    public Duration getJwksMaxAge() {
        return jwksMaxAge;
    }

    public void setJwksMaxAge(Duration jwksMaxAge) {
        this.jwksMaxAge = jwksMaxAge;
    }
}

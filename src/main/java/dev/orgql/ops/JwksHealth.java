package dev.orgql.ops;

import dev.orgql.auth.AuthClock;
import dev.orgql.auth.JwksKeyStore;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Ready only with Logto's signing keys held and fetched within {@code orgql.health.jwks-max-age}:
 * without them no token can be checked. Older keys are fetched again through the key store, so its
 * rate limit ({@code orgql.jwks-min-refresh-interval}) also bounds what probes cost Logto.
 */
@Singleton
@Readiness
public class JwksHealth implements HealthIndicator {
    static final String NAME = "logtoJwks";

    private final JwksKeyStore keys;
    private final HealthConfig config;
    private final AuthClock clock;
    private final CheckTransitions transitions = new CheckTransitions(NAME);

    JwksHealth(JwksKeyStore keys, HealthConfig config, AuthClock clock) {
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromFuture(() -> keys.fetchedWithin(config.getJwksMaxAge()).thenApply(fetched -> {
            boolean fresh =
                    fetched != null && !fetched.plus(config.getJwksMaxAge()).isBefore(clock.now());
            HealthStatus status = fresh ? HealthStatus.UP : HealthStatus.DOWN;
            HealthResult.Builder result = HealthResult.builder(NAME, status);
            if (fresh) {
                transitions.record(status, null);
                return result.details(Map.of("fetchedAt", fetched.toString())).build();
            }
            String problem = fetched == null
                    ? "Logto's JWKS has not been fetched yet"
                    : "Logto's JWKS was last fetched at " + fetched + ", longer ago than " + config.getJwksMaxAge();
            transitions.record(status, problem);
            return result.details(Map.of("error", problem)).build();
        }));
    }
}

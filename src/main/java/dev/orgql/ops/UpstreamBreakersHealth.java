package dev.orgql.ops;

import dev.orgql.logto.UpstreamBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Not ready while a circuit breaker in front of Logto is open (the Management API, the token endpoint
 * or the JWKS): the gateway is then failing fast instead of calling it, so a load balancer had better
 * send the traffic elsewhere. Half-open counts as ready: its probes need traffic to close it again.
 * Costs no call of its own.
 */
@Singleton
@Readiness
public class UpstreamBreakersHealth implements HealthIndicator {
    static final String NAME = "upstreamBreakers";

    private final UpstreamBreakers breakers;
    private final CheckTransitions transitions = new CheckTransitions(NAME);

    UpstreamBreakersHealth(UpstreamBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, String> states = new TreeMap<>();
        breakers.all()
                .forEach((name, breaker) -> states.put(name, breaker.getState().name()));
        List<String> open = breakers.all().entrySet().stream()
                .filter(entry -> isOpen(entry.getValue()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        HealthStatus status = open.isEmpty() ? HealthStatus.UP : HealthStatus.DOWN;
        transitions.record(status, "circuit breaker open: " + String.join(", ", open));
        return Mono.just(HealthResult.builder(NAME, status).details(states).build());
    }

    private static boolean isOpen(CircuitBreaker breaker) {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }
}

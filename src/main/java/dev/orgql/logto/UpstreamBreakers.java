package dev.orgql.logto;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per upstream: the Management API, the token endpoint and the JWKS. Only real
 * upstream failures count against a breaker ({@link UpstreamFailure#ERROR}, {@link UpstreamFailure#TIMEOUT}:
 * 5xx, resets, no answer in time); a 4xx about the request counts as an answer, a 429, a full queue or
 * a request that ended do not count at all. While a breaker is open, calls fail at once with
 * {@link UpstreamFailure#UNAVAILABLE} and nothing is sent; after {@code orgql.upstream.breaker.wait-in-open}
 * it lets a few probes through. The states are what readiness reports (ops.UpstreamBreakersHealth).
 */
@Singleton
public class UpstreamBreakers {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamBreakers.class);

    public static final String MANAGEMENT_API = "logtoManagementApi";
    public static final String TOKEN_ENDPOINT = "logtoTokenEndpoint";
    public static final String JWKS = "logtoJwks";

    private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
    private final Map<String, Long> openedAtNanos = new ConcurrentHashMap<>();
    private final Duration waitInOpen;

    UpstreamBreakers(UpstreamSettings.Breaker settings, Telemetry telemetry) {
        this.waitInOpen = settings.getWaitInOpen();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.getSlidingWindow())
                .minimumNumberOfCalls(settings.getMinimumCalls())
                .failureRateThreshold(settings.getFailureRateThreshold())
                .waitDurationInOpenState(settings.getWaitInOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.getHalfOpenCalls())
                .recordException(UpstreamBreakers::isUpstreamFailure)
                .ignoreException(UpstreamBreakers::isIgnored)
                .writableStackTraceEnabled(false)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        for (String name : new String[] {MANAGEMENT_API, TOKEN_ENDPOINT, JWKS}) {
            CircuitBreaker breaker = registry.circuitBreaker(name);
            breaker.getEventPublisher().onStateTransition(event -> {
                CircuitBreaker.State to = event.getStateTransition().getToState();
                if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                    openedAtNanos.put(name, System.nanoTime());
                    LOG.warn("Circuit breaker {} is open: calls fail at once for {} ms", name, waitInOpen.toMillis());
                } else {
                    openedAtNanos.remove(name);
                    LOG.info("Circuit breaker {} is {}", name, to);
                }
            });
            breakers.put(name, breaker);
        }
        // resilience4j_circuitbreaker_state{name=...}, _calls, _failure_rate, _not_permitted_calls.
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(telemetry.registry());
    }

    public CircuitBreaker managementApi() {
        return breakers.get(MANAGEMENT_API);
    }

    public CircuitBreaker tokenEndpoint() {
        return breakers.get(TOKEN_ENDPOINT);
    }

    public CircuitBreaker jwks() {
        return breakers.get(JWKS);
    }

    /** Every breaker by name, for readiness and metrics. */
    public Map<String, CircuitBreaker> all() {
        return Map.copyOf(breakers);
    }

    /** The failure a call refused by an open breaker fails with: retry when it turns half-open. */
    LogtoException unavailable(CircuitBreaker breaker, String what) {
        Long opened = openedAtNanos.get(breaker.getName());
        Duration left = opened == null ? waitInOpen : waitInOpen.minusNanos(System.nanoTime() - opened);
        if (left.isNegative() || left.isZero()) {
            // Due for half-open, but its probes are all out: try again shortly.
            left = Duration.ofSeconds(1);
        }
        return new LogtoException(
                UpstreamFailure.UNAVAILABLE,
                "Logto (" + what + ") is failing; the gateway stopped calling it for now (circuit breaker "
                        + breaker.getName() + " is open)",
                left,
                null);
    }

    static boolean isUpstreamFailure(Throwable error) {
        return error instanceof LogtoException e
                && !e.beforeLogto()
                && (e.failure() == UpstreamFailure.ERROR || e.failure() == UpstreamFailure.TIMEOUT);
    }

    private static boolean isIgnored(Throwable error) {
        if (UpstreamBudget.cancelled(error)) {
            return true;
        }
        return error instanceof LogtoException e
                && (e.beforeLogto()
                        || e.failure() == UpstreamFailure.RATE_LIMITED
                        || e.failure() == UpstreamFailure.BUSY
                        || e.failure() == UpstreamFailure.UNAVAILABLE);
    }
}

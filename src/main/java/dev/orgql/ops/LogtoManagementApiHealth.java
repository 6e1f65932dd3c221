package dev.orgql.ops;

import dev.orgql.auth.AuthClock;
import dev.orgql.logto.LogtoClient;
import dev.orgql.logto.LogtoError;
import dev.orgql.logto.LogtoErrors;
import dev.orgql.logto.LogtoException;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Ready only if Logto's Management API answers the gateway's own token: one read of an organization
 * id that cannot exist (ids are 12 lowercase letters and digits). Logto's 404
 * {@code entity.not_exists_with_id} proves the machine-to-machine token was fetched and accepted, costs
 * Logto one indexed lookup and returns no data. Any other answer (401/403 after the client's token
 * refresh, 5xx, a closed connection, a timeout, a 404 without Logto's code from something that is not
 * Logto) means not ready. One probe answers for {@code orgql.health.logto-probe-cache}; concurrent
 * probes share the one in flight.
 */
@Singleton
@Readiness
public class LogtoManagementApiHealth implements HealthIndicator {
    static final String NAME = "logtoManagementApi";
    /** Not an id Logto generates (too long, has dashes), yet a valid path segment for LogtoPath. */
    static final String PROBE_ID = "orgql-readiness-probe";

    private final LogtoClient logto;
    private final HealthConfig config;
    private final AuthClock clock;

    /** Guarded by {@code this}. */
    private CompletableFuture<HealthResult> last;

    private Instant lastStarted;
    private final CheckTransitions transitions = new CheckTransitions(NAME);

    LogtoManagementApiHealth(LogtoClient logto, HealthConfig config, AuthClock clock) {
        this.logto = logto;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromFuture(current()::copy);
    }

    private synchronized CompletableFuture<HealthResult> current() {
        Instant now = clock.now();
        boolean fresh = last != null && (!last.isDone() || now.isBefore(lastStarted.plus(config.getLogtoProbeCache())));
        if (!fresh) {
            lastStarted = now;
            last = probe();
        }
        return last;
    }

    private CompletableFuture<HealthResult> probe() {
        return logto.fresh().getOrganization(PROBE_ID).handle((organization, error) -> {
            Throwable cause = error == null ? null : LogtoErrors.unwrapAny(error);
            if (cause instanceof LogtoException e && e.status() == 404 && e.is(LogtoError.ENTITY_NOT_EXISTS_WITH_ID)) {
                return report(HealthStatus.UP, null);
            }
            if (cause == null) {
                // Logto would never hold this id; the answer still came with the token accepted.
                return report(HealthStatus.UP, null);
            }
            return report(HealthStatus.DOWN, describe(cause));
        });
    }

    private HealthResult report(HealthStatus status, String problem) {
        transitions.record(status, problem);
        HealthResult.Builder result = HealthResult.builder(NAME, status);
        return problem == null
                ? result.build()
                : result.details(Map.of("error", problem)).build();
    }

    private static String describe(Throwable error) {
        if (error instanceof LogtoException e) {
            return e.status() > 0
                    ? "Management API answered HTTP " + e.status() + (e.code() != null ? " " + e.code() : "")
                    : "Management API unreachable: " + e.getMessage();
        }
        return "Management API unreachable: " + error.getClass().getSimpleName();
    }
}

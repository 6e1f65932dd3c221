package dev.orgql.ops;

import io.micronaut.health.HealthStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last status of one readiness check, so that a change is logged once (DOWN with its reason, UP
 * again) instead of at every probe.
 */
final class CheckTransitions {
    private static final Logger LOG = LoggerFactory.getLogger(CheckTransitions.class);

    private final String name;
    private volatile HealthStatus last = HealthStatus.UNKNOWN;

    CheckTransitions(String name) {
        this.name = name;
    }

    void record(HealthStatus status, String problem) {
        HealthStatus before = last;
        last = status;
        if (status == HealthStatus.DOWN && before != HealthStatus.DOWN) {
            LOG.warn("Readiness check {} is DOWN: {}", name, problem);
        } else if (status == HealthStatus.UP && before == HealthStatus.DOWN) {
            LOG.info("Readiness check {} is UP again", name);
        }
    }
}

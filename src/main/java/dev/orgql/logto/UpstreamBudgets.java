package dev.orgql.logto;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Opens each GraphQL request's {@link UpstreamBudget}, of {@code orgql.request-deadline}. */
@Singleton
public class UpstreamBudgets {
    private final Duration deadline;

    UpstreamBudgets(@Value("${orgql.request-deadline:10s}") Duration deadline) {
        this.deadline = deadline;
    }

    public UpstreamBudget open() {
        return UpstreamBudget.of(deadline);
    }

    public Duration deadline() {
        return deadline;
    }
}

package dev.orgql.graphql;

import dev.orgql.access.AccessDecider;
import dev.orgql.access.AccessRules;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an organization's list reads (members, bots, invitations, and the template their roles need)
 * at the same time as the organization itself, so a dashboard costs two round trips to Logto instead of
 * three. Only reads the caller is already known to be allowed (by the field's access rule, on scopes
 * already at hand) are started; access is still decided when each field resolves, and a prefetched read
 * that is never used is dropped.
 */
@Singleton
public class Prefetcher {
    private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);
    private static final String ORGANIZATION = "Organization";

    private final Map<String, OrganizationPrefetch> byField;
    private final OrganizationScopeLookup scopes;
    private final AccessRules rules;
    private final AccessDecider decider;

    Prefetcher(
            List<OrganizationPrefetch> prefetches,
            OrganizationScopeLookup scopes,
            AccessRules rules,
            AccessDecider decider) {
        this.byField = prefetches.stream().collect(Collectors.toMap(OrganizationPrefetch::field, Function.identity()));
        this.scopes = scopes;
        this.rules = rules;
        this.decider = decider;
    }

    /** Called by the fetcher of a field returning one {@code Organization}, before it loads it. */
    public void start(DataFetchingEnvironment env, String organizationId) {
        CompletableFuture<Set<String>> known = scopes.in(env, organizationId);
        if (!known.isDone() || known.isCompletedExceptionally()) {
            return;
        }
        Set<String> held = known.join();
        RequestContext context = RequestContext.of(env);
        for (SelectedField selected : env.getSelectionSet().getImmediateFields()) {
            OrganizationPrefetch prefetch = byField.get(selected.getName());
            if (prefetch != null && allowed(selected.getName(), held)) {
                try {
                    prefetch.prefetch(organizationId, selected, context);
                } catch (RuntimeException e) {
                    // The field reports the same problem (for example a bad argument) when it resolves.
                    LOG.debug("Not prefetching {}: {}", selected.getName(), e.getMessage());
                }
            }
        }
    }

    private boolean allowed(String field, Set<String> held) {
        return rules.of(ORGANIZATION, field)
                .map(rule -> decider.granted(rule, held))
                .orElse(true);
    }
}

package dev.orgql.graphql;

import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.OrganizationPermission;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.SelectedField;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts an organization's list reads (members, bots, invitations, and the template their roles need)
 * at the same time as the organization itself, so a dashboard costs two round trips to Logto instead of
 * three. Only reads the caller is already known to be allowed are started; access is still decided by
 * the scope directive when each field resolves, and a prefetched read that is never used is dropped.
 */
@Singleton
public class Prefetcher {
    private static final Logger LOG = LoggerFactory.getLogger(Prefetcher.class);

    private final Map<String, OrganizationPrefetch> byField;
    private final CallerScopes scopes;
    private final AuthConfig config;

    Prefetcher(List<OrganizationPrefetch> prefetches, CallerScopes scopes, AuthConfig config) {
        this.byField = prefetches.stream().collect(Collectors.toMap(OrganizationPrefetch::field, Function.identity()));
        this.scopes = scopes;
        this.config = config;
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
            if (prefetch != null && allowed(selected.getFieldDefinitions().get(0), held)) {
                try {
                    prefetch.prefetch(organizationId, selected, context);
                } catch (RuntimeException e) {
                    // The field reports the same problem (for example a bad argument) when it resolves.
                    LOG.debug("Not prefetching {}: {}", selected.getName(), e.getMessage());
                }
            }
        }
    }

    private boolean allowed(GraphQLFieldDefinition field, Set<String> held) {
        GraphQLAppliedDirective directive = field.getAppliedDirective(RequiresScopeWiring.DIRECTIVE);
        if (directive == null || directive.getArgument("permissions") == null
                || !(directive.getArgument("permissions").getValue() instanceof Collection<?> names)) {
            return true;
        }
        return names.stream().allMatch(name -> held.contains(config.scopeFor(OrganizationPermission.valueOf(String.valueOf(name)))));
    }
}

package dev.orgql.graphql;

import dev.orgql.access.AccessDecider;
import dev.orgql.access.AccessRules;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    private final PerDocument<List<PrefetchSelection>> selections = new PerDocument<>();

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
        List<PrefetchSelection> selected = selections.get(
                env.getDocument(),
                env.getOperationDefinition().getName(),
                env.getVariables(),
                env.getExecutionStepInfo().getPath().getKeysOnly(),
                () -> selections(env));
        for (PrefetchSelection selection : selected) {
            if (allowed(selection.field(), held)) {
                try {
                    byField.get(selection.field()).prefetch(organizationId, selection, context);
                } catch (RuntimeException e) {
                    // The field reports the same problem (for example a bad argument) when it resolves.
                    LOG.debug("Not prefetching {}: {}", selection.field(), e.getMessage());
                }
            }
        }
    }

    /**
     * The selected fields under the organization that have a prefetch. A function of the document and the
     * variables, kept per document ({@link PerDocument}): listing the selection builds graphql-java's
     * normalized form of the whole operation, a measurable part of a repeated dashboard.
     */
    private List<PrefetchSelection> selections(DataFetchingEnvironment env) {
        List<PrefetchSelection> found = new ArrayList<>();
        for (SelectedField selected : env.getSelectionSet().getImmediateFields()) {
            if (!byField.containsKey(selected.getName())) {
                continue;
            }
            Map<String, Object> arguments;
            try {
                arguments = Inputs.rawIds(selected);
            } catch (RuntimeException e) {
                LOG.debug("Not prefetching {}: {}", selected.getName(), e.getMessage());
                continue;
            }
            Set<String> direct = new HashSet<>();
            selected.getSelectionSet().getImmediateFields().forEach(field -> direct.add(field.getName()));
            Set<String> beneath = new HashSet<>();
            selected.getSelectionSet().getFields().forEach(field -> beneath.add(field.getName()));
            found.add(new PrefetchSelection(
                    selected.getName(),
                    Collections.unmodifiableMap(new LinkedHashMap<>(arguments)),
                    Set.copyOf(direct),
                    Set.copyOf(beneath)));
        }
        return List.copyOf(found);
    }

    private boolean allowed(String field, Set<String> held) {
        return rules.of(ORGANIZATION, field)
                .map(rule -> decider.granted(rule, held))
                .orElse(true);
    }
}

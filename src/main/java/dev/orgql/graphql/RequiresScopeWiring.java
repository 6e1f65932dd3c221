package dev.orgql.graphql;

import dev.orgql.access.AccessDecider;
import dev.orgql.access.AccessDecision;
import dev.orgql.access.AccessFacts;
import dev.orgql.access.AccessPolicy;
import dev.orgql.access.AccessRule;
import dev.orgql.access.AccessRules;
import dev.orgql.access.ResourceLookup;
import dev.orgql.auth.Caller;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.idl.SchemaDirectiveWiring;
import graphql.schema.idl.SchemaDirectiveWiringEnvironment;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The one place where access is enforced. Every field carrying {@code @requiresScope} gets its data
 * fetcher wrapped: the field's {@link AccessRule} (read at start-up by {@link RequiresScopeDirective})
 * is decided by {@link AccessDecider} before the real fetcher runs, and this class only looks up what
 * the decision asks for (the resource and its policy, the caller's scopes in an organization) through
 * the request's loaders. Fetchers themselves never check access.
 */
@Singleton
public class RequiresScopeWiring implements SchemaDirectiveWiring {
    private final AccessRules rules;
    private final AccessDecider decider;
    private final OrganizationScopeLookup scopes;
    private final Map<String, ResourceLookup> lookups;
    private final Map<String, AccessPolicy> policies;

    RequiresScopeWiring(
            AccessRules rules,
            AccessDecider decider,
            OrganizationScopeLookup scopes,
            List<ResourceLookup> lookups,
            List<AccessPolicy> policies) {
        this.rules = rules;
        this.decider = decider;
        this.scopes = scopes;
        this.lookups = lookups.stream().collect(Collectors.toMap(ResourceLookup::kind, Function.identity()));
        this.policies = policies.stream().collect(Collectors.toMap(AccessPolicy::name, Function.identity()));
    }

    @Override
    public GraphQLFieldDefinition onField(SchemaDirectiveWiringEnvironment<GraphQLFieldDefinition> env) {
        GraphQLFieldDefinition field = env.getElement();
        GraphQLFieldsContainer parent = env.getFieldsContainer();
        AccessRule rule = rules.of(parent.getName(), field.getName())
                .orElseThrow(() -> new IllegalStateException(
                        "No access rule read for " + parent.getName() + "." + field.getName()));
        DataFetcher<?> original =
                env.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(parent, field), field);
        env.getCodeRegistry().dataFetcher(FieldCoordinates.coordinates(parent, field), (DataFetcher<Object>)
                fetchEnv -> decide(rule, fetchEnv, original, initialFacts(rule, fetchEnv)));
        return field;
    }

    /**
     * Refetching an object by its global id ({@link NodeQueries}): decides the rule of the object's
     * normal path ({@code Organization.members} for a member) as if the object were read there, with
     * the organization (the id's first part) or the resource (its last part) taken from the id, then runs
     * {@code next}. The same decision, messages and look-ups as the path itself.
     */
    Object guard(String path, DataFetchingEnvironment env, List<String> parts, DataFetcher<?> next) throws Exception {
        int dot = path.indexOf('.');
        AccessRule rule = rules.of(path.substring(0, dot), path.substring(dot + 1))
                .orElseThrow(() -> new IllegalStateException("No access rule for " + path));
        AccessFacts facts = switch (rule.subject().kind()) {
            case NONE -> AccessFacts.forOrganization(null);
            case RESOURCE -> AccessFacts.forResource(parts.get(parts.size() - 1));
            case PARENT, ORGANIZATION_ARGUMENT -> AccessFacts.forOrganization(parts.get(0));
        };
        return decide(rule, env, next, facts);
    }

    /** Decides on what is known; when the decision asks for more, looks it up and decides again. */
    private Object decide(AccessRule rule, DataFetchingEnvironment env, DataFetcher<?> next, AccessFacts facts)
            throws Exception {
        Caller caller = RequestContext.of(env).caller();
        AccessDecision decision = decider.decide(rule, caller, facts);
        if (decision instanceof AccessDecision.Allowed) {
            return next.get(env);
        }
        if (decision instanceof AccessDecision.Denied denied) {
            return GatewayErrors.fail(
                    env, ErrorCode.valueOf(denied.code().name()), denied.message(), denied.extensions());
        }
        if (decision instanceof AccessDecision.LoadScopes load) {
            CompletableFuture<Set<String>> held = scopes.in(env, load.organizationId());
            if (held.isDone() && !held.isCompletedExceptionally()) {
                // Decided from the token alone: no need to defer the real fetcher.
                return decide(rule, env, next, facts.withScopes(held.join()));
            }
            return held.thenCompose(granted -> run(() -> decide(rule, env, next, facts.withScopes(granted))));
        }
        AccessDecision.LoadResource load = (AccessDecision.LoadResource) decision;
        CompletableFuture<ResourceLookup.Resource> resource =
                lookups.get(load.kind()).find(load.id(), env::getDataLoader);
        // What the policy needs about the caller is read alongside the resource, not after it: one round
        // trip, and the same calls whether the resource exists or not.
        CompletableFuture<Predicate<Object>> policy = rule.policy() == null
                ? CompletableFuture.completedFuture(value -> false)
                : policies.get(rule.policy()).prepare(caller, env::getDataLoader);
        return resource.thenCombine(
                        policy,
                        (found, admits) -> found == null
                                ? facts.withoutResource()
                                : facts.withResource(found.organizationId(), admits.test(found.value())))
                .thenCompose(known -> run(() -> decide(rule, env, next, known)));
    }

    private static AccessFacts initialFacts(AccessRule rule, DataFetchingEnvironment env) {
        return switch (rule.subject().kind()) {
            case NONE -> AccessFacts.forOrganization(null);
            case RESOURCE ->
                AccessFacts.forResource(argument(env, rule.subject().argument()));
            case ORGANIZATION_ARGUMENT ->
                AccessFacts.forOrganization(argument(env, rule.subject().argument()));
            case PARENT ->
                AccessFacts.forOrganization(
                        env.getSource() instanceof OrganizationScoped scoped ? scoped.organizationId() : null);
        };
    }

    /** The value at a dotted path into the arguments and their input objects, or null. */
    private static String argument(DataFetchingEnvironment env, String path) {
        Object value = env.getArguments();
        for (String part : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return value == null ? null : value.toString();
    }

    private interface Step {
        Object get() throws Exception;
    }

    /** Runs a step whose result may be a value or a stage, as one stage. */
    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> run(Step step) {
        try {
            Object result = step.get();
            return result instanceof CompletionStage<?> s
                    ? (CompletionStage<Object>) s
                    : CompletableFuture.completedFuture(result);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}

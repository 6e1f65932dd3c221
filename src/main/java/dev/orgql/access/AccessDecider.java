package dev.orgql.access;

import dev.orgql.access.AccessDecision.Denied;
import dev.orgql.access.AccessDecision.LoadResource;
import dev.orgql.access.AccessDecision.LoadScopes;
import dev.orgql.access.AccessDecision.Refusal;
import dev.orgql.access.AccessFacts.ResourceState;
import dev.orgql.auth.ApiPermission;
import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.Caller;
import dev.orgql.auth.OrganizationPermission;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The access decision: a pure function of the rule, the caller and the facts known so far (no call,
 * no clock, no state). The wiring calls it, looks up what it asks for, and calls it again; see
 * {@code AccessDecisionTest} for the table of cases.
 */
@Singleton
public class AccessDecider {
    private final AuthConfig config;
    private final Map<String, AccessPolicy> policies;

    public AccessDecider(AuthConfig config, List<AccessPolicy> policies) {
        this.config = config;
        this.policies =
                policies.stream().collect(Collectors.toUnmodifiableMap(AccessPolicy::name, Function.identity()));
    }

    public AccessDecision decide(AccessRule rule, Caller caller, AccessFacts facts) {
        if (caller == null) {
            return denied(Refusal.UNAUTHENTICATED, "This field needs a token.", null);
        }
        if (rule.caller() == CallerKind.USER && !caller.isUser()) {
            return forbidden(
                    "`" + rule.field() + "` is for signed-in users, not machine-to-machine applications.", null);
        }
        List<String> missingApi = missingApiScopes(rule, caller);
        if (!missingApi.isEmpty()) {
            return forbidden(
                    "Missing gateway API scope(s) " + String.join(", ", missingApi) + " for `" + rule.field()
                            + "`: request them for the gateway's API resource.",
                    Map.of("missingScopes", missingApi));
        }
        return switch (rule.subject().kind()) {
            case NONE -> AccessDecision.ALLOWED;
            case PARENT, ORGANIZATION_ARGUMENT -> inOrganization(rule, caller, facts);
            case RESOURCE -> onResource(rule, caller, facts);
        };
    }

    /** Whether the scopes held grant the rule's organization permissions (all of, and one of). */
    public boolean granted(AccessRule rule, Set<String> held) {
        return missingScopes(rule, held).isEmpty();
    }

    /** The organization scope names a rule uses, under this deployment's names. */
    public List<String> organizationScopes(AccessRule rule) {
        List<String> scopes = new ArrayList<>();
        rule.allOf().forEach(p -> scopes.add(config.scopeFor(p)));
        rule.anyOf().forEach(p -> scopes.add(config.scopeFor(p)));
        return scopes;
    }

    private AccessDecision inOrganization(AccessRule rule, Caller caller, AccessFacts facts) {
        String organizationId = facts.organizationId();
        if (organizationId == null) {
            return denied(Refusal.BAD_USER_INPUT, "No organization given for `" + rule.field() + "`.", null);
        }
        if (!rule.needsOrganizationPermissions()) {
            // No scope needed, but a token bound to one organization still acts in that one only.
            if (boundElsewhere(caller, organizationId)) {
                return forbidden(
                        "Your token is bound to organization " + caller.organizationId()
                                + " and cannot be used for organization " + organizationId + " in `" + rule.field()
                                + "`.",
                        Map.of("organizationId", organizationId));
            }
            return AccessDecision.ALLOWED;
        }
        if (facts.heldScopes() == null) {
            return new LoadScopes(organizationId);
        }
        return missingScopesDenial(rule, caller, organizationId, facts.heldScopes());
    }

    /**
     * Fields about one resource (an invitation): checked in the resource's organization. Whether a
     * resource exists is told only to those who may see it: a caller admitted by the policy and readers
     * of its organization. Anyone else gets the same refusal for an unknown id as for a real one
     * ({@link #invisible}), never its organization's id.
     */
    private AccessDecision onResource(AccessRule rule, Caller caller, AccessFacts facts) {
        String kind = rule.subject().resourceKind();
        if (facts.resourceId() == null) {
            return denied(Refusal.BAD_USER_INPUT, "No " + kind + " given for `" + rule.field() + "`.", null);
        }
        if (facts.resource() == ResourceState.NOT_LOOKED_UP) {
            return new LoadResource(kind, facts.resourceId());
        }
        if (facts.resource() == ResourceState.NOT_FOUND || boundElsewhere(caller, facts.organizationId())) {
            return invisible(rule, caller, facts.resourceId());
        }
        if (rule.policy() != null) {
            if (facts.policyAdmits()) {
                return AccessDecision.ALLOWED;
            }
            if (!rule.needsOrganizationPermissions()) {
                return invisible(rule, caller, facts.resourceId());
            }
        }
        if (!rule.needsOrganizationPermissions()) {
            return AccessDecision.ALLOWED;
        }
        if (facts.heldScopes() == null) {
            return new LoadScopes(facts.organizationId());
        }
        if (granted(rule, facts.heldScopes())) {
            return AccessDecision.ALLOWED;
        }
        if (!facts.heldScopes().contains(config.scopeFor(OrganizationPermission.READ_DATA))) {
            return invisible(rule, caller, facts.resourceId());
        }
        return missingScopesDenial(rule, caller, facts.organizationId(), facts.heldScopes());
    }

    /**
     * Denials of organization fields name the organization the caller gave and the scopes it lacks there;
     * they are built from the caller's input and scopes alone, so they read the same whether the
     * organization exists or not (a nonexistent organization holds no scopes).
     */
    private AccessDecision missingScopesDenial(
            AccessRule rule, Caller caller, String organizationId, Set<String> held) {
        List<String> missing = missingScopes(rule, held);
        if (missing.isEmpty()) {
            return AccessDecision.ALLOWED;
        }
        String why = boundElsewhere(caller, organizationId)
                ? " Your token is bound to organization " + caller.organizationId() + " and holds nothing in another."
                : "";
        List<String> anyOf = rule.anyOf().stream().map(config::scopeFor).toList();
        String oneOf = anyOf.isEmpty() || anyOf.stream().anyMatch(held::contains)
                ? ""
                : " (one of " + String.join(", ", anyOf) + " is enough)";
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("missingScopes", missing);
        extra.put("organizationId", organizationId);
        return forbidden(
                "Missing scope(s) " + String.join(", ", missing) + oneOf + " in organization " + organizationId
                        + " for `" + rule.field() + "`." + why,
                extra);
    }

    /**
     * The refusal for a resource the caller may not see, or that does not exist: the same code, message
     * and extensions either way, built from nothing but the caller's own input and the rule.
     */
    private AccessDecision invisible(AccessRule rule, Caller caller, String id) {
        String kind = rule.subject().resourceKind();
        List<String> needed = organizationScopes(rule);
        AccessPolicy policy = rule.policy() == null ? null : policies.get(rule.policy());
        String admits = policy == null ? "whoever the policy `" + rule.policy() + "` admits" : policy.admits();
        String alternative =
                policy == null ? "being admitted by the policy `" + rule.policy() + "`" : policy.alternative();
        String why = rule.policy() != null && !rule.needsOrganizationPermissions()
                ? "only " + admits + " may"
                : "it needs " + String.join(", ", needed) + " in the " + kind + "'s organization"
                        + (rule.policy() != null ? ", or " + alternative : "");
        String bound = caller.isBoundToOrganization()
                ? " A token bound to an organization reaches only that organization's " + kind + "s: use a user token."
                : "";
        Map<String, Object> extra = needed.isEmpty() ? null : Map.of("missingScopes", needed);
        return forbidden(
                "No " + kind + " " + id + " that you may use in `" + rule.field() + "`: " + why + ". Whether an " + kind
                        + " exists is not told to anyone who may not see it." + bound,
                extra);
    }

    private List<String> missingApiScopes(AccessRule rule, Caller caller) {
        List<ApiPermission> required = new ArrayList<>(rule.apiPermissions());
        rule.apiPermissionsIfEnabled().stream()
                .filter(config::isRequirementEnabled)
                .forEach(required::add);
        List<String> missing = new ArrayList<>();
        for (ApiPermission permission : required) {
            String scope = config.scopeFor(permission);
            if (!caller.apiScopes().contains(scope)) {
                missing.add(scope);
            }
        }
        return List.copyOf(missing);
    }

    /** The scopes lacking, in the rule's order: each of {@code allOf}, and all of {@code anyOf} when none is held. */
    private List<String> missingScopes(AccessRule rule, Set<String> held) {
        List<String> missing = new ArrayList<>();
        for (OrganizationPermission permission : rule.allOf()) {
            String scope = config.scopeFor(permission);
            if (!held.contains(scope)) {
                missing.add(scope);
            }
        }
        List<String> anyOf = rule.anyOf().stream().map(config::scopeFor).toList();
        if (!anyOf.isEmpty() && anyOf.stream().noneMatch(held::contains)) {
            anyOf.stream().filter(s -> !missing.contains(s)).forEach(missing::add);
        }
        return List.copyOf(missing);
    }

    private static boolean boundElsewhere(Caller caller, String organizationId) {
        return caller.isBoundToOrganization() && !caller.organizationId().equals(organizationId);
    }

    private static Denied forbidden(String message, Map<String, Object> extensions) {
        return denied(Refusal.FORBIDDEN, message, extensions);
    }

    private static Denied denied(Refusal code, String message, Map<String, Object> extensions) {
        return new Denied(code, message, extensions);
    }
}

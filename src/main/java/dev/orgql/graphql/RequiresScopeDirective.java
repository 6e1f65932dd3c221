package dev.orgql.graphql;

import dev.orgql.access.AccessPolicy;
import dev.orgql.access.AccessRule;
import dev.orgql.access.AccessRule.Subject;
import dev.orgql.access.AccessRules;
import dev.orgql.access.CallerKind;
import dev.orgql.access.ResourceLookup;
import dev.orgql.auth.ApiPermission;
import dev.orgql.auth.OrganizationPermission;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.EnumValue;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one reader of the {@code @requiresScope} directive: turns every use of it in the SDL into an
 * {@link AccessRule}, once at start-up. A rule that cannot work (a policy nobody provides, an
 * invitation argument without a lookup, both an organization and an invitation argument) stops start-up.
 */
@Factory
public class RequiresScopeDirective {
    public static final String NAME = "requiresScope";
    /** The resource kind {@code invitationArgument} names. */
    public static final String INVITATION = "invitation";

    @Bean
    @Context
    AccessRules accessRules(
            GraphQLFactory.SchemaSource source, List<AccessPolicy> policies, List<ResourceLookup> lookups) {
        return read(new SchemaParser().parse(source.sdl()), policies, lookups);
    }

    static AccessRules read(
            TypeDefinitionRegistry registry, List<AccessPolicy> policies, List<ResourceLookup> lookups) {
        Map<String, AccessPolicy> byName =
                policies.stream().collect(Collectors.toMap(AccessPolicy::name, Function.identity()));
        Set<String> kinds = lookups.stream().map(ResourceLookup::kind).collect(Collectors.toSet());
        List<AccessRule> rules = new ArrayList<>();
        Stream<ObjectTypeDefinition> objects = Stream.concat(
                registry.getTypes(ObjectTypeDefinition.class).stream(),
                registry.objectTypeExtensions().values().stream().flatMap(List::stream));
        objects.forEach(object -> {
            for (FieldDefinition field : object.getFieldDefinitions()) {
                for (Directive directive : field.getDirectives(NAME)) {
                    AccessRule rule = rule(object.getName() + "." + field.getName(), directive);
                    check(rule, byName, kinds);
                    rules.add(rule);
                }
            }
        });
        return new AccessRules(rules);
    }

    static AccessRule rule(String field, Directive directive) {
        String organizationArgument = string(directive, "organizationArgument");
        String invitationArgument = string(directive, "invitationArgument");
        if (organizationArgument != null && invitationArgument != null) {
            throw new IllegalStateException(field + ": give `organizationArgument` or `invitationArgument`, not both");
        }
        List<OrganizationPermission> allOf = enums(directive, "permissions", OrganizationPermission.class);
        List<OrganizationPermission> anyOf = enums(directive, "anyOfPermissions", OrganizationPermission.class);
        Subject subject = invitationArgument != null
                ? Subject.resource(INVITATION, invitationArgument)
                : organizationArgument != null
                        ? Subject.organizationArgument(organizationArgument)
                        : allOf.isEmpty() && anyOf.isEmpty() ? Subject.NONE : Subject.PARENT;
        String caller = enumName(directive, "caller");
        return new AccessRule(
                field,
                caller == null ? CallerKind.ANY : CallerKind.valueOf(caller),
                allOf,
                anyOf,
                enums(directive, "apiPermissions", ApiPermission.class),
                enums(directive, "apiPermissionsIfEnabled", ApiPermission.class),
                subject,
                string(directive, "policy"));
    }

    private static void check(AccessRule rule, Map<String, AccessPolicy> policies, Set<String> kinds) {
        String kind = rule.subject().resourceKind();
        if (kind != null && !kinds.contains(kind)) {
            throw new IllegalStateException(rule.field() + ": no ResourceLookup finds `" + kind + "` ids");
        }
        if (rule.policy() != null) {
            AccessPolicy policy = policies.get(rule.policy());
            if (policy == null) {
                throw new IllegalStateException(rule.field() + ": no AccessPolicy is named `" + rule.policy() + "`");
            }
            if (!policy.resourceKind().equals(kind)) {
                throw new IllegalStateException(rule.field() + ": the policy `" + rule.policy() + "` judges "
                        + policy.resourceKind() + "s, not " + kind);
            }
        }
    }

    private static Value<?> value(Directive directive, String name) {
        var argument = directive.getArgument(name);
        return argument == null ? null : argument.getValue();
    }

    private static String string(Directive directive, String name) {
        return value(directive, name) instanceof StringValue s ? s.getValue() : null;
    }

    private static String enumName(Directive directive, String name) {
        return value(directive, name) instanceof EnumValue e ? e.getName() : null;
    }

    private static <E extends Enum<E>> List<E> enums(Directive directive, String name, Class<E> type) {
        Value<?> value = value(directive, name);
        List<Value> values = value instanceof ArrayValue array
                ? array.getValues()
                : value instanceof EnumValue single ? List.of(single) : List.of();
        return values.stream()
                .map(v -> Enum.valueOf(type, ((EnumValue) v).getName()))
                .toList();
    }
}

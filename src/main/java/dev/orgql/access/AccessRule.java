package dev.orgql.access;

import dev.orgql.auth.ApiPermission;
import dev.orgql.auth.OrganizationPermission;
import java.util.List;
import java.util.Objects;

/**
 * What one field requires, as its {@code @requiresScope} directive declares it.
 *
 * @param field                   the field's coordinates, for example {@code Query.organization}
 * @param caller                  the kind of caller the field is open to
 * @param allOf                   organization permissions the caller must all hold in the organization
 * @param anyOf                   organization permissions of which the caller must hold at least one
 * @param apiPermissions          gateway API permissions the caller must all hold
 * @param apiPermissionsIfEnabled gateway API permissions required only where the deployment enables
 *                                the requirement (see {@code AuthConfig#isRequired})
 * @param subject                 which organization (or resource of one) the check is about
 * @param policy                  the name of an {@link AccessPolicy} that admits a caller without the
 *                                permissions, or null
 */
public record AccessRule(
        String field,
        CallerKind caller,
        List<OrganizationPermission> allOf,
        List<OrganizationPermission> anyOf,
        List<ApiPermission> apiPermissions,
        List<ApiPermission> apiPermissionsIfEnabled,
        Subject subject,
        String policy) {

    public AccessRule {
        Objects.requireNonNull(field);
        caller = caller == null ? CallerKind.ANY : caller;
        allOf = List.copyOf(allOf.stream().distinct().toList());
        anyOf = List.copyOf(anyOf.stream().distinct().toList());
        apiPermissions = List.copyOf(apiPermissions.stream().distinct().toList());
        apiPermissionsIfEnabled =
                List.copyOf(apiPermissionsIfEnabled.stream().distinct().toList());
        Objects.requireNonNull(subject);
        if (policy != null && subject.kind() != SubjectKind.RESOURCE) {
            throw new IllegalStateException(
                    field + ": the policy `" + policy + "` judges a resource: name it with `invitationArgument`");
        }
    }

    /** Whether any organization permission is required. */
    public boolean needsOrganizationPermissions() {
        return !allOf.isEmpty() || !anyOf.isEmpty();
    }

    /** Where the organization a rule is checked in comes from. */
    public enum SubjectKind {
        /** No organization: only the caller kind and API permissions count. */
        NONE,
        /** The parent object's organization ({@code OrganizationScoped}). */
        PARENT,
        /** An argument holding an organization id. */
        ORGANIZATION_ARGUMENT,
        /** An argument holding the id of a resource (an invitation) that belongs to an organization. */
        RESOURCE
    }

    /**
     * @param argument     the dotted path of the argument holding the id ({@code input.organizationId}), or null
     * @param resourceKind for {@link SubjectKind#RESOURCE}: what the id names ({@code invitation}), else null
     */
    public record Subject(SubjectKind kind, String argument, String resourceKind) {
        public static final Subject NONE = new Subject(SubjectKind.NONE, null, null);
        public static final Subject PARENT = new Subject(SubjectKind.PARENT, null, null);

        public static Subject organizationArgument(String path) {
            return new Subject(SubjectKind.ORGANIZATION_ARGUMENT, path, null);
        }

        public static Subject resource(String kind, String path) {
            return new Subject(SubjectKind.RESOURCE, path, kind);
        }
    }
}

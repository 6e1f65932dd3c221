package dev.orgql.logto;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.logto.LogtoModels.Application;
import dev.orgql.logto.LogtoModels.EmailDomain;
import dev.orgql.logto.LogtoModels.Invitation;
import dev.orgql.logto.LogtoModels.Organization;
import dev.orgql.logto.LogtoModels.Page;
import dev.orgql.logto.LogtoModels.Role;
import dev.orgql.logto.LogtoModels.Scope;
import dev.orgql.logto.LogtoModels.SsoConnector;
import dev.orgql.logto.LogtoModels.User;
import dev.orgql.logto.ReadCaches.Tags;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpMethod;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The one place that knows the Management API's routes. Every method is a single call (or, where it
 * says so, a walk over all pages); batching happens in the callers' DataLoaders. Logto's page size is
 * capped at 100, and lists default to 20 rows: page sizes are always sent.
 *
 * <p>Reads of the kinds in {@link ReadKind} may be answered from the short shared caches
 * ({@link ReadCaches}), and identical reads in flight are sent once ({@link ReadCoalescer}); reads that
 * decide or undo a mutation go through {@link #fresh()}, which does neither. After every write that
 * succeeded or may have been applied, the change it implies ({@link WriteChanges}) is published as a
 * {@link LogtoChange} application event, which every cache hears.
 */
@Singleton
public class LogtoClient {
    /** Logto's largest page. */
    public static final int MAX_PAGE_SIZE = 100;

    private final ManagementApi api;
    private final LogtoJson json;
    private final ReadCaches caches;
    private final ApplicationEventPublisher<LogtoChange> changes;
    /** Null on the fresh view itself. */
    private final LogtoClient fresh;

    @Inject
    LogtoClient(ManagementApi api, LogtoJson json, ReadCaches caches, ApplicationEventPublisher<LogtoChange> changes) {
        this.api = api;
        this.json = json;
        this.caches = caches;
        this.changes = changes;
        this.fresh = new LogtoClient(this);
    }

    private LogtoClient(LogtoClient cached) {
        this.api = cached.api;
        this.json = cached.json;
        this.caches = null;
        this.changes = cached.changes;
        this.fresh = null;
    }

    /**
     * The same routes, every read sent to Logto on its own: never from a cache, never joined with another
     * read in flight. For the reads that decide or undo a mutation (the last-admin guard, creation-key and
     * duplicate lookups) and for the live-scope check of a mutation.
     */
    public LogtoClient fresh() {
        return fresh != null ? fresh : this;
    }

    public CompletableFuture<Organization> getOrganization(String id) {
        return get(
                LogtoPath.api("organizations").id("id", id),
                new TypeReference<>() {},
                ReadKind.ORGANIZATIONS,
                Set.of(Tags.organization(id)));
    }

    /**
     * Mandatory pagination; ordered by user id. {@code search} is plain text that the members' id, email,
     * phone, username or name must contain (it is escaped for Logto's LIKE, see {@link #containsText}).
     * {@code roleId} is honoured by Logto 1.42 only: 1.37.1 ignores {@code organizationRoleId} and lists
     * every member, so callers check the embedded roles (see member.RoleFilteredMembers).
     */
    public CompletableFuture<Page<User>> listOrganizationUsers(
            String organizationId, String search, String roleId, int page, int pageSize) {
        LogtoPath path = LogtoPath.api("organizations")
                .id("organizationId", organizationId)
                .fixed("users")
                .queryIfPresent("q", containsText(search))
                .queryIfPresent("organizationRoleId", roleId)
                .query("page", page)
                .query("page_size", pageSize);
        return page(
                path,
                new TypeReference<>() {},
                ReadKind.MEMBERS,
                Set.of(Tags.members(organizationId), Tags.TEMPLATE),
                true);
    }

    /**
     * Roles whose name is exactly {@code name} (Logto's {@code q} matches id or name containing the
     * text: the exact match is made here). Names are unique, so this is at most one role.
     */
    public CompletableFuture<List<Role>> findOrganizationRolesByName(String name) {
        LogtoPath path = LogtoPath.api("organization-roles")
                .query("q", containsText(name))
                .query("page", 1)
                .query("page_size", MAX_PAGE_SIZE);
        return this.<Role>page(path, new TypeReference<>() {})
                .thenApply(found -> found.items().stream()
                        .filter(role -> name.equals(role.name()))
                        .toList());
    }

    /**
     * The text of Logto's {@code q} search, made literal. Logto (packages/core/src/database/utils.ts,
     * {@code buildSearchSql}, identical in 1.37.1 and 1.42.0) turns {@code q} into
     * {@code field ilike '%' || q || '%'} with {@code q} bound as one parameter and no {@code ESCAPE}
     * clause, so PostgreSQL's default LIKE escape character, the backslash, applies: {@code \%},
     * {@code \_} and {@code \\} match a literal percent sign, underscore and backslash. Unescaped,
     * {@code %} and {@code _} are wildcards there (recordings 42-45, both versions).
     */
    static String containsText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * One page of the organizations whose name contains {@code name} (as plain text); Logto defines no
     * order. Logto's {@code q} on {@code GET /api/organizations} is an ILIKE on {@code id} or {@code name}
     * only, in 1.37.1 and 1.42.0 alike ({@code parseSearchOptions(['id', 'name'], query)} in
     * routes/organization/index.ts): it cannot search {@code customData}, so callers match the rest.
     */
    public CompletableFuture<Page<Organization>> listOrganizationsByName(String name, int page) {
        LogtoPath path = LogtoPath.api("organizations")
                .query("q", containsText(name))
                .query("page", page)
                .query("page_size", MAX_PAGE_SIZE);
        return page(path, new TypeReference<>() {});
    }

    /** Mandatory pagination; Logto defines no order. */
    public CompletableFuture<Page<Application>> listOrganizationApplications(
            String organizationId, int page, int pageSize) {
        LogtoPath path = LogtoPath.api("organizations")
                .id("organizationId", organizationId)
                .fixed("applications")
                .query("page", page)
                .query("page_size", pageSize);
        return page(
                path, new TypeReference<>() {}, ReadKind.BOTS, Set.of(Tags.bots(organizationId), Tags.TEMPLATE), false);
    }

    /** Not paginated by Logto: every invitation of the organization, newest first. */
    public CompletableFuture<List<Invitation>> listOrganizationInvitations(String organizationId) {
        return get(
                LogtoPath.api("organization-invitations").query("organizationId", organizationId),
                new TypeReference<>() {},
                ReadKind.INVITATIONS,
                Set.of(Tags.INVITATIONS, Tags.invitations(organizationId)));
    }

    /**
     * Not paginated: the organization's invitations to this address, of any status. Logto compares the
     * invitee as {@code lower(invitee) = lower(?)} (queries/organization/index.ts, 1.37.1 and 1.42.0): no
     * wildcards, case-insensitive.
     */
    public CompletableFuture<List<Invitation>> listOrganizationInvitationsTo(String organizationId, String invitee) {
        return get(
                LogtoPath.api("organization-invitations")
                        .query("organizationId", organizationId)
                        .query("invitee", invitee),
                new TypeReference<>() {},
                ReadKind.INVITATIONS,
                Set.of(Tags.INVITATIONS, Tags.invitations(organizationId)));
    }

    public CompletableFuture<Invitation> getInvitation(String id) {
        return get(
                LogtoPath.api("organization-invitations").id("id", id),
                new TypeReference<>() {},
                ReadKind.INVITATIONS,
                Set.of(Tags.INVITATIONS, Tags.INVITATIONS_ANY));
    }

    /** Not paginated by Logto: every invitation addressed to this email (Logto compares case-insensitively), of any status. */
    public CompletableFuture<List<Invitation>> listInvitationsByInvitee(String email) {
        return get(
                LogtoPath.api("organization-invitations").query("invitee", email),
                new TypeReference<>() {},
                ReadKind.INVITATIONS,
                Set.of(Tags.INVITATIONS, Tags.INVITATIONS_ANY));
    }

    /**
     * 201 with the invitation as JSON. The gateway always sends {@code messagePayload: false} and mails
     * separately ({@link #sendInvitationMessage}): with a payload, a failed send would roll the creation back.
     */
    public CompletableFuture<Invitation> createInvitation(Map<String, Object> body) {
        return send(HttpMethod.POST, LogtoPath.api("organization-invitations"), body, new TypeReference<>() {});
    }

    /** 204; (re)sends the invitation email. 501 {@code connector.not_found}, 429 {@code request.message_rate_limited}. */
    public CompletableFuture<Void> sendInvitationMessage(String id, Map<String, Object> body) {
        return write(
                HttpMethod.POST,
                LogtoPath.api("organization-invitations").id("id", id).fixed("message"),
                body);
    }

    /** {@code Accepted} (with {@code acceptedUserId}: Logto adds the member with the roles) or {@code Revoked}. */
    public CompletableFuture<Invitation> setInvitationStatus(String id, Map<String, Object> body) {
        return send(
                HttpMethod.PUT,
                LogtoPath.api("organization-invitations").id("id", id).fixed("status"),
                body,
                new TypeReference<>() {});
    }

    /** Not paginated by Logto: the user's organizations, each with the user's roles there. */
    public CompletableFuture<List<Organization>> listUserOrganizations(String userId) {
        return get(LogtoPath.api("users").id("userId", userId).fixed("organizations"), new TypeReference<>() {});
    }

    /** Not paginated; a non-member gets an empty list (or a 422 in some versions: both mean none). */
    public CompletableFuture<List<Scope>> listUserOrganizationScopes(String organizationId, String userId) {
        LogtoPath path = LogtoPath.api("organizations")
                .id("organizationId", organizationId)
                .fixed("users")
                .id("userId", userId)
                .fixed("scopes");
        return this.<List<Scope>>get(path, new TypeReference<>() {}).exceptionally(error -> {
            LogtoException e = LogtoErrors.unwrap(error);
            if (e != null && e.status() == 422) {
                return List.of();
            }
            throw LogtoErrors.rethrow(error);
        });
    }

    /** Up to 100 users by id in one call; unknown ids are simply missing from the answer. */
    public CompletableFuture<List<User>> getUsersByIds(Collection<String> ids) {
        return get(
                byIds("users", ids, null),
                new TypeReference<>() {},
                ReadKind.USERS,
                ids.stream().map(Tags::user).collect(Collectors.toUnmodifiableSet()));
    }

    /** Of up to 100 users, those who are not members of the organization, in one call. */
    public CompletableFuture<List<User>> getUsersOutsideOrganization(String organizationId, Collection<String> ids) {
        return get(byIds("users", ids, organizationId), new TypeReference<>() {});
    }

    /** Up to 100 applications by id in one call; unknown ids are missing from the answer. */
    public CompletableFuture<List<Application>> getApplicationsByIds(Collection<String> ids) {
        return get(byIds("applications", ids, null), new TypeReference<>() {});
    }

    /** Of up to 100 applications, those not in the organization, in one call. */
    public CompletableFuture<List<Application>> getApplicationsOutsideOrganization(
            String organizationId, Collection<String> ids) {
        return get(byIds("applications", ids, organizationId), new TypeReference<>() {});
    }

    /** Up to 100 users by primary email (case-insensitively, as Logto compares invitees), in one call. */
    public CompletableFuture<List<User>> getUsersByPrimaryEmails(Collection<String> emails) {
        return get(exact("users", "primaryEmail", emails, false, null), new TypeReference<>() {});
    }

    /** Of the users with these primary emails, those who are not members of the organization, in one call. */
    public CompletableFuture<List<User>> getUsersByPrimaryEmailsOutsideOrganization(
            String organizationId, Collection<String> emails) {
        return get(exact("users", "primaryEmail", emails, false, organizationId), new TypeReference<>() {});
    }

    private static LogtoPath byIds(String collection, Collection<String> ids, String excludeOrganizationId) {
        return exact(collection, "id", ids, true, excludeOrganizationId);
    }

    /**
     * Logto's advanced search (§1.7 of its grammar) in exact mode, which alone takes several values of a
     * field; optionally leaving out an organization's members.
     */
    private static LogtoPath exact(
            String collection,
            String field,
            Collection<String> values,
            boolean caseSensitive,
            String excludeOrganizationId) {
        requireBatch(values);
        LogtoPath path = LogtoPath.api(collection);
        values.forEach(value -> path.query("search." + field, value));
        path.query("mode." + field, "exact").query("isCaseSensitive", String.valueOf(caseSensitive));
        if (excludeOrganizationId != null) {
            path.query("excludeOrganizationId", excludeOrganizationId);
        }
        return path.query("page", 1).query("page_size", MAX_PAGE_SIZE);
    }

    /** Every organization role with its scopes, following pages. */
    public CompletableFuture<List<Role>> listAllOrganizationRoles() {
        return allPages(
                page -> LogtoPath.api("organization-roles").query("page", page).query("page_size", MAX_PAGE_SIZE),
                new TypeReference<List<Role>>() {},
                1,
                new ArrayList<>());
    }

    /** Every organization scope, following pages. */
    public CompletableFuture<List<Scope>> listAllOrganizationScopes() {
        return allPages(
                page -> LogtoPath.api("organization-scopes").query("page", page).query("page_size", MAX_PAGE_SIZE),
                new TypeReference<List<Scope>>() {},
                1,
                new ArrayList<>());
    }

    // ---- writes (mutations). Bodyless 201s ("Created" as text/plain on older Logto, JSON on newer) are
    // both accepted: the body of a write is read only where Logto documents JSON for every version.

    /** 201 with the organization as JSON. */
    public CompletableFuture<Organization> createOrganization(Map<String, Object> body) {
        return send(HttpMethod.POST, LogtoPath.api("organizations"), body, new TypeReference<>() {});
    }

    /** At least one field; customData is replaced wholesale. */
    public CompletableFuture<Organization> updateOrganization(String id, Map<String, Object> body) {
        return send(HttpMethod.PATCH, LogtoPath.api("organizations").id("id", id), body, new TypeReference<>() {});
    }

    public CompletableFuture<Void> deleteOrganization(String id) {
        return write(HttpMethod.DELETE, LogtoPath.api("organizations").id("id", id), null);
    }

    /** Already-members are ignored by Logto. */
    public CompletableFuture<Void> addOrganizationUsers(String organizationId, List<String> userIds) {
        return write(HttpMethod.POST, organizationUsers(organizationId), Map.of("userIds", userIds));
    }

    public CompletableFuture<Void> removeOrganizationUser(String organizationId, String userId) {
        return write(HttpMethod.DELETE, organizationUsers(organizationId).id("userId", userId), null);
    }

    /** Logto's bulk route: every user gets every role, in one statement (all or nothing). */
    public CompletableFuture<Void> assignOrganizationUsersRoles(
            String organizationId, List<String> userIds, List<String> roleIds) {
        return write(
                HttpMethod.POST,
                organizationUsers(organizationId).fixed("roles"),
                Map.of("userIds", userIds, "organizationRoleIds", roleIds));
    }

    /** Adds roles to one member (Logto answers JSON on 1.41+, text before: both are fine). */
    public CompletableFuture<Void> addOrganizationUserRoles(
            String organizationId, String userId, List<String> roleIds) {
        return write(
                HttpMethod.POST,
                organizationUsers(organizationId).id("userId", userId).fixed("roles"),
                Map.of("organizationRoleIds", roleIds));
    }

    /** Replaces one member's roles; an empty list removes them all. */
    public CompletableFuture<Void> replaceOrganizationUserRoles(
            String organizationId, String userId, List<String> roleIds) {
        return write(
                HttpMethod.PUT,
                organizationUsers(organizationId).id("userId", userId).fixed("roles"),
                Map.of("organizationRoleIds", roleIds));
    }

    public CompletableFuture<Void> removeOrganizationUserRole(String organizationId, String userId, String roleId) {
        return write(
                HttpMethod.DELETE,
                organizationUsers(organizationId)
                        .id("userId", userId)
                        .fixed("roles")
                        .id("roleId", roleId),
                null);
    }

    /** One member's roles (without scopes); 422 {@code organization.require_membership} for a non-member. */
    public CompletableFuture<List<Role>> listOrganizationUserRoles(String organizationId, String userId) {
        return get(organizationUsers(organizationId).id("userId", userId).fixed("roles"), new TypeReference<>() {});
    }

    /** Only machine-to-machine applications can join. */
    public CompletableFuture<Void> addOrganizationApplications(String organizationId, List<String> applicationIds) {
        return write(
                HttpMethod.POST, organizationApplications(organizationId), Map.of("applicationIds", applicationIds));
    }

    public CompletableFuture<Void> removeOrganizationApplication(String organizationId, String applicationId) {
        return write(
                HttpMethod.DELETE, organizationApplications(organizationId).id("applicationId", applicationId), null);
    }

    /** Logto's bulk route for bots: every application gets every (machine-to-machine) role. */
    public CompletableFuture<Void> assignOrganizationApplicationsRoles(
            String organizationId, List<String> applicationIds, List<String> roleIds) {
        return write(
                HttpMethod.POST,
                organizationApplications(organizationId).fixed("roles"),
                Map.of("applicationIds", applicationIds, "organizationRoleIds", roleIds));
    }

    /** Replaces one bot's roles; Logto refuses an empty list. */
    public CompletableFuture<Void> replaceOrganizationApplicationRoles(
            String organizationId, String applicationId, List<String> roleIds) {
        return write(
                HttpMethod.PUT,
                organizationApplications(organizationId)
                        .id("applicationId", applicationId)
                        .fixed("roles"),
                Map.of("organizationRoleIds", roleIds));
    }

    public CompletableFuture<Void> removeOrganizationApplicationRole(
            String organizationId, String applicationId, String roleId) {
        return write(
                HttpMethod.DELETE,
                organizationApplications(organizationId)
                        .id("applicationId", applicationId)
                        .fixed("roles")
                        .id("roleId", roleId),
                null);
    }

    /** One bot's roles; 422 {@code organization.require_membership} when it is not in the organization. */
    public CompletableFuture<List<Role>> listOrganizationApplicationRoles(String organizationId, String applicationId) {
        return get(
                organizationApplications(organizationId)
                        .id("applicationId", applicationId)
                        .fixed("roles"),
                new TypeReference<>() {});
    }

    /** 201 with the role (without scopes) as JSON. */
    public CompletableFuture<Role> createOrganizationRole(Map<String, Object> body) {
        return send(HttpMethod.POST, LogtoPath.api("organization-roles"), body, new TypeReference<>() {});
    }

    public CompletableFuture<Role> updateOrganizationRole(String id, Map<String, Object> body) {
        return send(HttpMethod.PATCH, LogtoPath.api("organization-roles").id("id", id), body, new TypeReference<>() {});
    }

    public CompletableFuture<Void> deleteOrganizationRole(String id) {
        return write(HttpMethod.DELETE, LogtoPath.api("organization-roles").id("id", id), null);
    }

    /** Replaces a role's organization scopes; an empty list removes them all. */
    public CompletableFuture<Void> replaceOrganizationRoleScopes(String id, List<String> scopeIds) {
        return write(
                HttpMethod.PUT,
                LogtoPath.api("organization-roles").id("id", id).fixed("scopes"),
                Map.of("organizationScopeIds", scopeIds));
    }

    public CompletableFuture<Scope> createOrganizationScope(Map<String, Object> body) {
        return send(HttpMethod.POST, LogtoPath.api("organization-scopes"), body, new TypeReference<>() {});
    }

    public CompletableFuture<Scope> updateOrganizationScope(String id, Map<String, Object> body) {
        return send(
                HttpMethod.PATCH, LogtoPath.api("organization-scopes").id("id", id), body, new TypeReference<>() {});
    }

    public CompletableFuture<Void> deleteOrganizationScope(String id) {
        return write(HttpMethod.DELETE, LogtoPath.api("organization-scopes").id("id", id), null);
    }

    // ---- just-in-time provisioning (recordings 70-92b, identical on 1.37.1 and 1.42.0). The three
    // lists page only when asked to (71/71a): without page parameters Logto answers the whole set.

    /** Every email domain, stored as sent (Logto neither lower-cases nor checks them); no defined order. */
    public CompletableFuture<List<EmailDomain>> listJitEmailDomains(String organizationId) {
        return get(jit(organizationId, "email-domains"), new TypeReference<>() {});
    }

    /** 201 JSON; 422 {@code entity.unique_integrity_violation} for an exact duplicate (recording 73). */
    public CompletableFuture<Void> addJitEmailDomain(String organizationId, String emailDomain) {
        return write(HttpMethod.POST, jit(organizationId, "email-domains"), Map.of("emailDomain", emailDomain));
    }

    /** 204; replaces the whole set (recording 77). */
    public CompletableFuture<Void> replaceJitEmailDomains(String organizationId, List<String> emailDomains) {
        return write(HttpMethod.PUT, jit(organizationId, "email-domains"), Map.of("emailDomains", emailDomains));
    }

    /** 204; 404 {@code entity.not_found} when the organization has no such domain, exactly (recording 79). */
    public CompletableFuture<Void> removeJitEmailDomain(String organizationId, String emailDomain) {
        return write(HttpMethod.DELETE, jit(organizationId, "email-domains").text("emailDomain", emailDomain), null);
    }

    /** The default roles, full role objects with {@code type} but without scopes (recording 85). */
    public CompletableFuture<List<Role>> listJitRoles(String organizationId) {
        return get(jit(organizationId, "roles"), new TypeReference<>() {});
    }

    /**
     * 204; replaces the set (recording 84). Logto accepts machine-to-machine roles here (82), which would
     * fail when given to a user: callers check the type first.
     */
    public CompletableFuture<Void> replaceJitRoles(String organizationId, List<String> roleIds) {
        return write(HttpMethod.PUT, jit(organizationId, "roles"), Map.of("organizationRoleIds", roleIds));
    }

    public CompletableFuture<List<SsoConnector>> listJitSsoConnectors(String organizationId) {
        return get(jit(organizationId, "sso-connectors"), new TypeReference<>() {});
    }

    /** 201; 422 {@code entity.relation_foreign_key_not_found} for a connector the tenant lacks (recording 89). */
    public CompletableFuture<Void> addJitSsoConnectors(String organizationId, List<String> connectorIds) {
        return write(HttpMethod.POST, jit(organizationId, "sso-connectors"), Map.of("ssoConnectorIds", connectorIds));
    }

    public CompletableFuture<Void> removeJitSsoConnector(String organizationId, String connectorId) {
        return write(HttpMethod.DELETE, jit(organizationId, "sso-connectors").id("ssoConnectorId", connectorId), null);
    }

    /** Every enterprise SSO connector of the tenant, following pages (Logto's pagination is mandatory, 88). */
    public CompletableFuture<List<SsoConnector>> listAllSsoConnectors() {
        return allPages(
                page -> LogtoPath.api("sso-connectors").query("page", page).query("page_size", MAX_PAGE_SIZE),
                new TypeReference<List<SsoConnector>>() {},
                1,
                new ArrayList<>());
    }

    private static LogtoPath jit(String organizationId, String list) {
        return LogtoPath.api("organizations")
                .id("organizationId", organizationId)
                .fixed("jit")
                .fixed(list);
    }

    private static LogtoPath organizationUsers(String organizationId) {
        return LogtoPath.api("organizations")
                .id("organizationId", organizationId)
                .fixed("users");
    }

    private static LogtoPath organizationApplications(String organizationId) {
        return LogtoPath.api("organizations")
                .id("organizationId", organizationId)
                .fixed("applications");
    }

    /** A write whose answer body is not needed: 201 text {@code Created}, 201 JSON or 204 alike. */
    private CompletableFuture<Void> write(HttpMethod method, LogtoPath path, Object body) {
        return written(method, path, body).thenApply(response -> null);
    }

    /** A write whose answer is JSON in every Logto version. */
    private <T> CompletableFuture<T> send(HttpMethod method, LogtoPath path, Object body, TypeReference<T> type) {
        return written(method, path, body).thenApply(response -> json.read(response, type));
    }

    /**
     * The write, and then (before anything waiting for it goes on) the change it implies, published if it
     * succeeded or may have been applied: Logto did not answer, or answered 5xx. A 4xx is a refusal, and a
     * call that never left the gateway changed nothing.
     */
    private CompletableFuture<LogtoResponse> written(HttpMethod method, LogtoPath path, Object body) {
        return api.call(method, path, body).whenComplete((response, error) -> {
            if (error != null) {
                LogtoException failure = LogtoErrors.unwrap(error);
                if (failure != null && (failure.beforeLogto() || (failure.status() >= 400 && failure.status() < 500))) {
                    return;
                }
            }
            JsonNode answer = response == null ? null : json.tree(response.body());
            WriteChanges.of(method, path, body, answer).forEach(changes::publishEvent);
        });
    }

    private <T> CompletableFuture<List<T>> allPages(
            java.util.function.IntFunction<LogtoPath> pathForPage,
            TypeReference<List<T>> type,
            int page,
            List<T> collected) {
        return page(pathForPage.apply(page), type).thenCompose(result -> {
            collected.addAll(result.items());
            boolean more = !result.items().isEmpty()
                    && result.items().size() == MAX_PAGE_SIZE
                    && collected.size() < result.totalCount();
            return more
                    ? allPages(pathForPage, type, page + 1, collected)
                    : CompletableFuture.completedFuture(collected);
        });
    }

    private <T> CompletableFuture<T> get(LogtoPath path, TypeReference<T> type) {
        return read(path).thenApply(response -> json.read(response, type));
    }

    private <T> CompletableFuture<T> get(LogtoPath path, TypeReference<T> type, ReadKind kind, Set<String> tags) {
        return read(path, kind, tags, false).thenApply(response -> json.read(response, type));
    }

    /** A read no cache keeps; only joined with an identical read in flight (unless fresh). */
    private CompletableFuture<LogtoResponse> read(LogtoPath path) {
        return caches == null ? api.callAlone(HttpMethod.GET, path, null) : api.call(HttpMethod.GET, path, null);
    }

    private CompletableFuture<LogtoResponse> read(LogtoPath path, ReadKind kind, Set<String> tags, boolean users) {
        if (caches == null) {
            return api.callAlone(HttpMethod.GET, path, null);
        }
        return caches.read(kind, path, tags, users, () -> api.call(HttpMethod.GET, path, null));
    }

    private <T> CompletableFuture<Page<T>> page(LogtoPath path, TypeReference<List<T>> type) {
        return pageOf(read(path), type);
    }

    private <T> CompletableFuture<Page<T>> page(
            LogtoPath path, TypeReference<List<T>> type, ReadKind kind, Set<String> tags, boolean users) {
        return pageOf(read(path, kind, tags, users), type);
    }

    private <T> CompletableFuture<Page<T>> pageOf(CompletableFuture<LogtoResponse> read, TypeReference<List<T>> type) {
        return read.thenApply(response -> {
            List<T> items = json.read(response, type);
            int total = response.totalNumber() != null ? response.totalNumber() : items.size();
            return new Page<>(items, total);
        });
    }

    private static void requireBatch(Collection<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_PAGE_SIZE + " ids, not " + ids.size());
        }
    }
}

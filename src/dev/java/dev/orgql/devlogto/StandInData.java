package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * All state of the stand-in and the rules Logto's database enforces (foreign keys, unique names, role-type
 * check constraints, cascades). HTTP handlers translate requests into these calls; tests and the dev page
 * call the public methods directly. Every method locks the instance, so the HTTP threads and Java callers
 * see consistent data.
 */
public final class StandInData {
    private final Ids ids;
    private final LongSupplier clock;
    private final StandInOptions options;

    private final Map<String, Organization> organizations = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Application> applications = new LinkedHashMap<>();
    private final Map<String, OrganizationRole> roles = new LinkedHashMap<>();
    private final Map<String, OrganizationScope> scopes = new LinkedHashMap<>();
    private final Map<String, ApiResource> resources = new LinkedHashMap<>();
    private final Map<String, ResourceScope> resourceScopes = new LinkedHashMap<>();
    private final Map<String, Invitation> invitations = new LinkedHashMap<>();
    private final List<SentMessage> sentMessages = new ArrayList<>();

    // Relations. Keys of the two role maps are orgId + SEP + memberId.
    private static final String SEP = "\u0000";
    private final Map<String, Set<String>> orgUsers = new LinkedHashMap<>();
    private final Map<String, Set<String>> orgApps = new LinkedHashMap<>();
    private final Map<String, Set<String>> userRoles = new LinkedHashMap<>();
    private final Map<String, Set<String>> appRoles = new LinkedHashMap<>();
    private final Map<String, Set<String>> roleScopes = new LinkedHashMap<>();
    private final Map<String, Set<String>> roleResourceScopes = new LinkedHashMap<>();
    private final Map<String, Set<String>> jitEmailDomains = new LinkedHashMap<>();
    private final Map<String, Set<String>> jitRoles = new LinkedHashMap<>();

    StandInData(StandInOptions options, LongSupplier clock) {
        this.options = options;
        this.ids = new Ids(options.seed());
        this.clock = clock;
    }

    long now() {
        return clock.getAsLong();
    }

    Ids ids() {
        return ids;
    }

    // ---------------------------------------------------------------- lookups (public, for tests and dev page)

    public synchronized List<Organization> organizations() {
        return List.copyOf(organizations.values());
    }

    public synchronized Optional<Organization> organization(String id) {
        return Optional.ofNullable(organizations.get(id));
    }

    public synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    public synchronized Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    public synchronized List<Application> applications() {
        return List.copyOf(applications.values());
    }

    public synchronized Optional<Application> application(String id) {
        return Optional.ofNullable(applications.get(id));
    }

    public synchronized List<OrganizationRole> roles() {
        return sortedByName(roles.values(), OrganizationRole::name);
    }

    public synchronized Optional<OrganizationRole> role(String id) {
        return Optional.ofNullable(roles.get(id));
    }

    public synchronized Optional<OrganizationRole> roleByName(String name) {
        return roles.values().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public synchronized List<OrganizationScope> scopes() {
        return sortedByName(scopes.values(), OrganizationScope::name);
    }

    public synchronized Optional<OrganizationScope> scope(String id) {
        return Optional.ofNullable(scopes.get(id));
    }

    public synchronized List<ApiResource> resources() {
        return List.copyOf(resources.values());
    }

    public synchronized Optional<ApiResource> resourceByIndicator(String indicator) {
        return resources.values().stream()
                .filter(r -> r.indicator().equals(indicator))
                .findFirst();
    }

    public synchronized Optional<ResourceScope> resourceScope(String id) {
        return Optional.ofNullable(resourceScopes.get(id));
    }

    public synchronized List<ResourceScope> resourceScopes(String resourceId) {
        return resourceScopes.values().stream()
                .filter(s -> s.resourceId().equals(resourceId))
                .toList();
    }
    /** Newest first, as Logto lists them. */
    public synchronized List<Invitation> invitations() {
        List<Invitation> newestInsertedFirst = new ArrayList<>(invitations.values());
        java.util.Collections.reverse(newestInsertedFirst); // two created in the same millisecond: the later first
        return newestInsertedFirst.stream()
                .sorted(Comparator.comparingLong(Invitation::createdAt).reversed())
                .toList();
    }

    public synchronized Optional<Invitation> invitation(String id) {
        return Optional.ofNullable(invitations.get(id));
    }

    public synchronized List<SentMessage> sentMessages() {
        return List.copyOf(sentMessages);
    }

    /** Member user ids of an organization, ordered by id as Logto lists them. */
    public synchronized List<String> memberIds(String orgId) {
        return new ArrayList<>(new TreeSet<>(orgUsers.getOrDefault(orgId, Set.of())));
    }

    public synchronized boolean isMember(String orgId, String userId) {
        return orgUsers.getOrDefault(orgId, Set.of()).contains(userId);
    }

    public synchronized List<String> userOrganizationIds(String userId) {
        return orgUsers.entrySet().stream()
                .filter(e -> e.getValue().contains(userId))
                .map(Map.Entry::getKey)
                .toList();
    }

    public synchronized List<OrganizationRole> userRoles(String orgId, String userId) {
        return rolesOf(userRoles.get(orgId + SEP + userId));
    }

    public synchronized List<String> appIds(String orgId) {
        return List.copyOf(orgApps.getOrDefault(orgId, Set.of()));
    }

    public synchronized boolean isAppMember(String orgId, String appId) {
        return orgApps.getOrDefault(orgId, Set.of()).contains(appId);
    }

    public synchronized List<String> appOrganizationIds(String appId) {
        return orgApps.entrySet().stream()
                .filter(e -> e.getValue().contains(appId))
                .map(Map.Entry::getKey)
                .toList();
    }

    public synchronized List<OrganizationRole> appRoles(String orgId, String appId) {
        return rolesOf(appRoles.get(orgId + SEP + appId));
    }
    /** Organization scopes of a role, by name. */
    public synchronized List<OrganizationScope> roleScopes(String roleId) {
        return sortedByName(
                roleScopes.getOrDefault(roleId, Set.of()).stream()
                        .map(scopes::get)
                        .toList(),
                OrganizationScope::name);
    }

    public synchronized List<ResourceScope> roleResourceScopes(String roleId) {
        return sortedByName(
                roleResourceScopes.getOrDefault(roleId, Set.of()).stream()
                        .map(resourceScopes::get)
                        .toList(),
                ResourceScope::name);
    }
    /** The union of organization scopes over a user's roles in an organization, by name ([] for non-members). */
    public synchronized List<OrganizationScope> userScopes(String orgId, String userId) {
        return scopesOf(userRoles(orgId, userId));
    }

    public synchronized List<OrganizationScope> appScopes(String orgId, String appId) {
        return scopesOf(appRoles(orgId, appId));
    }
    /** API-resource scopes a user or app gets in an organization through its organization roles. */
    public synchronized List<ResourceScope> organizationResourceScopes(
            List<OrganizationRole> memberRoles, String resourceId) {
        Map<String, ResourceScope> out = new LinkedHashMap<>();
        for (OrganizationRole r : memberRoles) {
            for (ResourceScope s : roleResourceScopes(r.id()))
                if (s.resourceId().equals(resourceId)) out.put(s.id(), s);
        }
        return List.copyOf(out.values());
    }

    private List<OrganizationScope> scopesOf(List<OrganizationRole> memberRoles) {
        Map<String, OrganizationScope> out = new LinkedHashMap<>();
        for (OrganizationRole r : memberRoles) for (OrganizationScope s : roleScopes(r.id())) out.put(s.id(), s);
        return sortedByName(out.values(), OrganizationScope::name);
    }

    private List<OrganizationRole> rolesOf(Set<String> roleIds) {
        if (roleIds == null) return List.of();
        return sortedByName(
                roleIds.stream().map(roles::get).filter(Objects::nonNull).toList(), OrganizationRole::name);
    }

    private static <T> List<T> sortedByName(Collection<T> items, java.util.function.Function<T, String> name) {
        return items.stream().sorted(Comparator.comparing(name)).toList();
    }

    // ---------------------------------------------------------------- organizations

    public synchronized Organization createOrganization(String name, String description, ObjectNode customData) {
        Organization org = new Organization(
                ids.shortId(),
                name,
                description,
                Json.copyObject(customData),
                false,
                Json.object(),
                Json.object(),
                null,
                now());
        organizations.put(org.id(), org);
        return org;
    }

    synchronized Organization putOrganization(Organization org) {
        organizations.put(org.id(), org);
        return org;
    }

    public synchronized void deleteOrganization(String id) {
        if (organizations.remove(id) == null) throw ApiError.notFound();
        orgUsers.remove(id);
        orgApps.remove(id);
        userRoles.keySet().removeIf(k -> k.startsWith(id + SEP));
        appRoles.keySet().removeIf(k -> k.startsWith(id + SEP));
        invitations.values().removeIf(i -> i.organizationId().equals(id));
        jitEmailDomains.remove(id);
        jitRoles.remove(id);
    }

    // ---------------------------------------------------------------- just-in-time provisioning settings

    /**
     * An organization's JIT email domains. Logto's query has no ORDER BY (recording 76 came back in byte
     * order, which is what this returns); it promises no order.
     */
    public synchronized List<String> jitEmailDomains(String orgId) {
        return List.copyOf(new TreeSet<>(jitEmailDomains.getOrDefault(orgId, Set.of())));
    }

    /** Stored exactly as sent: no lower-casing, no syntax check (recordings 74, 75a-75d); exact duplicates 422. */
    public synchronized void addJitEmailDomain(String orgId, String domain) {
        if (!organizations.containsKey(orgId)) throw ApiError.foreignKeyNotFound();
        if (!jitEmailDomains.computeIfAbsent(orgId, k -> new LinkedHashSet<>()).add(domain))
            throw ApiError.uniqueViolation();
    }

    synchronized void replaceJitEmailDomains(String orgId, List<String> domains) {
        if (!domains.isEmpty() && !organizations.containsKey(orgId)) throw ApiError.foreignKeyNotFound();
        if (new LinkedHashSet<>(domains).size() != domains.size()) throw ApiError.uniqueViolation();
        jitEmailDomains.put(orgId, new LinkedHashSet<>(domains));
    }

    synchronized void removeJitEmailDomain(String orgId, String domain) {
        Set<String> domains = jitEmailDomains.get(orgId);
        if (domains == null || !domains.remove(domain)) throw ApiError.notFound();
    }

    /** The roles a JIT-provisioned member gets, in the order they were added. */
    public synchronized List<OrganizationRole> jitRoles(String orgId) {
        return jitRoles.getOrDefault(orgId, Set.of()).stream()
                .map(roles::get)
                .filter(Objects::nonNull)
                .toList();
    }

    /** Any role type is accepted, MachineToMachine too (recording 82); unknown org or role 422; repeats ignored. */
    public synchronized void addJitRoles(String orgId, Collection<String> roleIds) {
        if (!organizations.containsKey(orgId) || !roles.keySet().containsAll(roleIds))
            throw ApiError.foreignKeyNotFound();
        jitRoles.computeIfAbsent(orgId, k -> new LinkedHashSet<>()).addAll(roleIds);
    }

    /** Logto's replaceWithDelta: kept rows keep their place, new ones follow (recording 85: member, admin). */
    synchronized void replaceJitRoles(String orgId, Collection<String> roleIds) {
        if (!roleIds.isEmpty()
                && (!organizations.containsKey(orgId) || !roles.keySet().containsAll(roleIds))) {
            throw ApiError.foreignKeyNotFound();
        }
        Set<String> current = jitRoles.computeIfAbsent(orgId, k -> new LinkedHashSet<>());
        current.retainAll(roleIds);
        current.addAll(roleIds);
    }

    synchronized void removeJitRole(String orgId, String roleId) {
        Set<String> assigned = jitRoles.get(orgId);
        if (assigned == null || !assigned.remove(roleId)) throw ApiError.notFound();
    }

    // ---------------------------------------------------------------- organization members

    /** Adds users to an organization; existing members are ignored. Unknown org or user → 422 (FK). */
    public synchronized void addMembers(String orgId, Collection<String> userIds) {
        if (!organizations.containsKey(orgId) || !users.keySet().containsAll(userIds))
            throw ApiError.foreignKeyNotFound();
        orgUsers.computeIfAbsent(orgId, k -> new LinkedHashSet<>()).addAll(userIds);
    }

    synchronized void replaceMembers(String orgId, Collection<String> userIds) {
        if (!organizations.containsKey(orgId) || !users.keySet().containsAll(userIds))
            throw ApiError.foreignKeyNotFound();
        for (String old : memberIds(orgId)) if (!userIds.contains(old)) userRoles.remove(orgId + SEP + old);
        orgUsers.put(orgId, new LinkedHashSet<>(userIds));
    }

    public synchronized void removeMember(String orgId, String userId) {
        Set<String> members = orgUsers.get(orgId);
        if (members == null || !members.remove(userId)) throw ApiError.notFound();
        userRoles.remove(orgId + SEP + userId);
    }

    /** Adds roles to a member (per-user route semantics: membership first, then FK, then role type). */
    public synchronized void assignUserRoles(String orgId, String userId, Collection<String> roleIds) {
        requireMember(orgId, userId);
        checkRoles(roleIds, OrganizationRole.USER);
        userRoles
                .computeIfAbsent(orgId + SEP + userId, k -> new LinkedHashSet<>())
                .addAll(roleIds);
    }

    synchronized void replaceUserRoles(String orgId, String userId, Collection<String> roleIds) {
        requireMember(orgId, userId);
        checkRoles(roleIds, OrganizationRole.USER);
        userRoles.put(orgId + SEP + userId, new LinkedHashSet<>(roleIds));
    }

    synchronized void removeUserRole(String orgId, String userId, String roleId) {
        requireMember(orgId, userId);
        Set<String> assigned = userRoles.get(orgId + SEP + userId);
        if (assigned == null || !assigned.remove(roleId)) throw ApiError.notFound();
    }

    /** Bulk route: all or nothing; non-members are a foreign-key failure there, not require_membership. */
    synchronized void assignRolesToUsers(String orgId, Collection<String> userIds, Collection<String> roleIds) {
        for (String u : userIds) if (!isMember(orgId, u)) throw ApiError.foreignKeyNotFound();
        checkRoles(roleIds, OrganizationRole.USER);
        for (String u : userIds)
            userRoles
                    .computeIfAbsent(orgId + SEP + u, k -> new LinkedHashSet<>())
                    .addAll(roleIds);
    }

    synchronized void requireMember(String orgId, String userId) {
        if (!isMember(orgId, userId)) throw ApiError.requireMembership();
    }

    private void checkRoles(Collection<String> roleIds, String type) {
        for (String r : roleIds) if (!roles.containsKey(r)) throw ApiError.foreignKeyNotFound();
        for (String r : roleIds) if (!roles.get(r).type().equals(type)) throw ApiError.dbConstraint();
    }

    /** Resolves {@code organizationRoleNames}; unknown names → 422 organization.role_names_not_found. */
    synchronized List<String> roleIdsByNames(Collection<String> names) {
        List<String> missing = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            Optional<OrganizationRole> r = roleByName(n);
            if (r.isPresent()) out.add(r.get().id());
            else missing.add(n);
        }
        if (!missing.isEmpty()) {
            String list = missing.size() == 1
                    ? missing.get(0)
                    : String.join(", ", missing.subList(0, missing.size() - 1)) + " and "
                            + missing.get(missing.size() - 1);
            throw new ApiError(
                    422,
                    "organization.role_names_not_found",
                    "Invalid role names detected: " + list + ". Please create these roles first before proceeding.");
        }
        return out;
    }

    // ---------------------------------------------------------------- organization applications

    public synchronized void addApps(String orgId, Collection<String> appIds) {
        if (!organizations.containsKey(orgId) || !applications.keySet().containsAll(appIds))
            throw ApiError.foreignKeyNotFound();
        for (String a : appIds) if (!applications.get(a).isMachineToMachine()) throw ApiError.dbConstraint();
        orgApps.computeIfAbsent(orgId, k -> new LinkedHashSet<>()).addAll(appIds);
    }

    synchronized void replaceApps(String orgId, Collection<String> appIds) {
        if (!organizations.containsKey(orgId) || !applications.keySet().containsAll(appIds))
            throw ApiError.foreignKeyNotFound();
        for (String a : appIds) if (!applications.get(a).isMachineToMachine()) throw ApiError.dbConstraint();
        for (String old : appIds(orgId)) if (!appIds.contains(old)) appRoles.remove(orgId + SEP + old);
        orgApps.put(orgId, new LinkedHashSet<>(appIds));
    }

    synchronized void removeApp(String orgId, String appId) {
        Set<String> apps = orgApps.get(orgId);
        if (apps == null || !apps.remove(appId)) throw ApiError.notFound();
        appRoles.remove(orgId + SEP + appId);
    }

    public synchronized void assignAppRoles(String orgId, String appId, Collection<String> roleIds) {
        if (!isAppMember(orgId, appId)) throw ApiError.requireMembership();
        checkRoles(roleIds, OrganizationRole.MACHINE_TO_MACHINE);
        appRoles.computeIfAbsent(orgId + SEP + appId, k -> new LinkedHashSet<>())
                .addAll(roleIds);
    }

    synchronized void replaceAppRoles(String orgId, String appId, Collection<String> roleIds) {
        if (!isAppMember(orgId, appId)) throw ApiError.requireMembership();
        checkRoles(roleIds, OrganizationRole.MACHINE_TO_MACHINE);
        appRoles.put(orgId + SEP + appId, new LinkedHashSet<>(roleIds));
    }

    synchronized void removeAppRole(String orgId, String appId, String roleId) {
        if (!isAppMember(orgId, appId)) throw ApiError.requireMembership();
        Set<String> assigned = appRoles.get(orgId + SEP + appId);
        if (assigned == null || !assigned.remove(roleId)) throw ApiError.notFound();
    }

    synchronized void assignRolesToApps(String orgId, Collection<String> appIds, Collection<String> roleIds) {
        for (String a : appIds) if (!isAppMember(orgId, a)) throw ApiError.foreignKeyNotFound();
        checkRoles(roleIds, OrganizationRole.MACHINE_TO_MACHINE);
        for (String a : appIds)
            appRoles.computeIfAbsent(orgId + SEP + a, k -> new LinkedHashSet<>())
                    .addAll(roleIds);
    }

    // ---------------------------------------------------------------- template: roles and scopes

    public synchronized OrganizationScope createScope(String name, String description) {
        if (scopes.values().stream().anyMatch(s -> s.name().equals(name))) throw ApiError.uniqueViolation();
        OrganizationScope scope = new OrganizationScope(ids.standardId(), name, description);
        scopes.put(scope.id(), scope);
        return scope;
    }

    synchronized OrganizationScope updateScope(String id, String name, String description) {
        if (!scopes.containsKey(id)) throw ApiError.notExists("organization scope");
        if (scopes.values().stream().anyMatch(s -> s.name().equals(name) && !s.id().equals(id)))
            throw ApiError.uniqueViolation();
        OrganizationScope scope = new OrganizationScope(id, name, description);
        scopes.put(id, scope);
        return scope;
    }

    synchronized void deleteScope(String id) {
        if (scopes.remove(id) == null) throw ApiError.notFound();
        roleScopes.values().forEach(s -> s.remove(id));
    }

    public synchronized OrganizationRole createRole(
            String name,
            String description,
            String type,
            Collection<String> scopeIds,
            Collection<String> resourceScopeIds) {
        if (roles.values().stream().anyMatch(r -> r.name().equals(name))) throw ApiError.uniqueViolation();
        boolean scopesExist = scopes.keySet().containsAll(scopeIds);
        boolean resourceScopesExist = resourceScopes.keySet().containsAll(resourceScopeIds);
        if (options.flavor().createsRoleInOneTransaction() && (!scopesExist || !resourceScopesExist)) {
            throw ApiError.foreignKeyNotFound(); // 1.42.0: createRoleWithScopes, one transaction (recording 49: [])
        }
        // v1.37.1 inserts the role, then the scope relations, then the resource-scope relations, each on its own;
        // the first failed insert answers 422 and what was inserted before stays (recording 49: the role persists).
        OrganizationRole role = new OrganizationRole(ids.standardId(), name, description, type);
        roles.put(role.id(), role);
        roleScopes.put(role.id(), new LinkedHashSet<>());
        roleResourceScopes.put(role.id(), new LinkedHashSet<>());
        if (!scopesExist) throw ApiError.foreignKeyNotFound();
        roleScopes.get(role.id()).addAll(scopeIds);
        if (!resourceScopesExist) throw ApiError.foreignKeyNotFound();
        roleResourceScopes.get(role.id()).addAll(resourceScopeIds);
        return role;
    }

    synchronized OrganizationRole updateRole(String id, String name, String description, String type) {
        if (!roles.containsKey(id)) throw ApiError.notExists("organization role");
        if (roles.values().stream().anyMatch(r -> r.name().equals(name) && !r.id().equals(id)))
            throw ApiError.uniqueViolation();
        OrganizationRole role = new OrganizationRole(id, name, description, type);
        roles.put(id, role);
        return role;
    }

    synchronized void deleteRole(String id) {
        if (roles.remove(id) == null) throw ApiError.notFound();
        roleScopes.remove(id);
        roleResourceScopes.remove(id);
        userRoles.values().forEach(s -> s.remove(id));
        appRoles.values().forEach(s -> s.remove(id));
        jitRoles.values().forEach(s -> s.remove(id));
        invitations.replaceAll((k, i) -> i.roleIds().contains(id)
                ? withRoles(i, i.roleIds().stream().filter(r -> !r.equals(id)).toList())
                : i);
    }

    synchronized void addRoleScopes(String roleId, Collection<String> scopeIds) {
        if (!roles.containsKey(roleId) || !scopes.keySet().containsAll(scopeIds)) throw ApiError.foreignKeyNotFound();
        roleScopes.computeIfAbsent(roleId, k -> new LinkedHashSet<>()).addAll(scopeIds);
    }

    /**
     * Logto's RelationQueries.replace: delete the role's relations, then insert the new ones, with no check that
     * the role exists; so an unknown role with {@code []} is a quiet 204 (recording 50) and with ids an FK error.
     */
    synchronized void replaceRoleScopes(String roleId, Collection<String> scopeIds) {
        if (scopeIds.isEmpty() && !roles.containsKey(roleId)) return;
        if (!roles.containsKey(roleId) || !scopes.keySet().containsAll(scopeIds)) throw ApiError.foreignKeyNotFound();
        roleScopes.put(roleId, new LinkedHashSet<>(scopeIds));
    }

    synchronized void removeRoleScope(String roleId, String scopeId) {
        Set<String> s = roleScopes.get(roleId);
        if (s == null || !s.remove(scopeId)) throw ApiError.notFound();
    }

    synchronized void addRoleResourceScopes(String roleId, Collection<String> scopeIds) {
        if (!roles.containsKey(roleId) || !resourceScopes.keySet().containsAll(scopeIds))
            throw ApiError.foreignKeyNotFound();
        roleResourceScopes.computeIfAbsent(roleId, k -> new LinkedHashSet<>()).addAll(scopeIds);
    }

    /** As {@link #replaceRoleScopes}: the same relation route. */
    synchronized void replaceRoleResourceScopes(String roleId, Collection<String> scopeIds) {
        if (scopeIds.isEmpty() && !roles.containsKey(roleId)) return;
        if (!roles.containsKey(roleId) || !resourceScopes.keySet().containsAll(scopeIds))
            throw ApiError.foreignKeyNotFound();
        roleResourceScopes.put(roleId, new LinkedHashSet<>(scopeIds));
    }

    synchronized void removeRoleResourceScope(String roleId, String scopeId) {
        Set<String> s = roleResourceScopes.get(roleId);
        if (s == null || !s.remove(scopeId)) throw ApiError.notFound();
    }

    public synchronized ApiResource createResource(String name, String indicator, Collection<String> scopeNames) {
        ApiResource resource = new ApiResource(ids.standardId(), name, indicator);
        resources.put(resource.id(), resource);
        for (String s : scopeNames) {
            ResourceScope scope = new ResourceScope(ids.standardId(), resource.id(), s, null, now());
            resourceScopes.put(scope.id(), scope);
        }
        return resource;
    }

    // ---------------------------------------------------------------- users and applications

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    static boolean isEmail(String s) {
        return s != null && EMAIL.matcher(s).matches();
    }

    /** Creates a user; unique username, email and phone as Logto's user library checks them. */
    public synchronized User createUser(String username, String primaryEmail, String name) {
        return createUser(username, primaryEmail, null, name, null, false);
    }

    synchronized User createUser(
            String username,
            String primaryEmail,
            String primaryPhone,
            String name,
            String avatar,
            boolean hasPassword) {
        return insertUser(ids.shortId(), username, primaryEmail, primaryPhone, name, avatar, hasPassword, now());
    }

    synchronized User insertUser(
            String id,
            String username,
            String primaryEmail,
            String primaryPhone,
            String name,
            String avatar,
            boolean hasPassword,
            long createdAt) {
        for (User u : users.values()) {
            if (username != null && username.equalsIgnoreCase(u.username())) {
                throw new ApiError(422, "user.username_already_in_use", "This username is already in use.");
            }
            if (primaryEmail != null && primaryEmail.equalsIgnoreCase(u.primaryEmail())) {
                throw new ApiError(
                        422, "user.email_already_in_use", "This email is associated with an existing account.");
            }
            if (primaryPhone != null && primaryPhone.equals(u.primaryPhone())) {
                throw new ApiError(
                        422, "user.phone_already_in_use", "This phone number is associated with an existing account.");
            }
        }
        User user = new User(
                id,
                username,
                primaryEmail,
                primaryPhone,
                name,
                avatar,
                Json.object(),
                Json.object(),
                hasPassword,
                null,
                createdAt,
                createdAt,
                null);
        users.put(id, user);
        return user;
    }

    /** Replaces a stored user as is (tests seeding recorded users, with their sign-in times). */
    synchronized User putUser(User user) {
        if (!users.containsKey(user.id())) throw ApiError.notFound();
        users.put(user.id(), user);
        return user;
    }

    /** Deletes a user; memberships and organization roles go with it (foreign keys on delete cascade). */
    public synchronized void deleteUser(String id) {
        if (users.remove(id) == null) throw ApiError.notFound();
        orgUsers.values().forEach(members -> members.remove(id));
        userRoles.keySet().removeIf(k -> k.endsWith(SEP + id));
    }

    /**
     * Registers an application. {@code id} may be fixed (like the gateway's M2M app) or null for a generated one.
     */
    public synchronized Application createApplication(
            String id, String name, String description, String type, String secret, boolean managementApi) {
        Application app = new Application(
                id != null ? id : ids.standardId(),
                name,
                description,
                type,
                secret != null ? secret : ids.standardId() + ids.standardId(),
                false,
                managementApi,
                now());
        applications.put(app.id(), app);
        return app;
    }

    // ---------------------------------------------------------------- invitations

    /** The rules of {@code POST /api/organization-invitations}; {@code messagePayload} null means "no email". */
    public synchronized Invitation createInvitation(
            String inviterId,
            String invitee,
            String organizationId,
            long expiresAt,
            List<String> roleIds,
            JsonNode messagePayload) {
        long now = now();
        if (expiresAt <= now) throw ApiError.invalidInput(400, "The value of `expiresAt` must be in the future.");
        if (!organizations.containsKey(organizationId)
                || (inviterId != null && !users.containsKey(inviterId))
                || !roles.keySet().containsAll(roleIds)) {
            throw ApiError.foreignKeyNotFound();
        }
        boolean member = users.values().stream()
                .anyMatch(u -> invitee.equals(u.primaryEmail()) && isMember(organizationId, u.id()));
        if (member) throw ApiError.invalidInput(422, "The invitee is already a member of the organization.");
        // Pending rows past their expiry are marked Expired first, so they don't block a new invitation.
        invitations.replaceAll(
                (k, i) -> i.effectiveStatus(now).equals("Expired") && i.status().equals("Pending")
                        ? withStatus(i, "Expired", i.acceptedUserId(), i.updatedAt())
                        : i);
        // The unique index is on the invitee as stored, which is exactly as sent: a case-different duplicate is a
        // second pending invitation, an exact one 422 (recordings 53-55, both versions).
        boolean pending = invitations.values().stream()
                .anyMatch(i -> i.status().equals("Pending")
                        && i.invitee().equals(invitee)
                        && i.organizationId().equals(organizationId));
        if (pending) throw ApiError.uniqueViolation();
        Invitation inv = new Invitation(
                ids.standardId(),
                inviterId,
                invitee,
                null,
                organizationId,
                "Pending",
                now,
                now,
                expiresAt,
                List.copyOf(new LinkedHashSet<>(roleIds)));
        if (messagePayload != null) sendMessage(inv, messagePayload); // a failed send rolls the creation back
        invitations.put(inv.id(), inv);
        return inv;
    }

    /** Sends (records) the invitation email, honouring the connector and rate-limit options. */
    synchronized void sendMessage(Invitation inv, JsonNode payload) {
        if (!options.emailConnector()) throw ApiError.connectorNotFound();
        long now = now();
        if (options.messageRateLimit()) {
            long recent = sentMessages.stream()
                    .filter(m -> m.recipient().equalsIgnoreCase(inv.invitee()) && m.sentAt() > now - 600_000L)
                    .count();
            if (recent >= 10) throw ApiError.messageRateLimited();
        }
        String link = payload.hasNonNull("link") ? payload.get("link").asText() : null;
        sentMessages.add(new SentMessage(inv.id(), inv.invitee(), link, payload.deepCopy(), now));
    }

    /** The invitation status machine of {@code PUT /api/organization-invitations/{id}/status}. */
    public synchronized Invitation changeInvitationStatus(String id, String status, String acceptedUserId) {
        Invitation inv = invitations.get(id);
        if (inv == null) throw ApiError.notFound();
        long now = now();
        if (!inv.effectiveStatus(now).equals("Pending")) {
            throw ApiError.invalidInput(422, "The status of the invitation cannot be changed anymore.");
        }
        if (status.equals("Revoked")) {
            return store(withStatus(inv, "Revoked", inv.acceptedUserId(), now));
        }
        if (acceptedUserId == null) {
            throw ApiError.invalidInput(422, "The `acceptedUserId` is required when accepting an invitation.");
        }
        User user = users.get(acceptedUserId);
        if (user == null) throw ApiError.notFound();
        if (user.primaryEmail() == null || !user.primaryEmail().equalsIgnoreCase(inv.invitee())) {
            throw ApiError.invalidInput(422, "The accepted user must have the same email as the invitee.");
        }
        orgUsers.computeIfAbsent(inv.organizationId(), k -> new LinkedHashSet<>())
                .add(acceptedUserId);
        userRoles
                .computeIfAbsent(inv.organizationId() + SEP + acceptedUserId, k -> new LinkedHashSet<>())
                .addAll(inv.roleIds());
        return store(withStatus(inv, "Accepted", acceptedUserId, now));
    }

    synchronized void deleteInvitation(String id) {
        if (invitations.remove(id) == null) throw ApiError.notFound();
    }

    /** Inserts an invitation row as is (sample data: expired or old invitations). */
    synchronized Invitation putInvitation(Invitation inv) {
        return store(inv);
    }

    private Invitation store(Invitation inv) {
        invitations.put(inv.id(), inv);
        return inv;
    }

    private static Invitation withStatus(Invitation i, String status, String acceptedUserId, long updatedAt) {
        return new Invitation(
                i.id(),
                i.inviterId(),
                i.invitee(),
                acceptedUserId,
                i.organizationId(),
                status,
                i.createdAt(),
                updatedAt,
                i.expiresAt(),
                i.roleIds());
    }

    private static Invitation withRoles(Invitation i, List<String> roleIds) {
        return new Invitation(
                i.id(),
                i.inviterId(),
                i.invitee(),
                i.acceptedUserId(),
                i.organizationId(),
                i.status(),
                i.createdAt(),
                i.updatedAt(),
                i.expiresAt(),
                roleIds);
    }
}

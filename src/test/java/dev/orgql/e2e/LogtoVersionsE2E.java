package dev.orgql.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.devlogto.Organization;
import dev.orgql.devlogto.OrganizationRole;
import dev.orgql.devlogto.SampleData;
import dev.orgql.devlogto.StandInData;
import dev.orgql.devlogto.StandInOptions;
import dev.orgql.devlogto.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The gateway behaviours that depend on where Logto versions differ (README of the recordings, "Differences
 * between v1.37.1 and v1.42.0"), end to end over real HTTP against the dev-mode stand-in. One subclass per
 * supported version ({@link LogtoV137E2ETest}, {@link LogtoV142E2ETest}) sets {@code orgql.dev.logto-version};
 * every test here must pass on both. Each test makes its own organization and users, so the order of tests
 * does not matter.
 */
abstract class LogtoVersionsE2E extends DevModeE2E {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** The Logto version the subclass runs against, as orgql.dev.logto-version takes it. */
    abstract String logtoVersion();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("orgql.dev.logto-version", logtoVersion());
        return properties;
    }

    @Test
    void theStandInImitatesTheChosenVersion() {
        assertThat(devLogto.standIn().options().flavor()).isEqualTo(StandInOptions.Flavor.ofVersion(logtoVersion()));
    }

    // ------------------------------------------------------------------ the last-admin guard (defect 1)

    @Test
    void theOnlyAdminCannotSetOwnRolesToMember() {
        Team team = team();
        Answer answer = graphql(
                tokenOf(team.admin),
                operation("setMemberRoles"),
                input(
                        team,
                        "userId",
                        team.admin.id(),
                        "roleIds",
                        List.of(role("member").id())));
        assertLastAdmin(answer, "setMemberRoles", team);
    }

    @Test
    void theOnlyAdminCannotSetOwnRolesToNone() {
        Team team = team();
        Answer answer = graphql(
                tokenOf(team.admin),
                operation("setMemberRoles"),
                input(team, "userId", team.admin.id(), "roleIds", List.of()));
        assertLastAdmin(answer, "setMemberRoles", team);
    }

    @Test
    void theOnlyAdminCannotRemoveOwnAdminRole() {
        Team team = team();
        Answer answer = graphql(
                tokenOf(team.admin),
                operation("removeMemberRole"),
                input(team, "userId", team.admin.id(), "roleId", role("admin").id()));
        assertLastAdmin(answer, "removeMemberRole", team);
    }

    @Test
    void theOnlyAdminCannotRemoveSelf() {
        Team team = team();
        Answer answer = graphql(tokenOf(team.admin), operation("removeMember"), input(team, "userId", team.admin.id()));
        assertLastAdmin(answer, "removeMember", team);
    }

    @Test
    void theOnlyAdminCannotLeave() {
        Team team = team();
        Answer answer = graphql(tokenOf(team.admin), operation("leaveOrganization"), input(team));
        assertLastAdmin(answer, "leaveOrganization", team);
    }

    @Test
    void oneOfTwoAdminsCanStillStepDown() {
        Team team = team();
        StandInData data = devLogto.standIn().data();
        data.assignUserRoles(
                team.org.id(), team.member.id(), List.of(role("admin").id()));
        Answer answer = graphql(
                tokenOf(team.admin),
                operation("setMemberRoles"),
                input(
                        team,
                        "userId",
                        team.admin.id(),
                        "roleIds",
                        List.of(role("member").id())));
        assertThat(answer.data().at("/setMemberRoles/userErrors"))
                .as(answer.body().toString())
                .isEmpty();
        assertThat(roleNames(team.org, team.admin)).containsExactly("member");
    }

    // ------------------------------------------------------------------ members(roleId:) (defect 2)

    @Test
    void membersByRoleAreExactlyTheRoleHoldersAcrossPages() {
        Organization org = organization();
        List<String> admins = new ArrayList<>();
        List<String> everyone = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            User u = user("roles" + i);
            everyone.add(u.id());
            boolean admin = i % 2 == 0; // 4 admins of 7
            join(org, u, admin ? "admin" : "member");
            if (admin) admins.add(u.id());
        }
        String adminRole = role("admin").id();
        String query = operation("membersByRolePage");
        String token = devLogto.userToken(admins.get(0));

        Map<String, Object> variables = new HashMap<>(Map.of("id", org.id(), "role", adminRole));
        JsonNode first = graphql(token, query, variables).data().at("/organization/members");
        assertThat(first.get("totalCount").asInt()).as(first.toString()).isEqualTo(4);
        assertThat(first.get("nodes")).hasSize(3);
        assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
        variables.put("after", first.at("/pageInfo/endCursor").asText());
        JsonNode second = graphql(token, query, variables).data().at("/organization/members");
        assertThat(second.get("totalCount").asInt()).isEqualTo(4);
        assertThat(second.at("/pageInfo/hasNextPage").asBoolean()).isFalse();

        List<String> seen = new ArrayList<>(first.get("nodes").findValuesAsText("userId"));
        seen.addAll(second.get("nodes").findValuesAsText("userId"));
        assertThat(seen).containsExactlyElementsOf(admins.stream().sorted().toList());
        first.get("nodes")
                .forEach(
                        n -> assertThat(n.get("roles").findValuesAsText("name")).contains("admin"));

        JsonNode all = graphql(token, query, Map.of("id", org.id())).data().at("/organization/members");
        assertThat(all.get("totalCount").asInt()).isEqualTo(everyone.size());
    }

    @Test
    void membersWithAnUnknownRoleIdAreNone() {
        Organization org = organization();
        User admin = user("garbage-admin");
        join(org, admin, "admin");
        join(org, user("garbage-member"), "member");
        Answer answer = graphql(
                devLogto.userToken(admin.id()), operation("memberIdsByRole"), Map.of("id", org.id(), "role", "nope"));
        JsonNode members = answer.data().at("/organization/members");
        // No member of a role that does not exist: an empty page, or a userless error, but never everyone.
        if (!members.isMissingNode() && !members.isNull()) {
            assertThat(members.get("nodes")).as(answer.body().toString()).isEmpty();
            assertThat(members.get("totalCount").asInt()).isZero();
        } else {
            assertThat(answer.errors()).as(answer.body().toString()).isNotEmpty();
        }
    }

    // ------------------------------------------------------------------ members(search:) (defect 3)

    @Test
    void searchTextIsMatchedLiterallyNotAsAWildcard() {
        Organization org = organization();
        String tag = "lit" + SEQUENCE.incrementAndGet() + logtoVersion().replace(".", "");
        StandInData data = devLogto.standIn().data();
        User admin = data.createUser(tag + "admin", tag + "admin@example.com", "Admin");
        User underscore = data.createUser(tag + "user_01", tag + "u@example.com", "Underscore");
        User lookalike = data.createUser(tag + "user001", tag + "l@example.com", "Test User 010");
        User percent = data.createUser(tag + "pct", tag + "p@example.com", "100% sure");
        join(org, admin, "admin");
        for (User u : List.of(underscore, lookalike, percent)) join(org, u, "member");
        String token = devLogto.userToken(admin.id());
        String query = operation("memberIdsBySearch");

        JsonNode byPercent = graphql(token, query, Map.of("id", org.id(), "search", "%"))
                .data()
                .at("/organization/members");
        assertThat(byPercent.get("nodes").findValuesAsText("userId"))
                .as(byPercent.toString())
                .containsExactly(percent.id());
        assertThat(byPercent.get("totalCount").asInt()).isEqualTo(1);

        JsonNode byUnderscore = graphql(token, query, Map.of("id", org.id(), "search", "user_01"))
                .data()
                .at("/organization/members");
        assertThat(byUnderscore.get("nodes").findValuesAsText("userId"))
                .as(byUnderscore.toString())
                .containsExactly(underscore.id());
        assertThat(byUnderscore.get("totalCount").asInt()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ createRole (defect 6)

    @Test
    void createRoleWithAnUnknownScopeLeavesNoRoleBehind() {
        String name = "half-made-" + SEQUENCE.incrementAndGet();
        Answer answer = graphql(
                devLogto.userToken(SampleData.ADMIN_USER_ID),
                operation("createRoleOutcome"),
                Map.of("input", Map.of("name", name, "scopeIds", List.of("nope"))));
        assertThat(answer.data().at("/createRole/userErrors/0/code").asText())
                .as(answer.body().toString())
                .isEqualTo("NOT_FOUND");
        assertThat(answer.data().at("/createRole/userErrors/0/field"))
                .isEqualTo(JSON.valueToTree(List.of("input", "scopeIds")));
        assertThat(answer.data().at("/createRole/role").isNull()).isTrue();
        assertThat(devLogto.standIn().data().roleByName(name))
                .as("role left behind in Logto")
                .isEmpty();
    }

    // ------------------------------------------------------------------ invitations (defect 7)

    @Test
    void aCaseDifferentInvitationIsAlreadyPending() {
        Organization org = organization();
        User admin = user("inviter");
        join(org, admin, "admin");
        String token = devLogto.userToken(admin.id());
        Answer first = graphql(
                token,
                operation("inviteMember"),
                Map.of("input", Map.of("organizationId", org.id(), "invitee", "dup@example.com", "sendEmail", false)));
        assertThat(first.data().at("/inviteMember/userErrors"))
                .as(first.body().toString())
                .isEmpty();

        Answer second = graphql(
                token,
                operation("inviteMember"),
                Map.of("input", Map.of("organizationId", org.id(), "invitee", "DUP@example.com", "sendEmail", false)));
        assertThat(second.data().at("/inviteMember/userErrors/0/code").asText())
                .as(second.body().toString())
                .isEqualTo("INVITATION_ALREADY_PENDING");
        assertThat(devLogto.standIn().data().invitations().stream()
                        .filter(i -> i.organizationId().equals(org.id())
                                && i.status().equals("Pending")))
                .hasSize(1);
    }

    // ------------------------------------------------------------------ helpers

    /** An organization with exactly one admin and one member. */
    private Team team() {
        Organization org = organization();
        User admin = user("admin");
        User member = user("member");
        join(org, admin, "admin");
        join(org, member, "member");
        return new Team(org, admin, member);
    }

    private record Team(Organization org, User admin, User member) {}

    /** A user token for the gateway's API, as the user's frontend would hold it. */
    private String tokenOf(User user) {
        return devLogto.userToken(user.id());
    }

    private void assertLastAdmin(Answer answer, String mutation, Team team) {
        assertThat(answer.data().at("/" + mutation + "/userErrors/0/code").asText())
                .as(answer.body().toString())
                .isEqualTo("LAST_ADMIN");
        StandInData data = devLogto.standIn().data();
        assertThat(data.isMember(team.org.id(), team.admin.id()))
                .as("still a member")
                .isTrue();
        assertThat(roleNames(team.org, team.admin)).as("still an admin").contains("admin");
    }

    private Organization organization() {
        return devLogto.standIn()
                .data()
                .createOrganization("Versions " + logtoVersion() + " #" + SEQUENCE.incrementAndGet(), null, null);
    }

    private User user(String name) {
        String tag = name + SEQUENCE.incrementAndGet() + "-" + logtoVersion();
        return devLogto.standIn()
                .data()
                .createUser("v" + tag.replace(".", "").replace("-", ""), tag + "@versions.example.com", name);
    }

    private OrganizationRole role(String name) {
        return devLogto.standIn().data().roleByName(name).orElseThrow();
    }

    private void join(Organization org, User user, String roleName) {
        StandInData data = devLogto.standIn().data();
        data.addMembers(org.id(), List.of(user.id()));
        data.assignUserRoles(org.id(), user.id(), List.of(role(roleName).id()));
    }

    private List<String> roleNames(Organization org, User user) {
        return devLogto.standIn().data().userRoles(org.id(), user.id()).stream()
                .map(OrganizationRole::name)
                .toList();
    }

    private static Map<String, Object> input(Team team, Object... pairs) {
        Map<String, Object> input = new HashMap<>();
        input.put("organizationId", team.org.id());
        for (int i = 0; i < pairs.length; i += 2) input.put((String) pairs[i], pairs[i + 1]);
        return Map.of("input", input);
    }
}

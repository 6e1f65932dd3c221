package dev.orgql.access;

import static dev.orgql.auth.OrganizationPermission.DELETE_MEMBER;
import static dev.orgql.auth.OrganizationPermission.INVITE_MEMBER;
import static dev.orgql.auth.OrganizationPermission.MANAGE_MEMBER;
import static dev.orgql.auth.OrganizationPermission.READ_DATA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.access.AccessRule.Subject;
import dev.orgql.auth.ApiPermission;
import dev.orgql.auth.AuthConfig;
import dev.orgql.auth.Caller;
import dev.orgql.auth.OrganizationPermission;
import dev.orgql.auth.TokenKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The access decision as a table: rule, token kind, binding, scopes, and what is known about the
 * field's organization or invitation, to the decision. The end-to-end tests (HiddenExistenceTest, the
 * policy tests, InvitationMutationsTest ...) show the same rules through real requests.
 */
class AccessDecisionTest {
    private static final String ORG = "org-a";

    /** The rules of representative schema fields, as the directive declares them. */
    private static final Map<String, AccessRule> RULES = Map.of(
            "viewer",
                    rule(
                            "Query.viewer",
                            CallerKind.USER,
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(),
                            Subject.NONE,
                            null),
            "template",
                    rule(
                            "Query.organizationTemplate",
                            CallerKind.USER,
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(),
                            Subject.NONE,
                            null),
            "organization",
                    rule(
                            "Query.organization",
                            CallerKind.ANY,
                            List.of(READ_DATA),
                            List.of(),
                            List.of(),
                            List.of(),
                            Subject.organizationArgument("id"),
                            null),
            "members",
                    rule(
                            "Organization.members",
                            CallerKind.ANY,
                            List.of(READ_DATA),
                            List.of(),
                            List.of(),
                            List.of(),
                            Subject.PARENT,
                            null),
            "leave",
                    rule(
                            "Mutation.leaveOrganization",
                            CallerKind.USER,
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(),
                            Subject.organizationArgument("input.organizationId"),
                            null),
            "createOrganization",
                    rule(
                            "Mutation.createOrganization",
                            CallerKind.USER,
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(ApiPermission.CREATE_ORGANIZATION),
                            Subject.NONE,
                            null),
            "createRole",
                    rule(
                            "Mutation.createRole",
                            CallerKind.ANY,
                            List.of(),
                            List.of(),
                            List.of(ApiPermission.MANAGE_TEMPLATE),
                            List.of(),
                            Subject.NONE,
                            null),
            "invitation",
                    rule(
                            "Query.invitation",
                            CallerKind.ANY,
                            List.of(READ_DATA),
                            List.of(),
                            List.of(),
                            List.of(),
                            Subject.resource("invitation", "id"),
                            "invitee"),
            "accept",
                    rule(
                            "Mutation.acceptInvitation",
                            CallerKind.USER,
                            List.of(),
                            List.of(),
                            List.of(),
                            List.of(),
                            Subject.resource("invitation", "input.invitationId"),
                            "invitee"),
            "resend",
                    rule(
                            "Mutation.resendInvitation",
                            CallerKind.ANY,
                            List.of(INVITE_MEMBER),
                            List.of(),
                            List.of(),
                            List.of(),
                            Subject.resource("invitation", "input.invitationId"),
                            null));
    /** Not used by the schema today: a rule with one-of permissions. */
    private static final AccessRule ANY_OF = rule(
            "Mutation.anyOf",
            CallerKind.ANY,
            List.of(READ_DATA),
            List.of(MANAGE_MEMBER, DELETE_MEMBER),
            List.of(),
            List.of(),
            Subject.organizationArgument("input.organizationId"),
            null);

    private static final AccessPolicy INVITEE = new AccessPolicy() {
        public String name() {
            return "invitee";
        }

        public String resourceKind() {
            return "invitation";
        }

        public String admits() {
            return "its invitee";
        }

        public String alternative() {
            return "being its invitee";
        }

        public CompletableFuture<Predicate<Object>> prepare(Caller caller, Loaders loaders) {
            throw new AssertionError("the decision never loads anything");
        }
    };

    private static AccessRule rule(
            String field,
            CallerKind caller,
            List<OrganizationPermission> allOf,
            List<OrganizationPermission> anyOf,
            List<ApiPermission> api,
            List<ApiPermission> apiIfEnabled,
            Subject subject,
            String policy) {
        return new AccessRule(field, caller, allOf, anyOf, api, apiIfEnabled, subject, policy);
    }

    private static AccessDecider decider(boolean createOrganizationRequiresScope) {
        AuthConfig config = new AuthConfig();
        config.setCreateOrganizationRequiresScope(createOrganizationRequiresScope);
        return new AccessDecider(config, List.of(INVITEE));
    }

    /**
     * Columns: rule; token kind (ANONYMOUS for no token); binding of the token (NONE, SAME: bound to the
     * field's organization org-a, OTHER: bound to org-b); the token's scope claim; what the field is
     * about (org-a, none for a missing id; for invitations inv-1 not yet looked up, inv-1=missing,
     * inv-1=found, inv-1=invitee when found and the policy admits the caller); the organization scopes
     * held there ("-": not looked up yet); the decision.
     */
    @ParameterizedTest(name = "{0} with {1}/{2} [{3}] on {4} holding [{5}] -> {6}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            viewer             | ANONYMOUS             | NONE  | ''                  | none        | -                   | UNAUTHENTICATED
            viewer             | USER                  | NONE  | ''                  | none        | -                   | ALLOWED
            viewer             | USER_ORGANIZATION     | SAME  | read:data           | none        | -                   | ALLOWED
            viewer             | USER_ORGANIZATION_API | SAME  | ''                  | none        | -                   | ALLOWED
            viewer             | BOT_ORGANIZATION      | SAME  | read:data           | none        | -                   | FORBIDDEN
            viewer             | MACHINE               | NONE  | ''                  | none        | -                   | FORBIDDEN
            template           | USER                  | NONE  | ''                  | none        | -                   | ALLOWED
            template           | USER_ORGANIZATION     | OTHER | ''                  | none        | -                   | ALLOWED
            template           | BOT_ORGANIZATION      | SAME  | read:data           | none        | -                   | FORBIDDEN
            template           | MACHINE               | SAME  | manage:template     | none        | -                   | FORBIDDEN
            template           | ANONYMOUS             | NONE  | ''                  | none        | -                   | UNAUTHENTICATED
            organization       | USER                  | NONE  | ''                  | org-a       | -                   | LOAD_SCOPES org-a
            organization       | USER                  | NONE  | ''                  | org-a       | read:data           | ALLOWED
            organization       | USER                  | NONE  | ''                  | org-a       | ''                  | FORBIDDEN [read:data] org-a
            organization       | USER                  | NONE  | ''                  | none        | -                   | BAD_USER_INPUT
            organization       | USER_ORGANIZATION     | SAME  | read:data           | org-a       | read:data           | ALLOWED
            organization       | USER_ORGANIZATION     | OTHER | read:data           | org-a       | ''                  | FORBIDDEN [read:data] org-a
            organization       | USER_ORGANIZATION_API | SAME  | read:data           | org-a       | ''                  | FORBIDDEN [read:data] org-a
            organization       | BOT_ORGANIZATION      | SAME  | read:data           | org-a       | read:data           | ALLOWED
            organization       | BOT_ORGANIZATION      | OTHER | read:data           | org-a       | ''                  | FORBIDDEN [read:data] org-a
            organization       | MACHINE               | NONE  | read:data           | org-a       | ''                  | FORBIDDEN [read:data] org-a
            organization       | MACHINE               | SAME  | ''                  | org-a       | ''                  | FORBIDDEN [read:data] org-a
            organization       | ANONYMOUS             | NONE  | ''                  | org-a       | -                   | UNAUTHENTICATED
            members            | USER_ORGANIZATION     | SAME  | read:data           | org-a       | -                   | LOAD_SCOPES org-a
            members            | USER_ORGANIZATION     | SAME  | read:data           | org-a       | read:data           | ALLOWED
            members            | BOT_ORGANIZATION      | SAME  | write:data          | org-a       | write:data          | FORBIDDEN [read:data] org-a
            leave              | USER                  | NONE  | ''                  | org-a       | -                   | ALLOWED
            leave              | USER_ORGANIZATION     | SAME  | ''                  | org-a       | -                   | ALLOWED
            leave              | USER_ORGANIZATION     | OTHER | ''                  | org-a       | -                   | FORBIDDEN [] org-a
            leave              | USER_ORGANIZATION_API | OTHER | ''                  | org-a       | -                   | FORBIDDEN [] org-a
            leave              | USER                  | NONE  | ''                  | none        | -                   | BAD_USER_INPUT
            leave              | BOT_ORGANIZATION      | SAME  | ''                  | org-a       | -                   | FORBIDDEN
            createOrganization | USER                  | NONE  | create:organization | none        | -                   | ALLOWED
            createOrganization | USER                  | NONE  | ''                  | none        | -                   | FORBIDDEN [create:organization]
            createOrganization | USER_ORGANIZATION     | SAME  | create:organization | none        | -                   | FORBIDDEN [create:organization]
            createOrganization | MACHINE               | NONE  | create:organization | none        | -                   | FORBIDDEN
            createRole         | USER                  | NONE  | manage:template     | none        | -                   | ALLOWED
            createRole         | MACHINE               | NONE  | manage:template     | none        | -                   | ALLOWED
            createRole         | MACHINE               | SAME  | manage:template     | none        | -                   | FORBIDDEN [manage:template]
            createRole         | USER_ORGANIZATION_API | SAME  | manage:template     | none        | -                   | FORBIDDEN [manage:template]
            createRole         | BOT_ORGANIZATION      | SAME  | manage:template     | none        | -                   | FORBIDDEN [manage:template]
            createRole         | USER                  | NONE  | ''                  | none        | -                   | FORBIDDEN [manage:template]
            invitation         | USER                  | NONE  | ''                  | inv-1       | -                   | LOAD_RESOURCE invitation inv-1
            invitation         | USER                  | NONE  | ''                  | none        | -                   | BAD_USER_INPUT
            invitation         | USER                  | NONE  | ''                  | inv-1=invitee | -                 | ALLOWED
            invitation         | USER                  | NONE  | ''                  | inv-1=found | -                   | LOAD_SCOPES org-a
            invitation         | USER                  | NONE  | ''                  | inv-1=found | read:data           | ALLOWED
            invitation         | USER                  | NONE  | ''                  | inv-1=found | ''                  | INVISIBLE [read:data]
            invitation         | USER                  | NONE  | ''                  | inv-1=missing | -                 | INVISIBLE [read:data]
            invitation         | USER_ORGANIZATION     | SAME  | read:data           | inv-1=found | read:data           | ALLOWED
            invitation         | USER_ORGANIZATION     | OTHER | read:data           | inv-1=invitee | -                 | INVISIBLE [read:data]
            invitation         | USER_ORGANIZATION_API | SAME  | ''                  | inv-1=found | ''                  | INVISIBLE [read:data]
            invitation         | BOT_ORGANIZATION      | SAME  | read:data           | inv-1=found | read:data           | ALLOWED
            invitation         | BOT_ORGANIZATION      | OTHER | read:data           | inv-1=found | -                   | INVISIBLE [read:data]
            invitation         | MACHINE               | NONE  | ''                  | inv-1=found | ''                  | INVISIBLE [read:data]
            invitation         | ANONYMOUS             | NONE  | ''                  | inv-1       | -                   | UNAUTHENTICATED
            accept             | USER                  | NONE  | ''                  | inv-1=invitee | -                 | ALLOWED
            accept             | USER                  | NONE  | ''                  | inv-1=found | -                   | INVISIBLE
            accept             | USER                  | NONE  | ''                  | inv-1=missing | -                 | INVISIBLE
            accept             | USER_ORGANIZATION     | SAME  | read:data           | inv-1=invitee | -                 | ALLOWED
            accept             | USER_ORGANIZATION_API | OTHER | ''                  | inv-1=invitee | -                 | INVISIBLE
            accept             | BOT_ORGANIZATION      | SAME  | read:data           | inv-1       | -                   | FORBIDDEN
            accept             | MACHINE               | NONE  | ''                  | inv-1       | -                   | FORBIDDEN
            resend             | USER                  | NONE  | ''                  | inv-1=found | invite:member       | ALLOWED
            resend             | USER                  | NONE  | ''                  | inv-1=found | read:data           | FORBIDDEN [invite:member] org-a
            resend             | USER                  | NONE  | ''                  | inv-1=found | ''                  | INVISIBLE [invite:member]
            resend             | USER                  | NONE  | ''                  | inv-1=invitee | ''                | INVISIBLE [invite:member]
            resend             | BOT_ORGANIZATION      | SAME  | invite:member       | inv-1=found | invite:member       | ALLOWED
            """)
    void decides(
            String rule,
            String token,
            String binding,
            String tokenScopes,
            String subject,
            String held,
            String expected) {
        AccessRule accessRule = RULES.get(rule);
        AccessDecision decision =
                decider(true).decide(accessRule, caller(token, binding, tokenScopes), facts(accessRule, subject, held));
        assertThat(describe(decision)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "one of: holding [{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            read:data manage:member | ALLOWED
            read:data delete:member | ALLOWED
            read:data               | FORBIDDEN [manage:member, delete:member] org-a
            manage:member           | FORBIDDEN [read:data] org-a
            ''                      | FORBIDDEN [read:data, manage:member, delete:member] org-a
            """)
    void anyOfPermissionsNeedOne(String held, String expected) {
        AccessDecision decision = decider(true).decide(ANY_OF, caller("USER", "NONE", ""), facts(ANY_OF, ORG, held));
        assertThat(describe(decision)).isEqualTo(expected);
    }

    @Test
    void anApiPermissionIfEnabledIsNotAskedForWhereTheDeploymentDoesNotEnableIt() {
        AccessDecision decision = decider(false)
                .decide(
                        RULES.get("createOrganization"),
                        caller("USER", "NONE", ""),
                        facts(RULES.get("createOrganization"), "none", "-"));
        assertThat(decision).isInstanceOf(AccessDecision.Allowed.class);
    }

    @Test
    void anUnknownInvitationIsRefusedExactlyAsOneTheCallerMayNotSee() {
        AccessRule rule = RULES.get("invitation");
        Caller caller = caller("USER", "NONE", "");
        AccessDecision missing = decider(true).decide(rule, caller, facts(rule, "inv-1=missing", "-"));
        AccessDecision hidden = decider(true).decide(rule, caller, facts(rule, "inv-1=found", ""));
        assertThat(missing).isEqualTo(hidden);
        assertThat(((AccessDecision.Denied) missing).message())
                .doesNotContain(ORG)
                .contains("it needs read:data in the invitation's organization, or being its invitee");
    }

    private static Caller caller(String token, String binding, String scopes) {
        if (token.equals("ANONYMOUS")) {
            return null;
        }
        String organizationId = switch (binding) {
            case "SAME" -> ORG;
            case "OTHER" -> "org-b";
            default -> null;
        };
        TokenKind kind = TokenKind.valueOf(token);
        return new Caller(
                kind == TokenKind.MACHINE || kind == TokenKind.BOT_ORGANIZATION ? "app-1" : "user-1",
                "client-1",
                kind,
                organizationId,
                split(scopes));
    }

    private static AccessFacts facts(AccessRule rule, String subject, String held) {
        String id = subject.equals("none") ? null : subject.split("=")[0];
        AccessFacts facts = rule.subject().kind() == AccessRule.SubjectKind.RESOURCE
                ? AccessFacts.forResource(id)
                : AccessFacts.forOrganization(id);
        if (subject.endsWith("=missing")) {
            facts = facts.withoutResource();
        } else if (subject.endsWith("=found") || subject.endsWith("=invitee")) {
            facts = facts.withResource(ORG, subject.endsWith("=invitee"));
        }
        return held.equals("-") ? facts : facts.withScopes(split(held));
    }

    private static Set<String> split(String scopes) {
        return scopes == null || scopes.isBlank()
                ? Set.of()
                : Arrays.stream(scopes.trim().split("\\s+")).collect(Collectors.toSet());
    }

    /** The decision as the table writes it. */
    private static String describe(AccessDecision decision) {
        if (decision instanceof AccessDecision.Allowed) {
            return "ALLOWED";
        }
        if (decision instanceof AccessDecision.LoadScopes load) {
            return "LOAD_SCOPES " + load.organizationId();
        }
        if (decision instanceof AccessDecision.LoadResource load) {
            return "LOAD_RESOURCE " + load.kind() + " " + load.id();
        }
        AccessDecision.Denied denied = (AccessDecision.Denied) decision;
        Map<String, Object> extensions = denied.extensions() == null ? Map.of() : denied.extensions();
        boolean invisible = denied.code() == AccessDecision.Refusal.FORBIDDEN
                && denied.message().startsWith("No invitation ");
        StringBuilder text =
                new StringBuilder(invisible ? "INVISIBLE" : denied.code().name());
        if (extensions.containsKey("missingScopes")) {
            text.append(" ").append(extensions.get("missingScopes"));
        } else if (extensions.containsKey("organizationId")) {
            text.append(" []");
        }
        if (extensions.containsKey("organizationId")) {
            text.append(" ").append(extensions.get("organizationId"));
        }
        return text.toString();
    }
}

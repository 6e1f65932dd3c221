package dev.orgql.graphql;

import static dev.orgql.auth.OrganizationPermission.READ_DATA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgql.access.AccessPolicy;
import dev.orgql.access.AccessRule;
import dev.orgql.access.CallerKind;
import dev.orgql.access.Loaders;
import dev.orgql.access.ResourceLookup;
import dev.orgql.auth.Caller;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The directive is read into rules once, and a rule that cannot work stops start-up. */
class RequiresScopeDirectiveTest {
    private static final String DIRECTIVE = """
            directive @requiresScope(permissions: [String!] = [], anyOfPermissions: [String!] = [], apiPermissions: [String!] = [],
              apiPermissionsIfEnabled: [String!] = [], caller: String, policy: String, organizationArgument: String,
              invitationArgument: String) on FIELD_DEFINITION
            """;

    private static final ResourceLookup INVITATIONS = new ResourceLookup() {
        public String kind() {
            return "invitation";
        }

        public CompletableFuture<Resource> find(String id, Loaders loaders) {
            return CompletableFuture.completedFuture(null);
        }
    };

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
            return CompletableFuture.completedFuture(x -> false);
        }
    };

    private static List<AccessRule> read(String types, List<AccessPolicy> policies) {
        return List.copyOf(RequiresScopeDirective.read(
                        new SchemaParser()
                                .parse(DIRECTIVE.replace("String!", "E!").replace("caller: String", "caller: K")
                                        + "enum E { READ_DATA MANAGE_MEMBER CREATE_ORGANIZATION }\nenum K { ANY USER }\n"
                                        + types),
                        policies,
                        List.of(INVITATIONS))
                .all());
    }

    @Test
    void readsEachUseIntoOneRule() {
        List<AccessRule> rules = read("""
                type Query {
                  a(id: ID!): Int @requiresScope(permissions: [READ_DATA], invitationArgument: "id", policy: "invitee")
                  b: Int @requiresScope(caller: USER)
                  c: Int
                }
                type Org { d: Int @requiresScope(permissions: [READ_DATA]) }
                """, List.of(INVITEE));
        assertThat(rules).extracting(AccessRule::field).containsExactly("Org.d", "Query.a", "Query.b");
        AccessRule a = rules.get(1);
        assertThat(a.allOf()).containsExactly(READ_DATA);
        assertThat(a.subject()).isEqualTo(AccessRule.Subject.resource("invitation", "id"));
        assertThat(a.policy()).isEqualTo("invitee");
        assertThat(rules.get(2).caller()).isEqualTo(CallerKind.USER);
        assertThat(rules.get(2).subject()).isEqualTo(AccessRule.Subject.NONE);
        assertThat(rules.get(0).subject()).isEqualTo(AccessRule.Subject.PARENT);
    }

    @Test
    void anUnknownPolicyStopsStartUp() {
        assertThatThrownBy(() -> read(
                        "type Query { a(id: ID!): Int @requiresScope(invitationArgument: \"id\", policy: \"nobody\") }",
                        List.of(INVITEE)))
                .hasMessageContaining("Query.a")
                .hasMessageContaining("nobody");
    }

    @Test
    void aPolicyWithoutTheResourceItJudgesStopsStartUp() {
        assertThatThrownBy(() -> read("type Query { a: Int @requiresScope(policy: \"invitee\") }", List.of(INVITEE)))
                .hasMessageContaining("Query.a")
                .hasMessageContaining("invitationArgument");
    }

    @Test
    void organizationAndInvitationArgumentsTogetherStopStartUp() {
        assertThatThrownBy(() -> read(
                        "type Query { a(id: ID!): Int @requiresScope(organizationArgument: \"id\", invitationArgument: \"id\") }",
                        List.of(INVITEE)))
                .hasMessageContaining("not both");
    }
}

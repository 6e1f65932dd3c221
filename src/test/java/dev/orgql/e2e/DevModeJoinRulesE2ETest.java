package dev.orgql.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.devlogto.SampleData;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Join rules end to end against the dev-mode stand-in: Acme's sample rules (Ada's domain, role member)
 * read through the gateway, then changed by Ada within the domain rules, and refused for Mia.
 */
@MicronautTest(environments = "dev")
class DevModeJoinRulesE2ETest extends DevModeE2E {
    static final String ACME = SampleData.ACME_ORG_ID;

    static Map<String, Object> input(Object... keysAndValues) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("organizationId", ACME);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            input.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Map.of("input", input);
    }

    static String code(Answer answer, String mutation) {
        return answer.data().at("/" + mutation + "/userErrors/0/code").asText();
    }

    @Test
    void adaReadsAndChangesAcmesJoinRulesWithinTheDomainRules() {
        String ada = devLogto.userToken(SampleData.ADMIN_USER_ID);
        JsonNode rules =
                graphql(ada, operation("joinRules"), Map.of("id", ACME)).data().at("/organization/joinRules");
        assertThat(rules.get("emailDomains")).extracting(JsonNode::asText).containsExactly(SampleData.ACME_JOIN_DOMAIN);
        assertThat(rules.at("/defaultRoles/0/name").asText()).isEqualTo("member");
        assertThat(rules.at("/defaultRoles/0/scopes").findValuesAsText("name"))
                .containsExactly("invite:member", "read:data", "write:data");
        assertThat(rules.get("ssoConnectors")).isEmpty();

        Answer added = graphql(ada, operation("addJoinEmailDomain"), input("emailDomain", "Eng.Example.COM"));
        assertThat(added.data().at("/addJoinEmailDomain/userErrors")).isEmpty();
        assertThat(added.data().at("/addJoinEmailDomain/joinRules/emailDomains"))
                .extracting(JsonNode::asText)
                .containsExactly("eng.example.com", "example.com");

        assertThat(code(
                        graphql(ada, operation("addJoinEmailDomain"), input("emailDomain", "EXAMPLE.com")),
                        "addJoinEmailDomain"))
                .isEqualTo("CONFLICT");
        assertThat(code(
                        graphql(ada, operation("addJoinEmailDomain"), input("emailDomain", "gmail.com")),
                        "addJoinEmailDomain"))
                .isEqualTo("PUBLIC_EMAIL_DOMAIN");
        assertThat(code(
                        graphql(ada, operation("addJoinEmailDomain"), input("emailDomain", "acme.com")),
                        "addJoinEmailDomain"))
                .isEqualTo("FOREIGN_EMAIL_DOMAIN");
        assertThat(code(
                        graphql(ada, operation("addJoinEmailDomain"), input("emailDomain", "not a domain")),
                        "addJoinEmailDomain"))
                .isEqualTo("INVALID_EMAIL_DOMAIN");

        Answer removed = graphql(ada, operation("removeJoinEmailDomain"), input("emailDomain", "eng.example.com"));
        assertThat(removed.data().at("/removeJoinEmailDomain/joinRules/emailDomains"))
                .extracting(JsonNode::asText)
                .containsExactly("example.com");

        JsonNode roles = graphql(ada, operation("templateRoleIds")).data().at("/organizationTemplate/roles");
        Answer bot = graphql(ada, operation("setJoinDefaultRoles"), input("roleIds", List.of(roleId(roles, "bot"))));
        assertThat(code(bot, "setJoinDefaultRoles")).isEqualTo("ROLE_TYPE_MISMATCH");
        Answer both = graphql(
                ada,
                operation("setJoinDefaultRoles"),
                input("roleIds", List.of(roleId(roles, "admin"), roleId(roles, "member"))));
        assertThat(both.data().at("/setJoinDefaultRoles/joinRules/defaultRoles").findValuesAsText("name"))
                .contains("admin", "member");

        // The stand-in's tenant has no SSO connector, like the recorded one (88).
        Answer sso = graphql(ada, operation("addJoinSsoConnector"), input("ssoConnectorId", "nope"));
        assertThat(code(sso, "addJoinSsoConnector")).isEqualTo("NOT_FOUND");

        String mia = devLogto.userToken(SampleData.MEMBER_USER_ID);
        assertThat(graphql(mia, operation("joinRules"), Map.of("id", ACME)).errors())
                .isEmpty();
        Answer denied = graphql(mia, operation("addJoinEmailDomain"), input("emailDomain", "example.com"));
        assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
    }

    static String roleId(JsonNode roles, String name) {
        for (JsonNode role : roles) {
            if (role.get("name").asText().equals(name)) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no role " + name);
    }
}

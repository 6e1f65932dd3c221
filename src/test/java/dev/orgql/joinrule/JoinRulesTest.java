package dev.orgql.joinrule;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.logto.ReadCaches;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Organization.joinRules} and the six join-rule mutations, with Logto's answers from recordings
 * 72-89 (fixtures/jit; both versions answered the same). The recordings list no SSO connector (87-89:
 * the tenant had none), so {@code sso-connectors.list.from-openapi.json} follows Logto's OpenAPI schema.
 */
@MicronautTest
class JoinRulesTest extends GatewayTest {
    static final String ORG = "/api/organizations/" + Ids.ORG_A;
    static final String DOMAINS = ORG + "/jit/email-domains";
    static final String ROLES = ORG + "/jit/roles";
    static final String SSO = ORG + "/jit/sso-connectors";
    static final String CONNECTOR = "w9ssoconnectoroidc001";

    @Inject
    TemplateCache template;

    @Inject
    ReadCaches readCaches;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.join-rules.public-email-domains", "corp-mail.example,freemail.test");
    }

    @BeforeEach
    void stubCommon() {
        template.invalidate();
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        // Alice's primary email is alice.admin@example.com: her own domain is example.com.
        ArrayNode users = Fixtures.JSON.createArrayNode().add(Fixtures.user(Ids.ALICE, "Alice Admin"));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/users")).willReturn(LogtoMock.page(users, 1)));
        stubDomains(recorded("76-list-rec3-jit-email-domains-after-adds"));
    }

    static JsonNode recorded(String name) {
        return Fixtures.recordedBody("jit/" + name + ".json");
    }

    static ArrayNode domainRows(String... domains) {
        ObjectNode shape = (ObjectNode)
                recorded("76-list-rec3-jit-email-domains-after-adds").get(0);
        ArrayNode rows = Fixtures.JSON.createArrayNode();
        for (String domain : domains) {
            rows.add(shape.deepCopy().put("organizationId", Ids.ORG_A).put("emailDomain", domain));
        }
        return rows;
    }

    static void stubDomains(JsonNode rows) {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(DOMAINS)).willReturn(LogtoMock.json(rows)));
    }

    /** Recording 85's default roles (member, admin), with the ids of the test template. */
    static ArrayNode defaultRoles() {
        ArrayNode roles = recorded("85-list-rec3-jit-roles-after-replace").deepCopy();
        ((ObjectNode) roles.get(0)).put("id", Ids.ROLE_MEMBER);
        ((ObjectNode) roles.get(1)).put("id", Ids.ROLE_ADMIN);
        return roles;
    }

    static Map<String, Object> input(Object... keysAndValues) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("organizationId", Ids.ORG_A);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            input.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Map.of("input", input);
    }

    String admin() {
        return orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:organization");
    }

    Answer add(String token, String domain) {
        return graphql(token, operation("addJoinEmailDomain"), input("emailDomain", domain));
    }

    static String code(Answer answer, String mutation) {
        return answer.data().at("/" + mutation + "/userErrors/0/code").asText();
    }

    void warmUp() {
        // The gateway's own M2M token first: the counts below are about Management API calls.
        graphql(admin(), operation("organizationName"), Map.of("id", Ids.ORG_A));
        LogtoMock.clearJournal();
        // Nor may the warm-up's organization answer from the read cache.
        readCaches.invalidateAll();
    }

    @Test
    void joinRulesAreReadOnceEachAlongsideTheOrganization() {
        int delayMs = 400;
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG))
                .willReturn(
                        LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme")).withFixedDelay(delayMs)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ROLES)).willReturn(LogtoMock.json(defaultRoles())));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SSO))
                .willReturn(LogtoMock.json(Fixtures.load("jit/sso-connectors.list.from-openapi.json"))));
        warmUp();
        template.invalidate();

        Answer answer =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"), operation("joinRules"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errors()).isNull();
        JsonNode rules = answer.data().at("/organization/joinRules");
        // As Logto stores them (recording 76: it kept every spelling), sorted.
        assertThat(rules.get("emailDomains"))
                .extracting(JsonNode::asText)
                .containsExactly("@x.com", "Rec3-Example.COM", "gmail.com", "not a domain", "rec3-example.com");
        assertThat(rules.at("/defaultRoles/0/name").asText()).isEqualTo("admin");
        assertThat(rules.at("/defaultRoles/0/scopes")).hasSize(8);
        assertThat(rules.at("/defaultRoles/1/name").asText()).isEqualTo("member");
        assertThat(rules.at("/defaultRoles/1/type").asText()).isEqualTo("USER");
        assertThat(rules.at("/ssoConnectors/0/id").asText()).isEqualTo(CONNECTOR);
        assertThat(rules.at("/ssoConnectors/0/name").asText()).isEqualTo("Acme Okta");
        assertThat(rules.at("/ssoConnectors/0/providerName").asText()).isEqualTo("OIDC");
        assertThat(answer.body().toString()).doesNotContain("do-not-expose");

        List<LoggedRequest> calls = LogtoMock.apiCalls();
        assertThat(calls)
                .extracting(LoggedRequest::getUrl)
                .containsExactlyInAnyOrder(ORG, DOMAINS, ROLES, SSO, "/api/organization-roles?page=1&page_size=100");
        long organizationAsked = askedAt(calls, ORG);
        for (String list : List.of(DOMAINS, ROLES, SSO)) {
            // Asked while the organization's answer was still on its way, not after it arrived.
            assertThat(askedAt(calls, list) - organizationAsked).as(list).isLessThan(delayMs / 2);
        }
    }

    static long askedAt(List<LoggedRequest> calls, String url) {
        return calls.stream()
                .filter(c -> c.getUrl().equals(url))
                .findFirst()
                .orElseThrow()
                .getLoggedDate()
                .getTime();
    }

    @Test
    void aPlainMemberMayReadButNotChangeJoinRules() {
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(ORG)).willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ROLES)).willReturn(LogtoMock.json(defaultRoles())));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SSO))
                .willReturn(LogtoMock.json(recorded("87-list-rec3-jit-sso-connectors-empty"))));
        String member = orgToken(Ids.ALICE, Ids.ORG_A, "read:data write:data invite:member");
        Answer read = graphql(member, operation("joinRules"), Map.of("id", Ids.ORG_A));
        assertThat(read.errors()).isNull();
        assertThat(read.data().at("/organization/joinRules/ssoConnectors")).isEmpty();

        LogtoMock.clearJournal();
        for (String mutation : List.of("addJoinEmailDomain", "removeJoinEmailDomain")) {
            Answer denied = graphql(member, operation(mutation), input("emailDomain", "example.com"));
            assertThat(denied.errorCode()).isEqualTo("FORBIDDEN");
            assertThat(denied.firstError().at("/extensions/missingScopes/0").asText())
                    .isEqualTo("manage:organization");
        }
        Answer roles = graphql(member, operation("setJoinDefaultRoles"), input("roleIds", List.of(Ids.ROLE_MEMBER)));
        assertThat(roles.errorCode()).isEqualTo("FORBIDDEN");
        Answer sso = graphql(member, operation("addJoinSsoConnector"), input("ssoConnectorId", CONNECTOR));
        assertThat(sso.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(LogtoMock.apiCalls()).isEmpty();

        Answer noRead =
                graphql(orgToken(Ids.ALICE, Ids.ORG_A, "write:data"), operation("joinRules"), Map.of("id", Ids.ORG_A));
        assertThat(noRead.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void addsTheAdminsOwnDomainLowerCased() {
        LogtoMock.stub(WireMock.post(urlPathEqualTo(DOMAINS))
                .willReturn(LogtoMock.json(
                        201, recorded("72-add-rec3-jit-email-domain").toString())));
        warmUp();

        Answer answer = add(admin(), "Sales.EXAMPLE.com");

        assertThat(answer.errors()).isNull();
        assertThat(answer.data().at("/addJoinEmailDomain/userErrors")).isEmpty();
        assertThat(LogtoMock.writes()).containsExactly("POST " + DOMAINS);
        assertThat(LogtoMock.bodyOf("POST", DOMAINS).toString()).isEqualTo("{\"emailDomain\":\"sales.example.com\"}");
        // The caller's user once, the stored domains for the duplicate check, the POST, then the read-back.
        assertThat(LogtoMock.calls())
                .hasSize(4)
                .filteredOn(c -> c.startsWith("GET /api/users?"))
                .hasSize(1);
        assertThat(LogtoMock.calls())
                .filteredOn(c -> c.equals("GET " + DOMAINS))
                .hasSize(2);
    }

    @Test
    void domainRulesRefuseBeforeLogtoIsCalled() {
        warmUp();
        for (String invalid : List.of("not a domain", "@x.com", "x.com.", "-acme.com", "localhost", "acme.123", "")) {
            Answer answer = add(admin(), invalid);
            assertThat(code(answer, "addJoinEmailDomain")).as(invalid).isEqualTo("INVALID_EMAIL_DOMAIN");
            assertThat(answer.data()
                            .at("/addJoinEmailDomain/userErrors/0/field/1")
                            .asText())
                    .isEqualTo("emailDomain");
            assertThat(answer.data().at("/addJoinEmailDomain/joinRules").isNull())
                    .isTrue();
        }
        for (String provider :
                List.of("gmail.com", "GMail.com", "mail.yahoo.com", "corp-mail.example", "freemail.test")) {
            assertThat(code(add(admin(), provider), "addJoinEmailDomain"))
                    .as(provider)
                    .isEqualTo("PUBLIC_EMAIL_DOMAIN");
        }
        assertThat(LogtoMock.apiCalls()).isEmpty();

        Answer foreign = add(admin(), "acme.com");
        assertThat(code(foreign, "addJoinEmailDomain")).isEqualTo("FOREIGN_EMAIL_DOMAIN");
        assertThat(foreign.data().at("/addJoinEmailDomain/userErrors/0/message").asText())
                .contains("example.com")
                .contains("manage:join-rules");
        // "notexample.com" ends with "example.com" but is not a subdomain of it.
        assertThat(code(add(admin(), "notexample.com"), "addJoinEmailDomain")).isEqualTo("FOREIGN_EMAIL_DOMAIN");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void theApiPermissionLiftsTheOwnDomainRuleOnly() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ORG + "/users/" + Ids.ALICE + "/scopes"))
                .willReturn(LogtoMock.json(Fixtures.JSON.valueToTree(
                        List.of(Map.of("id", Ids.scopeId("manage:organization"), "name", "manage:organization"))))));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(DOMAINS))
                .willReturn(LogtoMock.json(
                        201, recorded("72-add-rec3-jit-email-domain").toString())));
        String operator = userToken(Ids.ALICE, "manage:join-rules");
        warmUp();

        Answer answer = add(operator, "Acme.COM");
        assertThat(answer.data().at("/addJoinEmailDomain/userErrors")).isEmpty();
        assertThat(LogtoMock.bodyOf("POST", DOMAINS).toString()).isEqualTo("{\"emailDomain\":\"acme.com\"}");
        // No need to read the caller's email when the rule is lifted.
        assertThat(LogtoMock.calls()).noneMatch(c -> c.startsWith("GET /api/users?"));

        assertThat(code(add(operator, "gmail.com"), "addJoinEmailDomain")).isEqualTo("PUBLIC_EMAIL_DOMAIN");
        // Without the API scope, the same user token is held to the rule.
        assertThat(code(add(userToken(Ids.ALICE, ""), "acme.org"), "addJoinEmailDomain"))
                .isEqualTo("FOREIGN_EMAIL_DOMAIN");
    }

    @Test
    void duplicatesAreFoundWhateverTheirCase() {
        stubDomains(domainRows("Example.COM"));
        warmUp();
        Answer answer = add(admin(), "example.com");
        assertThat(code(answer, "addJoinEmailDomain")).isEqualTo("CONFLICT");
        assertThat(LogtoMock.writes()).isEmpty();

        // Logto's own exact-duplicate refusal (recording 73) reads the same.
        stubDomains(domainRows());
        LogtoMock.stub(WireMock.post(urlPathEqualTo(DOMAINS))
                .willReturn(LogtoMock.json(
                        422, recorded("73-add-rec3-jit-email-domain-duplicate").toString())));
        assertThat(code(add(admin(), "example.com"), "addJoinEmailDomain")).isEqualTo("CONFLICT");
    }

    @Test
    void removeDeletesEveryStoredSpelling() {
        stubDomains(domainRows("example.com", "sales.example.com"));
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(DOMAINS + "/example.com")).willReturn(LogtoMock.noContent()));
        warmUp();
        Answer one = graphql(admin(), operation("removeJoinEmailDomain"), input("emailDomain", "EXAMPLE.com"));
        assertThat(one.data().at("/removeJoinEmailDomain/userErrors")).isEmpty();
        assertThat(LogtoMock.writes()).containsExactly("DELETE " + DOMAINS + "/example.com");

        stubDomains(domainRows("Example.com", "example.com", "other.example"));
        LogtoMock.stub(WireMock.put(urlPathEqualTo(DOMAINS)).willReturn(LogtoMock.noContent()));
        LogtoMock.clearJournal();
        graphql(admin(), operation("removeJoinEmailDomain"), input("emailDomain", "example.com"));
        assertThat(LogtoMock.writes()).containsExactly("PUT " + DOMAINS);
        assertThat(LogtoMock.bodyOf("PUT", DOMAINS).toString()).isEqualTo("{\"emailDomains\":[\"other.example\"]}");

        LogtoMock.clearJournal();
        Answer missing = graphql(admin(), operation("removeJoinEmailDomain"), input("emailDomain", "c.example.com"));
        assertThat(code(missing, "removeJoinEmailDomain")).isEqualTo("NOT_FOUND");
        assertThat(LogtoMock.writes()).isEmpty();

        // Logto's 404 (recording 79: the domain went in the meantime) is NOT_FOUND too.
        stubDomains(domainRows("gone.example.com"));
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(DOMAINS + "/gone.example.com"))
                .willReturn(LogtoMock.json(
                        404, recorded("79-delete-rec3-jit-email-domain-missing").toString())));
        Answer raced = graphql(admin(), operation("removeJoinEmailDomain"), input("emailDomain", "gone.example.com"));
        assertThat(code(raced, "removeJoinEmailDomain")).isEqualTo("NOT_FOUND");
    }

    @Test
    void setReplacesWithCheckedLowerCasedDomains() {
        stubDomains(domainRows("Partner.Org"));
        LogtoMock.stub(WireMock.put(urlPathEqualTo(DOMAINS)).willReturn(LogtoMock.noContent()));
        warmUp();
        // partner.org was stored by an operator: kept without the own-domain check.
        Answer answer = graphql(
                admin(),
                operation("setJoinEmailDomains"),
                input("emailDomains", List.of("EXAMPLE.com", "example.com", "eu.example.com", "partner.org")));
        assertThat(answer.data().at("/setJoinEmailDomains/userErrors")).isEmpty();
        assertThat(LogtoMock.bodyOf("PUT", DOMAINS).toString())
                .isEqualTo("{\"emailDomains\":[\"example.com\",\"eu.example.com\",\"partner.org\"]}");

        LogtoMock.clearJournal();
        Answer foreign = graphql(
                admin(), operation("setJoinEmailDomains"), input("emailDomains", List.of("example.com", "acme.com")));
        assertThat(code(foreign, "setJoinEmailDomains")).isEqualTo("FOREIGN_EMAIL_DOMAIN");
        assertThat(foreign.data().at("/setJoinEmailDomains/userErrors/0/field").toString())
                .isEqualTo("[\"input\",\"emailDomains\",\"1\"]");
        Answer invalid = graphql(
                admin(), operation("setJoinEmailDomains"), input("emailDomains", List.of("example.com", "a b")));
        assertThat(code(invalid, "setJoinEmailDomains")).isEqualTo("INVALID_EMAIL_DOMAIN");
        Answer gmail = graphql(admin(), operation("setJoinEmailDomains"), input("emailDomains", List.of("gmail.com")));
        assertThat(code(gmail, "setJoinEmailDomains")).isEqualTo("PUBLIC_EMAIL_DOMAIN");
        assertThat(LogtoMock.writes()).isEmpty();

        Answer cleared = graphql(admin(), operation("setJoinEmailDomains"), input("emailDomains", List.of()));
        assertThat(cleared.data().at("/setJoinEmailDomains/userErrors")).isEmpty();
        assertThat(LogtoMock.bodyOf("PUT", DOMAINS).toString()).isEqualTo("{\"emailDomains\":[]}");
    }

    @Test
    void defaultRolesAreUserRolesCheckedAgainstTheTemplate() {
        LogtoMock.stub(WireMock.put(urlPathEqualTo(ROLES)).willReturn(LogtoMock.noContent()));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(ROLES)).willReturn(LogtoMock.json(defaultRoles())));
        warmUp();

        Answer set = graphql(
                admin(), operation("setJoinDefaultRoles"), input("roleIds", List.of(Ids.ROLE_ADMIN, Ids.ROLE_MEMBER)));
        assertThat(set.errors()).isNull();
        assertThat(set.data().at("/setJoinDefaultRoles/joinRules/defaultRoles/1/scopes"))
                .hasSize(3);
        assertThat(LogtoMock.writes()).containsExactly("PUT " + ROLES);
        // The body of recording 84, with the test template's ids.
        assertThat(LogtoMock.bodyOf("PUT", ROLES))
                .isEqualTo(Fixtures.JSON.valueToTree(
                        Map.of("organizationRoleIds", List.of(Ids.ROLE_ADMIN, Ids.ROLE_MEMBER))));

        LogtoMock.clearJournal();
        Answer bot = graphql(admin(), operation("setJoinDefaultRoles"), input("roleIds", List.of(Ids.ROLE_BOT)));
        assertThat(code(bot, "setJoinDefaultRoles")).isEqualTo("ROLE_TYPE_MISMATCH");
        Answer unknown = graphql(admin(), operation("setJoinDefaultRoles"), input("roleIds", List.of("nope")));
        assertThat(code(unknown, "setJoinDefaultRoles")).isEqualTo("NOT_FOUND");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void ssoConnectorsMustExistInTheTenant() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/sso-connectors"))
                .willReturn(LogtoMock.page(Fixtures.load("jit/sso-connectors.list.from-openapi.json"), 1)));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SSO))
                .willReturn(LogtoMock.json(recorded("87-list-rec3-jit-sso-connectors-empty"))));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(SSO)).willReturn(LogtoMock.created()));
        warmUp();

        Answer added = graphql(admin(), operation("addJoinSsoConnector"), input("ssoConnectorId", CONNECTOR));
        assertThat(added.data().at("/addJoinSsoConnector/userErrors")).isEmpty();
        assertThat(LogtoMock.writes()).containsExactly("POST " + SSO);
        assertThat(LogtoMock.bodyOf("POST", SSO).toString()).isEqualTo("{\"ssoConnectorIds\":[\"" + CONNECTOR + "\"]}");
        assertThat(LogtoMock.calls()).contains("GET /api/sso-connectors?page=1&page_size=100");

        LogtoMock.clearJournal();
        Answer unknown = graphql(admin(), operation("addJoinSsoConnector"), input("ssoConnectorId", "nope"));
        assertThat(code(unknown, "addJoinSsoConnector")).isEqualTo("NOT_FOUND");
        assertThat(LogtoMock.writes()).isEmpty();

        LogtoMock.stub(WireMock.get(urlPathEqualTo(SSO))
                .willReturn(LogtoMock.json(Fixtures.load("jit/sso-connectors.list.from-openapi.json"))));
        Answer twice = graphql(admin(), operation("addJoinSsoConnector"), input("ssoConnectorId", CONNECTOR));
        assertThat(code(twice, "addJoinSsoConnector")).isEqualTo("CONFLICT");
        assertThat(LogtoMock.writes()).isEmpty();

        // The connector deleted between the check and the add: Logto's 422 (recording 89) is NOT_FOUND.
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SSO))
                .willReturn(LogtoMock.json(recorded("87-list-rec3-jit-sso-connectors-empty"))));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(SSO))
                .willReturn(LogtoMock.json(
                        422, recorded("89-add-rec3-jit-sso-connector-nope").toString())));
        Answer raced = graphql(admin(), operation("addJoinSsoConnector"), input("ssoConnectorId", CONNECTOR));
        assertThat(code(raced, "addJoinSsoConnector")).isEqualTo("NOT_FOUND");
    }

    @Test
    void removeSsoConnector() {
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(SSO + "/" + CONNECTOR)).willReturn(LogtoMock.noContent()));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(SSO))
                .willReturn(LogtoMock.json(recorded("87-list-rec3-jit-sso-connectors-empty"))));
        warmUp();
        Answer removed = graphql(admin(), operation("removeJoinSsoConnector"), input("ssoConnectorId", CONNECTOR));
        assertThat(removed.data().at("/removeJoinSsoConnector/userErrors")).isEmpty();
        assertThat(removed.data().at("/removeJoinSsoConnector/joinRules/ssoConnectors"))
                .isEmpty();
        assertThat(LogtoMock.writes()).containsExactly("DELETE " + SSO + "/" + CONNECTOR);

        LogtoMock.stub(WireMock.delete(urlPathEqualTo(SSO + "/" + CONNECTOR))
                .willReturn(LogtoMock.error(404, "404.entity.not_found.json")));
        Answer missing = graphql(admin(), operation("removeJoinSsoConnector"), input("ssoConnectorId", CONNECTOR));
        assertThat(code(missing, "removeJoinSsoConnector")).isEqualTo("NOT_FOUND");

        LogtoMock.stub(WireMock.delete(urlPathEqualTo(SSO + "/" + CONNECTOR))
                .willReturn(LogtoMock.error(500, "500.internal.json")));
        Answer broken = graphql(admin(), operation("removeJoinSsoConnector"), input("ssoConnectorId", CONNECTOR));
        assertThat(broken.errorCode()).isEqualTo("UPSTREAM_ERROR");
    }
}

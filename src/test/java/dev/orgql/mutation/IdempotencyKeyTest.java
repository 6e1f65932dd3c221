package dev.orgql.mutation;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.auth.AuthConfig;
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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code input.idempotencyKey}: a retry with the same key and input gets the first payload and makes no
 * call to Logto; another input with the key is refused; the key is the caller's own; a failed attempt
 * is not remembered. Bodies: recording 09 and the derived role list.
 */
@MicronautTest
class IdempotencyKeyTest extends GatewayTest {
    static final String NEW_ORG = "ryggecuhevx9";
    static final String ORG_PATH = "/api/organizations/" + NEW_ORG;
    static final String BOB = MemberMutationsTest.BOB;
    static final String CAROL = "c4r0lc4r0lc4";

    @Inject
    TemplateCache template;

    @Inject
    AuthConfig authConfig;

    @BeforeEach
    void stubTemplate() {
        template.invalidate();
        authConfig.setCreateOrganizationRequiresScope(false);
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organization-roles"))
                .willReturn(LogtoMock.page(Fixtures.defaultTemplateRoles(), 3)));
        ObjectNode created =
                Fixtures.recordedBody("09-create-organization.json").deepCopy();
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/api/organizations"))
                .willReturn(LogtoMock.json(201, created.toString())));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users/" + Ids.ALICE + "/roles"))
                .willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users/" + CAROL + "/roles"))
                .willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.delete(urlPathEqualTo(ORG_PATH)).willReturn(LogtoMock.noContent()));
    }

    private static Map<String, Object> create(String name, String key) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", name);
        input.put("idempotencyKey", key);
        return Map.of("input", input);
    }

    private Answer createAs(String userId, String name, String key) {
        return graphql(userToken(userId, ""), operation("createOrganizationCodes"), create(name, key));
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstPayloadWithoutCallingLogto() {
        String key = UUID.randomUUID().toString();
        Answer first = createAs(Ids.ALICE, "Acme mwrs5zyi", key);
        assertThat(first.data()
                        .at("/createOrganization/organization/organizationId")
                        .asText())
                .isEqualTo(NEW_ORG);
        LogtoMock.clearJournal();

        Answer retry = createAs(Ids.ALICE, "Acme mwrs5zyi", key);

        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void theSameKeyWithAnotherInputIsRefusedAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        createAs(Ids.ALICE, "Acme mwrs5zyi", key);
        LogtoMock.clearJournal();

        Answer other = createAs(Ids.ALICE, "Another name", key);

        assertThat(other.errors()).isNull();
        assertThat(other.data().at("/createOrganization/organization").isNull()).isTrue();
        assertThat(other.data().at("/createOrganization/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(other.data().at("/createOrganization/userErrors/0/field"))
                .isEqualTo(Fixtures.JSON.valueToTree(List.of("input", "idempotencyKey")));
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void aKeyBelongsToItsCaller() {
        String key = UUID.randomUUID().toString();
        createAs(Ids.ALICE, "Acme mwrs5zyi", key);
        LogtoMock.clearJournal();

        Answer carol = createAs(CAROL, "Acme mwrs5zyi", key);

        assertThat(carol.data()
                        .at("/createOrganization/organization/organizationId")
                        .asText())
                .isEqualTo(NEW_ORG);
        assertThat(LogtoMock.writes())
                .containsExactly(
                        "POST /api/organizations",
                        "POST " + ORG_PATH + "/users",
                        "POST " + ORG_PATH + "/users/" + CAROL + "/roles");
    }

    @Test
    void aFailedAttemptIsNotRememberedSoItsRetryRunsAgain() {
        String key = UUID.randomUUID().toString();
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users"))
                .willReturn(LogtoMock.error(500, "500.internal.json")));
        assertThat(createAs(Ids.ALICE, "Acme mwrs5zyi", key).errorCode()).isEqualTo("UPSTREAM_ERROR");
        LogtoMock.stub(WireMock.post(urlPathEqualTo(ORG_PATH + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.clearJournal();

        Answer retry = createAs(Ids.ALICE, "Acme mwrs5zyi", key);

        assertThat(retry.errors()).isNull();
        assertThat(retry.data()
                        .at("/createOrganization/organization/organizationId")
                        .asText())
                .isEqualTo(NEW_ORG);
        assertThat(LogtoMock.writes()).hasSize(3);
    }

    @Test
    void aKeyOutOfBoundsIsRefusedBeforeAnyCall() {
        Answer empty = createAs(Ids.ALICE, "Acme mwrs5zyi", "");
        Answer tooLong = createAs(Ids.ALICE, "Acme mwrs5zyi", "k".repeat(129));

        assertThat(empty.data().at("/createOrganization/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(tooLong.data().at("/createOrganization/userErrors/0/code").asText())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(LogtoMock.writes()).isEmpty();
    }

    @Test
    void addMembersRetriedWithItsKeyAddsOnce() {
        String org = MemberMutationsTest.ORG;
        LogtoMock.stub(WireMock.post(urlPathEqualTo(org + "/users")).willReturn(LogtoMock.created()));
        LogtoMock.stub(WireMock.post(urlPathEqualTo(org + "/users/roles")).willReturn(LogtoMock.created()));
        MemberMutationsTest.stubUsers(BOB);
        MemberMutationsTest.stubRolesOf(BOB, Ids.ROLE_MEMBER);
        String admin = orgToken(Ids.ALICE, Ids.ORG_A, "read:data manage:member");
        Map<String, Object> input = MemberMutationsTest.input(
                "userIds", List.of(BOB), "roleIds", List.of(Ids.ROLE_MEMBER), "idempotencyKey", "add-bob-1");

        Answer first = graphql(admin, operation("addMembers"), input);
        Answer retry = graphql(admin, operation("addMembers"), input);

        assertThat(first.data().at("/addMembers/members/0/userId").asText()).isEqualTo(BOB);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(LogtoMock.writes()).containsExactly("POST " + org + "/users", "POST " + org + "/users/roles");
    }
}

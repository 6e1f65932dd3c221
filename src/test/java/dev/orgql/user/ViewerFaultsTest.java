package dev.orgql.user;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.logto.ReadCaches;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.UpstreamFault;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The viewer's page (profile, organizations with roles and permissions, pending invitations with
 * inviters) while one of Logto's routes fails, each fault on each step, with a user token (so the
 * permissions are looked up live): only the fields needing the failing route are null, each with its
 * error; the calls are counted exactly; the next request after the fault clears is whole.
 */
@MicronautTest
class ViewerFaultsTest extends GatewayTest {
    private static final String SCENARIO = "viewer-fault";
    private static final String CLEARED = "cleared";
    private static final String INVITER_0 = Ids.user(100);
    private static final String INVITER_1 = Ids.user(101);
    private static final String ALICE_EMAIL = "alice@example.com";

    @Inject
    TemplateCache template;

    @Inject
    ReadCaches readCaches;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.upstream.read-timeout",
                UpstreamFault.READ_TIMEOUT,
                "orgql.jwks-min-refresh-interval",
                UpstreamFault.JWKS_MIN_REFRESH_INTERVAL,
                // Live scopes are not kept across requests here, so each request counts its own lookups.
                "orgql.live-scopes-ttl",
                "0s",
                // One attempt per read, so the counts below do not depend on the retries of reads (a setting
                // added alongside; harmless before it exists). The count for a retried read is its own test.
                "orgql.upstream.retry.max-attempts",
                "1");
    }

    /** The Management API routes the viewer's page reads, each a step that can fail on its own. */
    enum Step {
        USER(
                () -> WireMock.get(urlPathEqualTo("/api/users")).withQueryParam("search.id", equalTo(Ids.ALICE)),
                call -> call.getUrl().startsWith("/api/users?")
                        && call.queryParameter("search.id").containsValue(Ids.ALICE),
                () -> LogtoMock.page(Fixtures.JSON.createArrayNode().add(Fixtures.user(Ids.ALICE, "Alice")), 1)),
        ORGANIZATIONS(
                () -> WireMock.get(urlPathEqualTo("/api/users/" + Ids.ALICE + "/organizations")),
                call -> call.getUrl().startsWith("/api/users/" + Ids.ALICE + "/organizations"),
                ViewerFaultsTest::organizations),
        LIVE_SCOPES(
                () -> WireMock.get(urlPathMatching("/api/organizations/[a-z0-9]+/users/" + Ids.ALICE + "/scopes")),
                call -> call.getUrl().matches("/api/organizations/[a-z0-9]+/users/" + Ids.ALICE + "/scopes.*"),
                () -> LogtoMock.json(Fixtures.defaultTemplateScopes())),
        INVITATIONS(
                () -> WireMock.get(urlPathEqualTo("/api/organization-invitations"))
                        .withQueryParam("invitee", equalTo(ALICE_EMAIL)),
                call -> call.getUrl().startsWith("/api/organization-invitations?"),
                ViewerFaultsTest::invitations),
        INVITERS(
                () -> WireMock.get(urlPathEqualTo("/api/users")).withQueryParam("search.id", equalTo(INVITER_0)),
                call -> call.getUrl().startsWith("/api/users?")
                        && call.queryParameter("search.id").containsValue(INVITER_0),
                () -> LogtoMock.page(
                        Fixtures.JSON
                                .createArrayNode()
                                .add(Fixtures.user(INVITER_0, "Inviter 0"))
                                .add(Fixtures.user(INVITER_1, "Inviter 1")),
                        2)),
        TEMPLATE(
                () -> WireMock.get(urlPathEqualTo("/api/organization-roles")),
                call -> call.getUrl().startsWith("/api/organization-roles?"),
                () -> LogtoMock.page(Fixtures.defaultTemplateRoles(), 3));

        final Supplier<MappingBuilder> route;
        final Predicate<LoggedRequest> asked;
        final Supplier<ResponseDefinitionBuilder> healthy;

        Step(
                Supplier<MappingBuilder> route,
                Predicate<LoggedRequest> asked,
                Supplier<ResponseDefinitionBuilder> healthy) {
            this.route = route;
            this.asked = asked;
            this.healthy = healthy;
        }
    }

    static Stream<Arguments> faults() {
        List<Arguments> cases = new ArrayList<>();
        for (Step step : Step.values()) {
            for (UpstreamFault fault : UpstreamFault.values()) {
                cases.add(Arguments.of(step, fault));
            }
        }
        return cases.stream();
    }

    @BeforeAll
    void warmUp() {
        LogtoMock.reset();
        LogtoMock.stub(Step.USER.route.get().willReturn(Step.USER.healthy.get()));
        UpstreamFault.warmUp(() -> graphql(userToken(Ids.ALICE, ""), operation("viewerUserId")));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("faults")
    void oneFailingStepCostsOnlyTheFieldsThatNeedIt(Step failing, UpstreamFault fault) {
        String token = userToken(Ids.ALICE, "");
        for (Step step : Step.values()) {
            LogtoMock.stub(step.route.get().willReturn(step.healthy.get()));
        }
        LogtoMock.stub(failing.route
                .get()
                .inScenario(SCENARIO)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fault.response(failing.healthy.get())));
        LogtoMock.stub(failing.route
                .get()
                .inScenario(SCENARIO)
                .whenScenarioStateIs(CLEARED)
                .willReturn(failing.healthy.get()));

        template.invalidate();
        readCaches.invalidateAll();
        Answer faulty = graphql(token, operation("viewerDashboard"));
        UpstreamFault.awaitCalls(expectedCalls(failing).values().stream()
                .mapToInt(Integer::intValue)
                .sum());
        Map<Step, Integer> faultyCalls = callsByStep();

        LogtoMock.server().setScenarioState(SCENARIO, CLEARED);
        template.invalidate();
        // The case counts every route's calls again: nothing may come from the read caches.
        readCaches.invalidateAll();
        LogtoMock.clearJournal();
        Answer healthy = graphql(token, operation("viewerDashboard"));

        assertThat(healthy.status()).as(healthy.body().toString()).isEqualTo(200);
        assertThat(healthy.errors()).as(healthy.body().toString()).isNull();
        assertThat(healthy.data().at("/viewer/invitations/nodes")).hasSize(2);
        assertThat(healthy.data().at("/viewer/organizations/edges/1/node/viewerPermissions"))
                .hasSize(8);
        Map<Step, Integer> everyStep = calls(Map.of());
        assertThat(callsByStep()).containsExactlyInAnyOrderEntriesOf(everyStep);

        assertThat(faulty.status()).as(faulty.body().toString()).isEqualTo(200);
        List<List<Object>> paths = failedPaths(failing);
        assertThat(faulty.errors()).as(faulty.body().toString()).hasSize(paths.size());
        for (JsonNode error : faulty.errors()) {
            assertThat(error.at("/extensions/code").asText())
                    .as(error.toString())
                    .isEqualTo(fault.code());
            assertThat(error.get("message").asText()).startsWith(fault.message());
            if (fault.retryAfterSeconds() != null) {
                assertThat(error.at("/extensions/retryAfterSeconds").asInt()).isEqualTo(fault.retryAfterSeconds());
            }
        }
        assertThat(faulty.errors())
                .extracting(error -> Fixtures.JSON.convertValue(error.get("path"), List.class))
                .containsExactlyInAnyOrderElementsOf(paths);
        assertThat(faulty.data()).isEqualTo(withNulls(healthy.data(), paths));
        assertThat(faultyCalls).containsExactlyInAnyOrderEntriesOf(expectedCalls(failing));
    }

    private static List<List<Object>> failedPaths(Step failing) {
        return switch (failing) {
            // The invitations are those of the user's primary email, which comes with the user.
            case USER -> List.of(List.of("viewer", "user"), List.of("viewer", "invitations"));
            case ORGANIZATIONS -> List.of(List.of("viewer", "organizations"));
            case LIVE_SCOPES ->
                List.of(
                        List.of("viewer", "organizations", "edges", 0, "node", "viewerPermissions"),
                        List.of("viewer", "organizations", "edges", 1, "node", "viewerPermissions"));
            case INVITATIONS -> List.of(List.of("viewer", "invitations"));
            case INVITERS ->
                List.of(
                        List.of("viewer", "invitations", "nodes", 0, "inviter"),
                        List.of("viewer", "invitations", "nodes", 1, "inviter"));
            case TEMPLATE ->
                List.of(
                        List.of("viewer", "organizations", "edges", 0, "roles"),
                        List.of("viewer", "organizations", "edges", 1, "roles"),
                        List.of("viewer", "invitations", "nodes", 0, "roles"),
                        List.of("viewer", "invitations", "nodes", 1, "roles"));
        };
    }

    /** One live lookup per organization; the failing read as the fault makes it; nothing that needs what failed. */
    private static Map<Step, Integer> expectedCalls(Step failing) {
        Map<Step, Integer> changed = new EnumMap<>(Step.class);
        // Retries are off here: each read that fails is made once.
        changed.put(failing, failing == Step.LIVE_SCOPES ? 2 : 1);
        switch (failing) {
            case USER -> {
                changed.put(Step.INVITATIONS, 0);
                changed.put(Step.INVITERS, 0);
            }
            case ORGANIZATIONS -> changed.put(Step.LIVE_SCOPES, 0);
            case INVITATIONS -> changed.put(Step.INVITERS, 0);
            default -> {}
        }
        return calls(changed);
    }

    private static Map<Step, Integer> calls(Map<Step, Integer> changed) {
        Map<Step, Integer> calls = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            calls.put(step, step == Step.LIVE_SCOPES ? 2 : 1);
        }
        calls.putAll(changed);
        calls.values().removeIf(count -> count == 0);
        return calls;
    }

    private static Map<Step, Integer> callsByStep() {
        Map<Step, Integer> calls = new EnumMap<>(Step.class);
        LogtoMock.apiCalls().forEach(call -> {
            for (Step step : Step.values()) {
                if (step.asked.test(call)) {
                    calls.merge(step, 1, Integer::sum);
                    return;
                }
            }
            throw new AssertionError("Unexpected call " + call.getUrl());
        });
        return calls;
    }

    private static JsonNode withNulls(JsonNode data, List<List<Object>> paths) {
        JsonNode copy = data.deepCopy();
        for (List<Object> path : paths) {
            JsonNode parent = copy;
            for (Object element : path.subList(0, path.size() - 1)) {
                parent = element instanceof Integer i ? parent.get(i) : parent.get((String) element);
            }
            ((ObjectNode) parent).putNull((String) path.get(path.size() - 1));
        }
        return copy;
    }

    private static ResponseDefinitionBuilder organizations() {
        ObjectNode a = (ObjectNode)
                Fixtures.recordedBody("18-list-user-organizations.json").get(0).deepCopy();
        a.put("id", Ids.ORG_A).put("name", "Acme");
        a.putArray("organizationRoles").addObject().put("id", Ids.ROLE_ADMIN).put("name", "admin");
        ObjectNode b = a.deepCopy().put("id", Ids.ORG_B).put("name", "Globex");
        b.putArray("organizationRoles").addObject().put("id", Ids.ROLE_MEMBER).put("name", "member");
        return LogtoMock.json(Fixtures.JSON.createArrayNode().add(b).add(a));
    }

    private static ResponseDefinitionBuilder invitations() {
        ArrayNode invitations = Fixtures.JSON.createArrayNode();
        long inAWeek = System.currentTimeMillis() + 7L * 24 * 3600 * 1000;
        invitations.add(Fixtures.invitation(
                        "inv000000000000000000",
                        Ids.ORG_A,
                        INVITER_0,
                        ALICE_EMAIL,
                        "Pending",
                        Ids.ROLE_MEMBER,
                        "member")
                .put("expiresAt", inAWeek));
        invitations.add(Fixtures.invitation(
                        "inv000000000000000001", Ids.ORG_B, INVITER_1, ALICE_EMAIL, "Pending", Ids.ROLE_ADMIN, "admin")
                .put("expiresAt", inAWeek));
        return LogtoMock.json(invitations);
    }
}

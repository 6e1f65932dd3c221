package dev.orgql.organization;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dashboard query while one of Logto's routes fails, each fault on each upstream step: the client
 * always gets HTTP 200 and a well-formed GraphQL answer in which only the fields that need the failing
 * route are null, each with its own error (code and path); everything else is what a healthy Logto
 * gives. The upstream calls made are counted exactly, and the next request after the fault clears is
 * whole again.
 */
@MicronautTest
class DashboardFaultsTest extends GatewayTest {
    private static final String ORG = Ids.ORG_A;
    private static final String SCENARIO = "dashboard-fault";
    private static final String CLEARED = "cleared";

    @Inject
    TemplateCache template;

    @Inject
    ReadCaches readCaches;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "orgql.upstream.read-timeout", UpstreamFault.READ_TIMEOUT,
                "orgql.jwks-min-refresh-interval", UpstreamFault.JWKS_MIN_REFRESH_INTERVAL,
                // One attempt per read, so the counts below do not depend on the retries of reads (a setting
                // added alongside; harmless before it exists). The count for a retried read is its own test.
                "orgql.upstream.retry.max-attempts", "1");
    }

    /** The Management API routes the dashboard reads, each a step that can fail on its own. */
    enum Step {
        ORGANIZATION("/api/organizations/" + ORG, () -> LogtoMock.json(Fixtures.organization(ORG, "Acme"))),
        MEMBERS("/api/organizations/" + ORG + "/users", DashboardFaultsTest::members),
        BOTS("/api/organizations/" + ORG + "/applications", DashboardFaultsTest::bots),
        INVITATIONS("/api/organization-invitations", DashboardFaultsTest::invitations),
        INVITERS("/api/users", DashboardFaultsTest::inviters),
        TEMPLATE("/api/organization-roles", () -> LogtoMock.page(Fixtures.defaultTemplateRoles(), 3));

        final String path;
        final Supplier<ResponseDefinitionBuilder> healthy;

        Step(String path, Supplier<ResponseDefinitionBuilder> healthy) {
            this.path = path;
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
        LogtoMock.stub(
                WireMock.get(urlPathEqualTo(Step.ORGANIZATION.path)).willReturn(Step.ORGANIZATION.healthy.get()));
        UpstreamFault.warmUp(
                () -> graphql(orgToken(Ids.ALICE, ORG, "read:data"), operation("organizationName"), Map.of("id", ORG)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("faults")
    void oneFailingStepCostsOnlyTheFieldsThatNeedIt(Step failing, UpstreamFault fault) {
        String token = orgToken(Ids.ALICE, ORG, "read:data");
        for (Step step : Step.values()) {
            LogtoMock.stub(WireMock.get(urlPathEqualTo(step.path)).willReturn(step.healthy.get()));
        }
        LogtoMock.stub(WireMock.get(urlPathEqualTo(failing.path))
                .inScenario(SCENARIO)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(fault.response(failing.healthy.get())));
        LogtoMock.stub(WireMock.get(urlPathEqualTo(failing.path))
                .inScenario(SCENARIO)
                .whenScenarioStateIs(CLEARED)
                .willReturn(failing.healthy.get()));

        template.invalidate();
        readCaches.invalidateAll();
        Answer faulty = graphql(token, operation("dashboard"), Map.of("id", ORG));
        UpstreamFault.awaitCalls(expectedCalls(failing).values().stream()
                .mapToInt(Integer::intValue)
                .sum());
        Map<Step, Integer> faultyCalls = callsByStep();

        LogtoMock.server().setScenarioState(SCENARIO, CLEARED);
        template.invalidate();
        // The organization and the inviters would come from the read caches now: the case counts calls.
        readCaches.invalidateAll();
        LogtoMock.clearJournal();
        Answer healthy = graphql(token, operation("dashboard"), Map.of("id", ORG));

        // Right after the fault clears: the whole dashboard, one call per route.
        assertThat(healthy.status()).as(healthy.body().toString()).isEqualTo(200);
        assertThat(healthy.errors()).isNull();
        assertThat(healthy.data().at("/organization/members/nodes")).hasSize(3);
        assertThat(callsByStep()).containsExactlyInAnyOrderEntriesOf(once(Step.values()));

        assertThat(faulty.status()).as(faulty.body().toString()).isEqualTo(200);
        List<List<Object>> paths = failedPaths(failing);
        assertThat(faulty.errors()).hasSize(paths.size());
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

    /** The paths of the fields that need the failing step. */
    private static List<List<Object>> failedPaths(Step failing) {
        return switch (failing) {
            case ORGANIZATION -> List.of(List.of("organization"));
            case MEMBERS -> List.of(List.of("organization", "members"));
            case BOTS -> List.of(List.of("organization", "bots"));
            case INVITATIONS -> List.of(List.of("organization", "invitations"));
            case INVITERS ->
                List.of(
                        List.of("organization", "invitations", "nodes", 0, "inviter"),
                        List.of("organization", "invitations", "nodes", 1, "inviter"));
            // Every list of roles that is not empty; the second bot has none, so it needs no template.
            case TEMPLATE ->
                List.of(
                        List.of("organization", "members", "nodes", 0, "roles"),
                        List.of("organization", "members", "nodes", 1, "roles"),
                        List.of("organization", "members", "nodes", 2, "roles"),
                        List.of("organization", "bots", "nodes", 0, "roles"),
                        List.of("organization", "invitations", "nodes", 0, "roles"),
                        List.of("organization", "invitations", "nodes", 1, "roles"));
        };
    }

    /**
     * The calls the faulty request made: the failing read once (retries are off here), and every other read once, except
     * the inviters when no invitation arrived to name them. The lists and the template are read even
     * when the organization fails: they start alongside it (see Prefetcher).
     */
    private static Map<Step, Integer> expectedCalls(Step failing) {
        Map<Step, Integer> calls = once(Step.values());
        if (failing == Step.ORGANIZATION || failing == Step.INVITATIONS) {
            calls.remove(Step.INVITERS);
        }
        return calls;
    }

    private static Map<Step, Integer> once(Step... steps) {
        Map<Step, Integer> calls = new EnumMap<>(Step.class);
        for (Step step : steps) {
            calls.put(step, 1);
        }
        return calls;
    }

    private static Map<Step, Integer> callsByStep() {
        Map<Step, Integer> calls = new EnumMap<>(Step.class);
        LogtoMock.apiCalls().forEach(call -> {
            String path = call.getUrl().split("\\?")[0];
            for (Step step : Step.values()) {
                if (step.path.equals(path)) {
                    calls.merge(step, 1, Integer::sum);
                    return;
                }
            }
            throw new AssertionError("Unexpected call " + call.getUrl());
        });
        return calls;
    }

    /** The healthy answer with null at each path: what partial data must look like. */
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

    private static ResponseDefinitionBuilder members() {
        ArrayNode members = Fixtures.JSON.createArrayNode();
        members.add(Fixtures.member(Ids.user(1), "Member 1", Ids.ROLE_ADMIN, "admin", Ids.ROLE_MEMBER, "member"));
        members.add(Fixtures.member(Ids.user(2), "Member 2", Ids.ROLE_MEMBER, "member"));
        members.add(Fixtures.member(Ids.user(3), "Member 3", Ids.ROLE_MEMBER, "member"));
        return LogtoMock.page(members, 3);
    }

    private static ResponseDefinitionBuilder bots() {
        ArrayNode bots = Fixtures.JSON.createArrayNode();
        bots.add(Fixtures.bot("c7n2m8k4j1h9g5f3d6s0a", "CI deploy bot", Ids.ROLE_BOT, "bot"));
        bots.add(Fixtures.bot("t1y3u5i7o9p2a4s6d8f0g", "Billing sync", null, null));
        return LogtoMock.page(bots, 2);
    }

    private static ResponseDefinitionBuilder invitations() {
        ArrayNode invitations = Fixtures.JSON.createArrayNode();
        for (int i = 0; i < 2; i++) {
            invitations.add(Fixtures.invitation(
                    String.format("inv%018d", i),
                    ORG,
                    Ids.user(100 + i),
                    "guest" + i + "@example.com",
                    "Pending",
                    Ids.ROLE_MEMBER,
                    "member"));
        }
        return LogtoMock.json(invitations);
    }

    private static ResponseDefinitionBuilder inviters() {
        ArrayNode users = Fixtures.JSON.createArrayNode();
        users.add(Fixtures.user(Ids.user(100), "Inviter 0"));
        users.add(Fixtures.user(Ids.user(101), "Inviter 1"));
        return LogtoMock.page(users, 2);
    }
}

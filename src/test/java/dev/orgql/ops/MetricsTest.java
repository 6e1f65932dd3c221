package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.DashboardStubs;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code /prometheus} after real GraphQL requests: the series an operator's dashboards and alerts read,
 * with the upstream calls counted per route template exactly as WireMock saw them, and no label holding
 * a concrete id.
 */
@MicronautTest
class MetricsTest extends GatewayTest {
    private static final int MAX_NAMES = 8;

    @Inject
    TemplateCache template;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("orgql.metrics.max-operation-names", String.valueOf(MAX_NAMES));
    }

    @Test
    void aDashboardQueryShowsInEverySeries() {
        DashboardStubs.stub();
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        // The gateway's M2M token and the JWKS first, so the counts below are the dashboard's alone.
        graphql(token, operation("templateScopeNames"));
        template.invalidate();
        LogtoMock.clearJournal();
        Scrape before = Scrape.of(server.getURL().toString());

        Answer answer = graphql(token, operation("dashboard"), Map.of("id", Ids.ORG_A));

        assertThat(answer.errors()).isNull();
        Scrape after = Scrape.of(server.getURL().toString());
        assertThat(after.status()).isEqualTo(200);

        // Per route template: exactly the calls Logto saw, each answered 200.
        Map<String, Long> seen = LogtoMock.apiCalls().stream()
                .collect(Collectors.groupingBy(MetricsTest::route, TreeMap::new, Collectors.counting()));
        assertThat(seen)
                .containsOnlyKeys(
                        "/api/organizations/{id}",
                        "/api/organizations/{organizationId}/users",
                        "/api/organizations/{organizationId}/applications",
                        "/api/organization-invitations",
                        "/api/users",
                        "/api/organization-roles");
        Map<String, Long> counted = new TreeMap<>();
        for (Scrape.Series s : after.matching("orgql_upstream_requests_seconds_count", Map.of())) {
            double delta = s.value() - before.sum("orgql_upstream_requests_seconds_count", s.labels());
            if (delta > 0) {
                assertThat(s.labels()).containsEntry("method", "GET").containsEntry("status", "200");
                counted.merge(s.labels().get("route"), (long) delta, Long::sum);
            }
        }
        assertThat(counted).isEqualTo(seen);
        assertThat(after.has("orgql_upstream_requests_seconds_bucket")).isTrue();
        assertThat(after.has("orgql_upstream_in_flight")).isTrue();
        // No label anywhere holds an id a request carried.
        assertThat(after.text()).doesNotContain(Ids.ORG_A).doesNotContain(Ids.ALICE);

        Map<String, String> dashboard = Map.of("operation", "Dashboard", "type", "query", "outcome", "ok");
        assertThat(delta(before, after, "orgql_graphql_operations_seconds_count", dashboard))
                .isEqualTo(1);
        assertThat(after.matching("orgql_graphql_operations_seconds_bucket", dashboard))
                .isNotEmpty();

        // Members' roles and the inviters are batched: one batch each, of more than one key.
        assertThat(after.matching("orgql_dataloader_batch_size_max", Map.of())).anyMatch(s -> s.value() > 1);
        assertThat(delta(before, after, "orgql_dataloader_batch_size_count", Map.of()))
                .isPositive();

        // The template was invalidated, so the dashboard missed it once and filled it.
        assertThat(delta(before, after, "cache_gets_total", Map.of("cache", "organization-template", "result", "miss")))
                .isPositive();
        assertThat(after.text())
                .contains("cache_evictions_total{cache=\"live-scopes\"")
                .contains("cache_gets_total{cache=\"verified-tokens\"")
                .contains("cache_gets_total{cache=\"documents\"")
                // The circuit breakers' state (closed) and the reads' retry outcomes.
                .contains("resilience4j_circuitbreaker_state{name=\"logtoManagementApi\",state=\"closed\"")
                .contains("resilience4j_circuitbreaker_state{name=\"logtoTokenEndpoint\"")
                .contains(
                        "resilience4j_retry_calls_total{kind=\"successful_without_retry\",name=\"logtoManagementApiReads\"");
        assertThat(after.sum("orgql_logto_token_fetches_total", Map.of("outcome", "issued")))
                .isPositive();
        assertThat(after.sum("orgql_jwks_fetches_total", Map.of("outcome", "fetched")))
                .isPositive();

        // Micronaut's own: the server by route, the JVM, Netty; not the Logto client by concrete URI (its
        // filter's path matches no call: a meter here means the filter ran).
        assertThat(after.sum("http_server_requests_seconds_count", Map.of("uri", "/graphql")))
                .isPositive();
        assertThat(after.has("jvm_memory_used_bytes")).isTrue();
        assertThat(after.has("jvm_threads_live_threads")).isTrue();
        assertThat(after.text()).contains("netty_");
        assertThat(after.has("http_client_requests_seconds_count")).isFalse();
    }

    @Test
    void readCachesCountHitsAndMissesPerKindAndCoalescedReadsByRoute() throws Exception {
        DashboardStubs.stub();
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        graphql(token, operation("templateScopeNames"));
        Scrape before = Scrape.of(server.getURL().toString());

        // The organization and the inviters are kept (their kinds are on by default): the second dashboard
        // finds them.
        graphql(token, operation("dashboard"), Map.of("id", Ids.ORG_A));
        graphql(token, operation("dashboard"), Map.of("id", Ids.ORG_A));

        Scrape after = Scrape.of(server.getURL().toString());
        for (String kind : new String[] {"read-organizations", "read-users"}) {
            assertThat(delta(before, after, "cache_gets_total", Map.of("cache", kind, "result", "miss")))
                    .as(kind)
                    .isEqualTo(1);
            assertThat(delta(before, after, "cache_gets_total", Map.of("cache", kind, "result", "hit")))
                    .as(kind)
                    .isEqualTo(1);
        }

        // Two identical reads in flight at once: the second joins the first, counted by route template.
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_B))
                .willReturn(
                        LogtoMock.json(Fixtures.organization(Ids.ORG_B, "Beta")).withFixedDelay(2_000)));
        String tokenB = orgToken(Ids.ALICE, Ids.ORG_B, "read:data");
        var first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> graphql(tokenB, operation("organizationName"), Map.of("id", Ids.ORG_B)));
        long until = System.nanoTime() + 10_000_000_000L;
        while (LogtoMock.calls().stream().noneMatch(c -> c.equals("GET /api/organizations/" + Ids.ORG_B))
                && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Answer second = graphql(tokenB, operation("organizationName"), Map.of("id", Ids.ORG_B));
        assertThat(first.join().errors()).isNull();
        assertThat(second.errors()).isNull();

        Scrape joined = Scrape.of(server.getURL().toString());
        assertThat(delta(after, joined, "orgql_upstream_coalesced_total", Map.of("route", "/api/organizations/{id}")))
                .isEqualTo(1);
        assertThat(LogtoMock.calls().stream().filter(c -> c.equals("GET /api/organizations/" + Ids.ORG_B)))
                .hasSize(1);
    }

    @Test
    void refusalsAreCountedByCodeAndMissingScope() {
        DashboardStubs.stub();
        Scrape before = Scrape.of(server.getURL().toString());

        // An organization token without read:data (and Logto, asked for the live scopes, knows none).
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, ""),
                "query NeedsReadData($id: ID!) { organization(id: $id) { name } }",
                Map.of("id", Ids.ORG_A));

        Scrape after = Scrape.of(server.getURL().toString());
        assertThat(answer.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(answer.firstError().at("/extensions/missingScopes/0").asText())
                .isEqualTo("read:data");
        assertThat(delta(
                        before,
                        after,
                        "orgql_graphql_errors_total",
                        Map.of("operation", "NeedsReadData", "type", "query", "code", "FORBIDDEN")))
                .isEqualTo(1);
        assertThat(delta(
                        before,
                        after,
                        "orgql_graphql_operations_seconds_count",
                        Map.of("operation", "NeedsReadData", "outcome", "error")))
                .isEqualTo(1);
        assertThat(delta(
                        before,
                        after,
                        "orgql_access_denials_total",
                        Map.of("code", "FORBIDDEN", "permission", "read:data")))
                .isEqualTo(1);
    }

    @Test
    void operationNamesAreBoundedLabels() {
        for (int i = 0; i < MAX_NAMES + 5; i++) {
            graphql(null, "query Client" + i + " { __typename }");
        }
        graphql(null, "{ __typename }");
        graphql(null, "query " + "N".repeat(65) + " { __typename }");

        Scrape after = Scrape.of(server.getURL().toString());
        Set<String> names = after.matching("orgql_graphql_operations_seconds_count", Map.of()).stream()
                .map(s -> s.labels().get("operation"))
                .collect(Collectors.toSet());
        assertThat(names).contains("(unnamed)", "(other)");
        assertThat(names.stream().filter(n -> !n.startsWith("("))).hasSizeLessThanOrEqualTo(MAX_NAMES);
        assertThat(after.text()).doesNotContain("N".repeat(65));
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** The route template of a call Logto saw: ids by the names LogtoPath gives them. */
    private static String route(LoggedRequest call) {
        String path = URI.create(call.getUrl()).getPath();
        if (path.equals("/api/organizations/" + Ids.ORG_A)) {
            return "/api/organizations/{id}";
        }
        return path.replace(Ids.ORG_A, "{organizationId}");
    }
}

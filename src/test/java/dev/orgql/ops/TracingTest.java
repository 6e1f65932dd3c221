package dev.orgql.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.role.TemplateCache;
import dev.orgql.support.DashboardStubs;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The span tree of a dashboard query, caught by an in-memory exporter: the client's trace (W3C
 * {@code traceparent}) continues in the gateway's server span, the GraphQL operation's span under it,
 * one span per Management API call under the operation (named by route template, with Logto's status),
 * and the trace goes on to Logto: every call WireMock saw carries the client's trace id.
 */
@MicronautTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracingTest extends GatewayTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    TemplateCache template;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.in-memory-spans", "true");
    }

    @Test
    @Order(1)
    void theFirstQueryWhoseCallsWaitForTheM2mTokenIsOneTraceToo() throws Exception {
        // No request before: all six calls wait for the one fetch of the gateway's own token.
        DashboardStubs.stub();
        exporter.reset();
        assertDashboardTrace(orgToken(Ids.ALICE, Ids.ORG_A, "read:data"));
    }

    @Test
    @Order(2)
    void aDashboardQueryIsOneTraceFromTheClientToLogto() throws Exception {
        DashboardStubs.stub();
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        graphql(token, operation("templateScopeNames"));
        template.invalidate();
        LogtoMock.clearJournal();
        exporter.reset();
        assertDashboardTrace(token);
    }

    private void assertDashboardTrace(String token) throws Exception {

        ObjectNode body = Fixtures.JSON.createObjectNode();
        body.put("query", operation("dashboard"));
        body.set("variables", Fixtures.JSON.valueToTree(Map.of("id", Ids.ORG_A)));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(Fixtures.JSON.readTree(response.body()).has("errors")).isFalse();

        List<SpanData> spans = traceOnceTheServerSpanEnded();
        SpanData serverSpan = only(spans, s -> s.getKind() == SpanKind.SERVER);
        assertThat(serverSpan.getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);

        SpanData operationSpan = only(spans, s -> s.getName().equals("query Dashboard"));
        assertThat(operationSpan.getParentSpanId()).isEqualTo(serverSpan.getSpanId());
        assertThat(operationSpan.getAttributes().get(AttributeKey.stringKey("graphql.operation.name")))
                .isEqualTo("Dashboard");
        assertThat(operationSpan.getAttributes().get(AttributeKey.stringKey("graphql.operation.type")))
                .isEqualTo("query");

        List<SpanData> upstream =
                spans.stream().filter(s -> s.getName().startsWith("GET /api/")).toList();
        assertThat(upstream)
                .extracting(SpanData::getName)
                .containsExactlyInAnyOrder(
                        "GET /api/organizations/{id}",
                        "GET /api/organizations/{organizationId}/users",
                        "GET /api/organizations/{organizationId}/applications",
                        "GET /api/organization-invitations",
                        "GET /api/users",
                        "GET /api/organization-roles");
        assertThat(upstream).allSatisfy(span -> {
            assertThat(span.getParentSpanId()).as(span.getName()).isEqualTo(operationSpan.getSpanId());
            assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(200L);
            assertThat(span.getName()).doesNotContain(Ids.ORG_A);
        });

        // Micronaut's HTTP client span of each call hangs under the call's span, and is what Logto sees
        // (the JWKS and M2M token requests have client spans of their own, in the same trace).
        List<SpanData> clientSpans = spans.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT)
                .filter(s -> s.getAttributes()
                        .get(AttributeKey.stringKey("url.full"))
                        .contains("/api/"))
                .toList();
        assertThat(clientSpans).hasSize(upstream.size());
        Map<String, String> upstreamNames =
                upstream.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName));
        assertThat(clientSpans).allSatisfy(span -> {
            String path = URI.create(span.getAttributes().get(AttributeKey.stringKey("url.full")))
                    .getPath();
            String route = path.equals("/api/organizations/" + Ids.ORG_A)
                    ? "/api/organizations/{id}"
                    : path.replace(Ids.ORG_A, "{organizationId}");
            assertThat(upstreamNames.get(span.getParentSpanId())).as(path).isEqualTo("GET " + route);
        });
        Set<String> clientIds = clientSpans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());

        List<LoggedRequest> calls = LogtoMock.apiCalls();
        assertThat(calls).hasSize(upstream.size());
        assertThat(calls).allSatisfy(call -> {
            String traceparent = call.getHeader("traceparent");
            assertThat(traceparent).as(call.getUrl()).startsWith("00-" + TRACE_ID + "-");
            assertThat(clientIds).contains(traceparent.split("-")[2]);
        });
    }

    @Test
    @Order(3)
    void withoutATraceparentTheGatewayStartsATrace() throws Exception {
        exporter.reset();
        Answer answer = graphql(null, "query Probe { __typename }");
        assertThat(answer.errors()).isNull();

        SpanData operationSpan = awaitSpan("query Probe");
        assertThat(operationSpan.getParentSpanContext().isValid()).isTrue();
        assertThat(operationSpan.getTraceId()).isNotEqualTo(TRACE_ID);
    }

    /** The spans of the client's trace, once the server span (the last to end) is exported. */
    private List<SpanData> traceOnceTheServerSpanEnded() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            List<SpanData> spans = exporter.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(TRACE_ID))
                    .toList();
            if (spans.stream().anyMatch(s -> s.getKind() == SpanKind.SERVER)) {
                return spans;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No server span for the client's trace: " + exporter.getFinishedSpanItems());
    }

    private SpanData awaitSpan(String name) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            for (SpanData span : exporter.getFinishedSpanItems()) {
                if (span.getName().equals(name)) {
                    return span;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No span " + name + ": " + exporter.getFinishedSpanItems());
    }

    private static SpanData only(List<SpanData> spans, java.util.function.Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertThat(found).as("spans in " + spans).hasSize(1);
        return found.get(0);
    }

    /** The exporter this test reads; only for the test classes that ask for it. */
    @Factory
    @Requires(property = "test.in-memory-spans", value = "true")
    static class InMemorySpans {
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }

        @Singleton
        SpanProcessor processor(InMemorySpanExporter exporter) {
            return SimpleSpanProcessor.create(exporter);
        }
    }
}

package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator's switches: metrics off (ORGQL_METRICS_ENABLED=false) leaves no {@code /prometheus} and a
 * gateway that works as before; traces exported over OTLP/HTTP once configured (OTEL_TRACES_EXPORTER=otlp
 * and OTEL_EXPORTER_OTLP_ENDPOINT; WireMock plays the collector here).
 */
@MicronautTest
class OperatorSwitchesTest extends GatewayTest {
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(
                "micronaut.metrics.enabled", "false",
                "micronaut.metrics.export.prometheus.enabled", "false",
                "endpoints.prometheus.enabled", "false",
                "otel.traces.exporter", "otlp",
                "otel.exporter.otlp.endpoint", LogtoMock.endpoint(),
                "otel.exporter.otlp.protocol", "http/protobuf",
                // Export at once instead of every 5 s.
                "otel.bsp.schedule.delay", "10");
    }

    @Test
    void withoutMetricsThereIsNoScrapeAndTheGatewayAnswers() {
        assertThat(Scrape.of(server.getURL().toString()).status()).isEqualTo(404);
        Answer answer = graphql(null, "query Probe { __typename }");
        assertThat(answer.errors()).isNull();
        assertThat(answer.data().get("__typename").asText()).isEqualTo("Query");
    }

    @Test
    void spansAreSentToTheConfiguredCollector() throws InterruptedException {
        LogtoMock.stub(WireMock.post(urlPathEqualTo("/v1/traces")).willReturn(WireMock.ok()));

        graphql(null, "query Exported { __typename }");

        for (int i = 0; i < 500 && exports() == 0; i++) {
            Thread.sleep(20);
        }
        assertThat(exports()).isPositive();
        assertThat(LogtoMock.server()
                        .findAll(postRequestedFor(urlPathEqualTo("/v1/traces")))
                        .get(0)
                        .getHeader("Content-Type"))
                .isEqualTo("application/x-protobuf");
    }

    private static int exports() {
        return LogtoMock.server()
                .findAll(postRequestedFor(urlPathEqualTo("/v1/traces")))
                .size();
    }
}

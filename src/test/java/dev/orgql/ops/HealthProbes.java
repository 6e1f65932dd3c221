package dev.orgql.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.orgql.auth.AuthClock;
import dev.orgql.support.Fixtures;
import dev.orgql.support.LogtoMock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** What the health tests share: plain GETs as a kubelet sends them (no token, no headers), and Logto's answer to the probe. */
final class HealthProbes {
    static final String PROBE_PATH = "/api/organizations/" + LogtoManagementApiHealth.PROBE_ID;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HealthProbes() {}

    record Reply(int status, JsonNode body) {}

    static Reply fetch(String baseUrl, String path) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body =
                    response.body().isEmpty() ? Fixtures.JSON.missingNode() : Fixtures.JSON.readTree(response.body());
            return new Reply(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logto's answer for an organization id that does not exist (recorded: 24-get-organization-not-found). */
    static void stubProbeAnswered() {
        LogtoMock.stub(WireMock.get(urlPathEqualTo(PROBE_PATH))
                .willReturn(LogtoMock.json(
                        404,
                        Fixtures.recordedBody("24-get-organization-not-found.json")
                                .toString())));
    }

    static int probeCalls() {
        return LogtoMock.server()
                .findAll(WireMock.getRequestedFor(urlPathEqualTo(PROBE_PATH)))
                .size();
    }

    static int jwksCalls() {
        return LogtoMock.server()
                .findAll(WireMock.getRequestedFor(urlPathEqualTo("/oidc/jwks")))
                .size();
    }

    /** The gateway's clock, moved forward by the test instead of waiting. */
    static final class MovableClock extends AuthClock {
        private volatile Duration offset = Duration.ZERO;

        @Override
        public Instant now() {
            return super.now().plus(offset);
        }

        void advance(Duration by) {
            offset = offset.plus(by);
        }
    }
}

package dev.orgql.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The ways Logto (or a proxy in front of it) fails a read, as WireMock plays them, with the
 * {@code extensions.code} a client gets for each. Each fault turns the step's healthy answer into a
 * failing one, so a slow answer is the real body, only late.
 *
 * <p>The recordings hold no 429, 502 or 503 from Logto: OSS Logto has no general rate limit and
 * answers 5xx other than 500 only behind a proxy. Those bodies are what a proxy (nginx, a cloud load
 * balancer) sends: plain text, not Logto's JSON error.
 */
public enum UpstreamFault {
    CONNECTION_RESET_BY_PEER(
            "UPSTREAM_ERROR",
            null,
            "Logto could not be reached",
            healthy -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    EMPTY_RESPONSE(
            "UPSTREAM_ERROR",
            null,
            "Logto could not be reached",
            healthy -> aResponse().withFault(Fault.EMPTY_RESPONSE)),
    MALFORMED_RESPONSE_CHUNK(
            "UPSTREAM_ERROR",
            null,
            "Logto could not be reached",
            healthy -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
    HTTP_500("UPSTREAM_ERROR", null, "Internal server error.", healthy -> LogtoMock.error(500, "500.internal.json")),
    HTTP_502("UPSTREAM_ERROR", null, "Logto failed to answer (HTTP 502).", healthy -> text(502, "Bad Gateway")),
    HTTP_503(
            "UPSTREAM_ERROR",
            30,
            "Logto failed to answer (HTTP 503).",
            healthy -> text(503, "Service Unavailable").withHeader("Retry-After", "30")),
    HTTP_429(
            "RATE_LIMITED",
            7,
            "Logto refused the call because of its rate limit (HTTP 429).",
            healthy -> text(429, "Too Many Requests").withHeader("Retry-After", "7")),
    /** Far beyond the read timeout the fault tests set ({@link #READ_TIMEOUT}). */
    SLOW("UPSTREAM_TIMEOUT", null, "Logto did not answer GET in time", healthy -> healthy.withFixedDelay(5_000));

    /** The upstream read timeout for fault tests: short so the suite stays fast, long enough for healthy answers. */
    public static final String READ_TIMEOUT = "2s";

    /** JWKS fetches may start again this soon after a failed one (see {@link #warmUp}). */
    public static final String JWKS_MIN_REFRESH_INTERVAL = "100ms";

    /**
     * Sends a healthy request until it is answered whole: the first request of a test class fetches the
     * JWKS and the gateway's token, which on a busy machine can outlast the short read timeout above.
     * Waiting here (not an assertion) keeps that first fetch out of the counted requests.
     */
    public static void warmUp(Supplier<GatewayTest.Answer> healthyRequest) {
        for (int attempt = 0; attempt < 20; attempt++) {
            GatewayTest.Answer answer = healthyRequest.get();
            if (answer.status() == 200 && answer.errors() == null) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("The gateway did not answer a healthy request");
    }

    private final String code;
    private final Integer retryAfterSeconds;
    private final String message;
    private final UnaryOperator<ResponseDefinitionBuilder> response;

    UpstreamFault(
            String code, Integer retryAfterSeconds, String message, UnaryOperator<ResponseDefinitionBuilder> response) {
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.message = message;
        this.response = response;
    }

    /** The {@code extensions.code} of the error a client gets. */
    public String code() {
        return code;
    }

    /** The start of the error's message (Logto's own message when its body has one). */
    public String message() {
        return message;
    }

    /** The {@code extensions.retryAfterSeconds} the client gets, or null when the fault carries none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Waits until Logto has received this many Management API calls. The answer can come before every
     * call of its request arrived: when the organization fails, the reads started alongside it are not
     * waited for. Counting only then keeps a late call from landing among the next request's calls.
     */
    public static void awaitCalls(int calls) {
        for (int attempt = 0; attempt < 100 && LogtoMock.apiCalls().size() < calls; attempt++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The failing answer, made from the step's healthy one. */
    public ResponseDefinitionBuilder response(ResponseDefinitionBuilder healthy) {
        return response.apply(healthy);
    }

    private static ResponseDefinitionBuilder text(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody(body);
    }
}

package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orgql.logto.UpstreamBudget;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Admission with one working place: a second request waits in line until the first is done or waits for
 * Logto; one in line past the deadline gets 503 {@code UPSTREAM_BUSY}; the in-flight limit still refuses
 * at once. The requests are stand-ins held open by the test (a sink), not GraphQL executions; the whole
 * path through HTTP is covered by WorkingLimitTest.
 */
class RequestAdmissionTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private RequestAdmission admission(int inFlight, int working, Duration lineDeadline) {
        RequestAdmission.Config config = new RequestAdmission.Config();
        config.setMaxConcurrentRequests(inFlight);
        config.setMaxWorkingRequests(working);
        return new RequestAdmission(config, lineDeadline, registry, GIB);
    }

    /** A request that records its start, hands out its wait listener and answers when the sink says. */
    private static final class Held {
        final Sinks.One<ExecutionResult> answer = Sinks.one();
        final CompletableFuture<UpstreamBudget.WaitListener> waits = new CompletableFuture<>();
    }

    private Function<UpstreamBudget.WaitListener, Publisher<ExecutionResult>> request(String name, Held held) {
        return waits -> {
            ran.add(name);
            held.waits.complete(waits);
            return held.answer.asMono();
        };
    }

    private static CompletableFuture<ExecutionResult> subscribe(
            RequestAdmission admission,
            MutableHttpResponse<?> response,
            Function<UpstreamBudget.WaitListener, Publisher<ExecutionResult>> request) {
        return Mono.from(admission.run(HttpRequest.POST("/graphql", ""), response, request))
                .toFuture();
    }

    private static ExecutionResult ok() {
        return ExecutionResultImpl.newExecutionResult().data(Map.of("ok", true)).build();
    }

    @Test
    void theSecondWaitsInLineUntilTheFirstIsDone() throws Exception {
        RequestAdmission admission = admission(10, 1, Duration.ofSeconds(30));
        Held first = new Held();
        Held second = new Held();
        CompletableFuture<ExecutionResult> a = subscribe(admission, HttpResponse.ok(), request("a", first));
        CompletableFuture<ExecutionResult> b = subscribe(admission, HttpResponse.ok(), request("b", second));

        assertThat(ran).containsExactly("a");
        assertThat(registry.get("orgql.server.requests.queued").gauge().value()).isEqualTo(1.0);
        first.answer.tryEmitValue(ok());
        assertThat(a.get(5, TimeUnit.SECONDS).isDataPresent()).isTrue();

        second.waits.get(5, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("a", "b");
        second.answer.tryEmitValue(ok());
        assertThat(b.get(5, TimeUnit.SECONDS).isDataPresent()).isTrue();
        assertThat(registry.get("orgql.server.requests.working").gauge().value())
                .isZero();
        assertThat(registry.get("orgql.server.requests.queued").gauge().value()).isZero();
    }

    @Test
    void aRequestWaitingForLogtoLetsTheNextOneIn() throws Exception {
        RequestAdmission admission = admission(10, 1, Duration.ofSeconds(30));
        Held first = new Held();
        Held second = new Held();
        subscribe(admission, HttpResponse.ok(), request("a", first));
        subscribe(admission, HttpResponse.ok(), request("b", second));
        assertThat(ran).containsExactly("a");

        first.waits.get(5, TimeUnit.SECONDS).waiting();
        second.waits.get(5, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("a", "b");
        first.waits.get().resumed();
        assertThat(registry.get("orgql.server.requests.working").gauge().value())
                .isEqualTo(2.0);
        first.answer.tryEmitValue(ok());
        second.answer.tryEmitValue(ok());
    }

    @Test
    void oneStillInLineAfterTheDeadlineGets503UpstreamBusyAndNeverRuns() throws Exception {
        RequestAdmission admission = admission(10, 1, Duration.ofMillis(200));
        Held first = new Held();
        subscribe(admission, HttpResponse.ok(), request("a", first));
        MutableHttpResponse<?> response = HttpResponse.ok();
        ExecutionResult refused =
                subscribe(admission, response, request("b", new Held())).get(10, TimeUnit.SECONDS);

        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        assertThat(response.getHeaders().get("Retry-After")).isEqualTo("1");
        assertThat(refused.getErrors()).hasSize(1);
        assertThat(refused.getErrors().get(0).getExtensions()).containsEntry("code", "UPSTREAM_BUSY");
        assertThat(refused.getErrors().get(0).getMessage()).contains("busy");
        assertThat(registry.get("orgql.server.requests.queued").gauge().value()).isZero();

        first.answer.tryEmitValue(ok());
        assertThat(ran)
                .as("the refused request never started, even after the place was free")
                .containsExactly("a");
        assertThat(registry.get("orgql.server.requests.working").gauge().value())
                .isZero();
    }

    @Test
    void overTheInFlightLimitIsRefusedAtOnceWithoutQueueing() throws Exception {
        RequestAdmission admission = admission(2, 1, Duration.ofSeconds(30));
        Held first = new Held();
        subscribe(admission, HttpResponse.ok(), request("a", first));
        subscribe(admission, HttpResponse.ok(), request("b", new Held()));
        MutableHttpResponse<?> response = HttpResponse.ok();
        ExecutionResult refused =
                subscribe(admission, response, request("c", new Held())).get(5, TimeUnit.SECONDS);

        assertThat(response.getStatus().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        assertThat(refused.getErrors().get(0).getExtensions()).containsEntry("code", "UPSTREAM_BUSY");
        assertThat(registry.get("orgql.server.requests.queued").gauge().value())
                .as("the one in line stays, the refused one never queued")
                .isEqualTo(1.0);
        first.answer.tryEmitValue(ok());
    }

    @Test
    void anActiveLimitBelowTheWorkingLimitIsRefusedAtStartUp() {
        RequestAdmission.Config config = new RequestAdmission.Config();
        config.setMaxWorkingRequests(4);
        config.setMaxActiveRequests(3);
        assertThatThrownBy(() -> new RequestAdmission(config, Duration.ofSeconds(1), registry, GIB))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ORGQL_SERVER_MAX_ACTIVE_REQUESTS must be at least")
                .hasMessageContaining("(4)");
        config.setMaxActiveRequests(0);
        new RequestAdmission(config, Duration.ofSeconds(1), registry, GIB);
        assertThat(registry.get("orgql.server.requests.active").gauge().value()).isZero();
    }

    @Test
    void byDefaultOneRequestIsLetInPerTwoMebibytesOfHeapWithinOneToFourPerWorkingPlace() {
        RequestAdmission.Config config = new RequestAdmission.Config();
        config.setMaxWorkingRequests(16);
        // The image's heap in 320Mi as the JVM reports it (58 MiB less one survivor space).
        assertThat(new RequestAdmission(config, Duration.ofSeconds(1), new SimpleMeterRegistry(), 50 * MIB)
                        .activeLimit())
                .isEqualTo(25);
        assertThat(new RequestAdmission(config, Duration.ofSeconds(1), new SimpleMeterRegistry(), GIB).activeLimit())
                .as("a large heap: 4 per working place")
                .isEqualTo(64);
        assertThat(new RequestAdmission(config, Duration.ofSeconds(1), new SimpleMeterRegistry(), 8 * MIB)
                        .activeLimit())
                .as("a tiny heap: still every working place")
                .isEqualTo(16);
        config.setMaxActiveRequests(20);
        assertThat(new RequestAdmission(config, Duration.ofSeconds(1), new SimpleMeterRegistry(), GIB).activeLimit())
                .as("a configured limit is taken as it is")
                .isEqualTo(20);
    }
}

package dev.orgql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.devlogto.SampleData;
import dev.orgql.e2e.DevModeE2E;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures the organization dashboard (55 members with roles and scopes, bots, invitations with
 * inviters) through the whole stack: the gateway in dev mode over real HTTP, against the embedded
 * Logto stand-in over real HTTP. Reports throughput, latency percentiles and heap after GC to
 * {@code target/benchmarks/dashboard.txt}. Not part of the test run: {@code ./mvnw test -Pbench}.
 */
@Tag("benchmark")
@MicronautTest(environments = "dev")
class DashboardBenchmark extends DevModeE2E {
    private static final int WARMUP = 300;
    private static final int MEASURED = Integer.getInteger("bench.queries", 2000);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
    private static final String QUERY = operation("benchmarkDashboard");

    @Test
    void dashboard() throws Exception {
        String token = devLogto.standIn().tokens().organizationToken(SampleData.ADMIN_USER_ID, SampleData.ACME_ORG_ID);
        String body = JSON.writeValueAsString(
                java.util.Map.of("query", QUERY, "variables", java.util.Map.of("id", SampleData.ACME_ORG_ID)));
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri("/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        JsonNode sample = JSON.readTree(
                client.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(sample.path("errors").isMissingNode()).as(sample.toString()).isTrue();
        assertThat(sample.at("/data/organization/members/totalCount").asInt()).isEqualTo(55);

        run(client, request, WARMUP);
        System.gc();
        long start = System.nanoTime();
        long[] latencies = run(client, request, MEASURED);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);

        Arrays.sort(latencies);
        String report = String.format(
                """
                        dashboard query, gateway + Logto stand-in in one JVM, %d cores
                        queries: %d at concurrency %d
                        throughput: %.0f queries/s
                        latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f
                        heap after GC: %d MB (gateway, stand-in and test together)
                        """,
                Runtime.getRuntime().availableProcessors(),
                MEASURED,
                CONCURRENCY,
                MEASURED / seconds,
                percentile(latencies, 50),
                percentile(latencies, 95),
                percentile(latencies, 99),
                latencies[latencies.length - 1] / 1e6,
                heapMb);
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/dashboard.txt"), report);
        System.out.println(report);
    }

    /** Sends {@code count} requests with at most {@link #CONCURRENCY} in flight; all must succeed. */
    private static long[] run(HttpClient client, HttpRequest request, int count) throws InterruptedException {
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        long[] latencies = new long[count];
        List<CompletableFuture<Void>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            int index = i;
            long sent = System.nanoTime();
            all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> {
                        latencies[index] = System.nanoTime() - sent;
                        inFlight.release();
                        if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
                            throw new IllegalStateException("Benchmark query failed: " + response.body());
                        }
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return latencies;
    }

    private static double percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}

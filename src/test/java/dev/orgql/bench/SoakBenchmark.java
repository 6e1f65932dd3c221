package dev.orgql.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.sun.tools.attach.VirtualMachine;
import dev.orgql.support.DashboardStubs;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Soak: the production jar ({@code target/orgql.jar}, run {@code ./mvnw package} first) as its own
 * process, with the image's JVM flags, in front of an in-process WireMock playing Logto with the
 * dashboard's recorded shapes, optional latency and a random fault rate on the Management API; N
 * closed-loop clients send the dashboard query for a while. Writes start-up time, req/s, latency
 * percentiles, errors by {@code extensions.code}, upstream calls, RSS, heap, direct buffers and threads
 * at start, peak and end to {@code target/benchmarks/soak-<faults>.txt}. Not a test:
 * {@code ./mvnw test -Pbench -Dtest=SoakBenchmark}.
 *
 * <p>Settings (system properties): {@code bench.clients} (200), {@code bench.duration} (60, seconds),
 * {@code bench.warmup} (10, seconds), {@code bench.faultRate} (0.0 to 1.0), {@code bench.latencyMs}
 * (0: each Management API answer is delayed uniformly between half and one and a half times this),
 * {@code bench.jvmFlags} (the image's JAVA_TOOL_OPTIONS), {@code bench.containerMemory} (320m, as deploy/kubernetes: what
 * the JVM takes as the machine's memory, as in a container with that limit).
 */
@Tag("benchmark")
class SoakBenchmark {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 200);
    private static final int DURATION_S = Integer.getInteger("bench.duration", 60);
    private static final int WARMUP_S = Integer.getInteger("bench.warmup", 10);
    private static final int SETTLE_S = Integer.getInteger("bench.settle", 10);
    private static final double FAULT_RATE = Double.parseDouble(System.getProperty("bench.faultRate", "0"));
    private static final int LATENCY_MS = Integer.getInteger("bench.latencyMs", 0);
    private static final String JVM_FLAGS = System.getProperty("bench.jvmFlags", "");
    private static final String CONTAINER_MEMORY = System.getProperty("bench.containerMemory", "320m");
    private static final Path JAR = Path.of(System.getProperty("orgql.jar", "target/orgql.jar"));
    private static final Path OUT = Path.of("target/benchmarks");

    /** Counts every Management API call per route and turns a share of them into a fault. */
    static final class Faults implements ResponseDefinitionTransformerV2 {
        final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
        final Map<String, LongAdder> injected = new ConcurrentHashMap<>();
        volatile double rate;

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String path = event.getRequest().getUrl().replaceFirst("\\?.*", "");
            if (!path.startsWith("/api/")) {
                return event.getResponseDefinition();
            }
            calls.computeIfAbsent(route(path), k -> new LongAdder()).increment();
            ResponseDefinition answer = event.getResponseDefinition();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextDouble() < rate) {
                // The faults issue 10 lists: a database hiccup (5xx), a rate limit, a reset connection.
                int kind = random.nextInt(4);
                String name = new String[] {"500", "503", "429", "reset"}[kind];
                injected.computeIfAbsent(name, k -> new LongAdder()).increment();
                answer = switch (kind) {
                    case 0 -> LogtoMock.error(500, "500.internal.json").build();
                    // No recording has a 503: it comes from a proxy in front of Logto, as plain text.
                    case 1 ->
                        WireMock.aResponse()
                                .withStatus(503)
                                .withHeader("Content-Type", "text/plain")
                                .withBody("Service Unavailable")
                                .build();
                    case 2 ->
                        LogtoMock.error(429, "429.request.message_rate_limited.json")
                                .withHeader("Retry-After", "1")
                                .build();
                    default ->
                        WireMock.aResponse()
                                .withFault(Fault.CONNECTION_RESET_BY_PEER)
                                .build();
                };
            }
            if (LATENCY_MS > 0) {
                int delay = LATENCY_MS / 2 + random.nextInt(LATENCY_MS + 1);
                answer = ResponseDefinitionBuilder.like(answer)
                        .withFixedDelay(delay)
                        .build();
            }
            return answer;
        }

        private static String route(String path) {
            return path.replaceAll("^/api/organizations/[^/]+", "/api/organizations/{id}");
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "soak-faults";
        }
    }

    record Sample(long rssKb, long heapUsed, long heapCommitted, long direct, int threads) {
        String row(String label) {
            return String.format(
                    "%-22s rss %6.1f MiB  heap used %6.1f MiB  heap committed %6.1f MiB  direct %5.1f MiB  threads %d",
                    label, rssKb / 1024.0, mib(heapUsed), mib(heapCommitted), mib(direct), threads);
        }
    }

    @Test
    void soak() throws Exception {
        assertThat(JAR).as("the production jar: run ./mvnw package first").isRegularFile();
        Files.createDirectories(OUT);
        Faults faults = new Faults();
        WireMockServer logto = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(64)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(16)
                .disableRequestJournal()
                .extensions(faults));
        logto.start();
        Process gateway = null;
        String label = String.format("faults %.0f%%, latency %d ms", FAULT_RATE * 100, LATENCY_MS);
        try {
            stubDashboard(logto);
            int port = freePort();
            String endpoint = "http://127.0.0.1:" + logto.port();
            gateway = startGateway(endpoint, port);
            long started = System.nanoTime();
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            long readyMs = waitForReady(http, base, gateway, started);
            // CPU time is what the wall time means on a busy machine: the work start-up did.
            double readyCpuS = cpuSeconds(gateway.pid());
            long firstAnswerMs = (System.nanoTime() - started) / 1_000_000;

            Jmx jmx = Jmx.attach(gateway.pid());
            Sample idle = jmx.sample(gateway.pid(), true);

            String token = TestTokens.organizationToken(
                    endpoint + TestTokens.ISSUER_PATH, Ids.ALICE, Ids.ORG_A, "read:data write:data invite:member");
            String body = Fixtures.JSON.writeValueAsString(
                    Map.of("query", GatewayTest.operation("dashboard"), "variables", Map.of("id", Ids.ORG_A)));
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/graphql"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            JsonNode sample = Fixtures.JSON.readTree(
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            assertThat(sample.path("errors").isMissingNode())
                    .as(sample.toString())
                    .isTrue();
            assertThat(sample.at("/data/organization/members/totalCount").asInt())
                    .isEqualTo(50);

            Load warmup = Load.run(http, request, CLIENTS, WARMUP_S, jmx, gateway.pid());
            faults.rate = FAULT_RATE;
            faults.calls.clear();
            Sample start = jmx.sample(gateway.pid(), false);
            Load measured = Load.run(http, request, CLIENTS, DURATION_S, jmx, gateway.pid());
            faults.rate = 0;
            long upstream =
                    faults.calls.values().stream().mapToLong(LongAdder::sum).sum();
            Map<String, Long> upstreamByRoute = new TreeMap<>();
            faults.calls.forEach((k, v) -> upstreamByRoute.put(k, v.sum()));
            Map<String, Long> injected = new TreeMap<>();
            faults.injected.forEach((k, v) -> injected.put(k, v.sum()));
            Thread.sleep(SETTLE_S * 1000L);
            Sample settled = jmx.sample(gateway.pid(), false);
            Sample afterGc = jmx.sample(gateway.pid(), true);
            jmx.close();

            long[] latencies = measured.latencies();
            Arrays.sort(latencies);
            StringBuilder report = new StringBuilder();
            report.append(String.format(
                    "soak: dashboard query, %s, %d clients, %d s (after %d s warm-up), %d cores shared with the"
                            + " clients and WireMock%n",
                    label, CLIENTS, DURATION_S, WARMUP_S, Runtime.getRuntime().availableProcessors()));
            report.append(String.format("JVM flags: %s -XX:MaxRAM=%s%n", JVM_FLAGS, CONTAINER_MEMORY));
            Matcher micronaut = Pattern.compile("Startup completed in (\\d+)ms").matcher(Files.readString(log()));
            report.append(String.format(
                    "start-up: ready (readiness 200) %d ms after the process started (Micronaut: %s ms),"
                            + " after %.2f s of CPU time; first answer at %d ms%n",
                    readyMs, micronaut.find() ? micronaut.group(1) : "?", readyCpuS, firstAnswerMs));
            String environment = System.getenv("MALLOC_ARENA_MAX");
            if (environment != null) {
                report.append("MALLOC_ARENA_MAX=").append(environment).append(System.lineSeparator());
            }
            report.append(String.format(
                    "requests: %d (%.0f req/s), warm-up %d%n",
                    latencies.length, latencies.length / (double) DURATION_S, warmup.latencies().length));
            report.append(String.format(
                    "latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    percentile(latencies, 50),
                    percentile(latencies, 90),
                    percentile(latencies, 99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6));
            report.append(String.format(
                    "answers: %d without errors, %d with partial data and errors, %d with errors and no"
                            + " organization, %d not a well-formed GraphQL answer%n",
                    measured.clean().sum(),
                    measured.partial().sum(),
                    measured.failed().sum(),
                    measured.malformed().sum()));
            report.append("errors by extensions.code: ")
                    .append(measured.codes())
                    .append(System.lineSeparator());
            report.append("HTTP statuses: ").append(measured.statuses()).append(System.lineSeparator());
            report.append(String.format(
                    "upstream calls: %d (%.1f per request) %s%n",
                    upstream, upstream / (double) Math.max(1, latencies.length), upstreamByRoute));
            report.append("faults injected: ").append(injected).append(System.lineSeparator());
            report.append(idle.row("idle after start")).append(System.lineSeparator());
            report.append(start.row("start (after warm-up)")).append(System.lineSeparator());
            report.append(measured.peak().row("peak (of 1 s samples)")).append(System.lineSeparator());
            report.append(settled.row("end (" + SETTLE_S + " s idle)")).append(System.lineSeparator());
            report.append(afterGc.row("end, after a full GC")).append(System.lineSeparator());
            double rssChange = 100.0 * (settled.rssKb() - start.rssKb()) / start.rssKb();
            report.append(String.format("RSS at end vs start: %+.1f%%%n", rssChange));
            // Issues 10 and 12: no error without faults, a well-formed answer to every request with them,
            // RSS back within 10% of its start, under 256 MiB at 200 concurrent clients.
            long errors = measured.partial().sum()
                    + measured.failed().sum()
                    + measured.malformed().sum();
            report.append(String.format(
                    "targets: %s; every answer well-formed: %s; RSS within 10%% of start: %s; peak RSS < 256 MiB:"
                            + " %s%n",
                    FAULT_RATE == 0 ? "zero errors: " + met(errors == 0) : "faults on",
                    met(measured.malformed().sum() == 0),
                    met(Math.abs(rssChange) <= 10),
                    met(measured.peak().rssKb() < 256 * 1024)));
            if (JVM_FLAGS.contains("NativeMemoryTracking")) {
                // What besides the heap holds memory: the JVM's own account, by area.
                report.append(jcmd(gateway.pid(), "VM.native_memory", "summary"));
            }
            String name = String.format("soak-faults%.0f.txt", FAULT_RATE * 100);
            Files.writeString(OUT.resolve(name), report.toString());
            System.out.println(report);
        } finally {
            if (gateway != null) {
                gateway.destroy();
                if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            }
            logto.stop();
        }
    }

    /** The dashboard of DashboardCallCountTest: 50 members, 2 bots, 25 invitations from 25 inviters. */
    static void stubDashboard(WireMockServer logto) {
        logto.stubFor(post(urlPathEqualTo("/oidc/token"))
                .willReturn(LogtoMock.json(
                        200,
                        Fixtures.recordedBody("01-token-client-credentials.json")
                                .toString())));
        logto.stubFor(get(urlPathEqualTo("/oidc/jwks")).willReturn(LogtoMock.json(200, TestTokens.jwks())));
        // Readiness probes a non-existent organization and wants Logto's 404.
        logto.stubFor(get(WireMock.urlPathMatching("/api/organizations/[^/]+"))
                .atPriority(10)
                .willReturn(LogtoMock.error(404, "404.entity.not_exists_with_id.json")));
        DashboardStubs.stubLarge(logto::stubFor);
    }

    private static Process startGateway(String endpoint, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As in a container with this memory limit: the percentages of the flags apply to it.
        command.add("-XX:MaxRAM=" + CONTAINER_MEMORY);
        for (String flag : JVM_FLAGS.trim().split("\\s+")) {
            if (!flag.isEmpty()) command.add(flag);
        }
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(name ->
                        name.startsWith("LOGTO_") || name.startsWith("ORGQL_") || name.startsWith("MICRONAUT_"));
        env.remove("JAVA_TOOL_OPTIONS");
        env.put("LOGTO_ENDPOINT", endpoint);
        env.put("LOGTO_M2M_APP_ID", LogtoMock.M2M_APP_ID);
        env.put("LOGTO_M2M_APP_SECRET", LogtoMock.M2M_APP_SECRET);
        env.put("ORGQL_API_RESOURCE", TestTokens.API_RESOURCE);
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        return builder.start();
    }

    private static long waitForReady(HttpClient http, URI base, Process gateway, long started) throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(base.resolve("/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!gateway.isAlive()) {
                throw new AssertionError("The gateway stopped: see target/benchmarks/soak-*-gateway.log");
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
                // not listening yet
            } catch (IOException e) {
                // connection closed while starting
            }
            Thread.sleep(10);
        }
        throw new AssertionError("The gateway was not ready within 60 s");
    }

    /** Closed-loop load: each client sends the next request when the last answer arrived. */
    record Load(
            long[] latencies,
            LongAdder clean,
            LongAdder partial,
            LongAdder failed,
            LongAdder malformed,
            Map<String, Long> codes,
            Map<Integer, Long> statuses,
            Sample peak) {
        static Load run(HttpClient http, HttpRequest request, int clients, int seconds, Jmx jmx, long pid)
                throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            List<List<Long>> perClient = new ArrayList<>();
            Map<String, LongAdder> codes = new ConcurrentHashMap<>();
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            LongAdder clean = new LongAdder();
            LongAdder partial = new LongAdder();
            LongAdder failed = new LongAdder();
            LongAdder malformed = new LongAdder();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                List<Long> mine = new ArrayList<>();
                perClient.add(mine);
                Thread thread = new Thread(
                        () -> {
                            while (!stop.get()) {
                                long sent = System.nanoTime();
                                try {
                                    HttpResponse<String> response =
                                            http.send(request, HttpResponse.BodyHandlers.ofString());
                                    mine.add(System.nanoTime() - sent);
                                    statuses.computeIfAbsent(response.statusCode(), k -> new LongAdder())
                                            .increment();
                                    classify(response.body(), codes, clean, partial, failed, malformed);
                                } catch (IOException e) {
                                    mine.add(System.nanoTime() - sent);
                                    codes.computeIfAbsent(
                                                    "(client) " + e.getClass().getSimpleName(), k -> new LongAdder())
                                            .increment();
                                    malformed.increment();
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "soak-client-" + c);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            Sample peak = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                Thread.sleep(1000);
                Sample now = jmx.sample(pid, false);
                if (peak == null || now.rssKb() > peak.rssKb()) peak = now;
            }
            stop.set(true);
            for (Thread thread : threads) thread.join(60_000);
            long[] latencies = perClient.stream()
                    .flatMap(List::stream)
                    .mapToLong(Long::longValue)
                    .toArray();
            Map<String, Long> codeCounts = new TreeMap<>();
            codes.forEach((k, v) -> codeCounts.put(k, v.sum()));
            Map<Integer, Long> statusCounts = new TreeMap<>();
            statuses.forEach((k, v) -> statusCounts.put(k, v.sum()));
            return new Load(latencies, clean, partial, failed, malformed, codeCounts, statusCounts, peak);
        }

        private static void classify(
                String body,
                Map<String, LongAdder> codes,
                LongAdder clean,
                LongAdder partial,
                LongAdder failed,
                LongAdder malformed) {
            JsonNode answer;
            try {
                answer = Fixtures.JSON.readTree(body);
            } catch (IOException e) {
                malformed.increment();
                return;
            }
            // Well-formed: an object with data and/or a list of errors, each with a message and a code.
            boolean wellFormed = answer.isObject()
                    && (answer.has("data") || answer.path("errors").isArray());
            JsonNode errors = answer.path("errors");
            for (JsonNode error : errors) {
                String code = error.path("extensions").path("code").asText("(none)");
                codes.computeIfAbsent(code, k -> new LongAdder()).increment();
                wellFormed &= error.path("message").isTextual();
            }
            if (!wellFormed) {
                malformed.increment();
            } else if (errors.isMissingNode() || errors.isEmpty()) {
                clean.increment();
            } else if (answer.at("/data/organization").isObject()) {
                partial.increment();
            } else {
                failed.increment();
            }
        }
    }

    /** The gateway's own MXBeans, through the attach API's local JMX agent, and its RSS from /proc. */
    record Jmx(JMXConnector connector, MemoryMXBean memory, ThreadMXBean threads, List<BufferPoolMXBean> buffers) {
        static Jmx attach(long pid) throws Exception {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            return new Jmx(
                    connector,
                    ManagementFactory.newPlatformMXBeanProxy(
                            connection, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class),
                    ManagementFactory.newPlatformMXBeanProxy(
                            connection, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class),
                    ManagementFactory.getPlatformMXBeans(connection, BufferPoolMXBean.class));
        }

        Sample sample(long pid, boolean gcFirst) throws IOException {
            if (gcFirst) memory.gc();
            var heap = memory.getHeapMemoryUsage();
            long direct = buffers.stream()
                    .filter(b -> b.getName().equals("direct"))
                    .mapToLong(BufferPoolMXBean::getMemoryUsed)
                    .sum();
            return new Sample(rssKb(pid), heap.getUsed(), heap.getCommitted(), direct, threads.getThreadCount());
        }

        void close() throws IOException {
            connector.close();
        }
    }

    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    static long rssKb(long pid) throws IOException {
        Matcher matcher = VM_RSS.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(String.valueOf(pid));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }

    /** User and system time of the process so far, from /proc (clock ticks of 1/100 s). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static String met(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static Path log() {
        return OUT.resolve(String.format("soak-faults%.0f-gateway.log", FAULT_RATE * 100));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}

package dev.orgql.bench;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One start of the production jar as its own process, in front of a WireMock playing Logto with the
 * dashboard's recorded shapes (SoakBenchmark's stubs), timed from the moment the process is started to
 * the first complete answer to the dashboard query: the token checked against the JWKS, the gateway's
 * own token fetched, four Management API reads, the answer serialized. The port opening earlier counts
 * for nothing. Used by StartupBenchmark (timings) and CdsTraining (the archive's training run).
 */
public final class JarRun implements AutoCloseable {
    private static final Pattern MICRONAUT = Pattern.compile("Startup completed in (\\d+)ms");
    private static final Pattern COUNTER = Pattern.compile("^(java\\.cls\\.\\w+)=(\\d+)$", Pattern.MULTILINE);

    /** What one start cost: wall time and CPU time to the first answer, the classes loaded by then (of them, mapped from CDS). */
    public record Start(
            long firstAnswerMs, double cpuSeconds, long micronautMs, long classesLoaded, long classesShared) {}

    private final WireMockServer logto;
    private final Process process;
    private final long started;
    private final Path log;
    private final HttpClient http;
    private final HttpRequest dashboard;
    private final URI base;

    private JarRun(WireMockServer logto, Process process, long started, Path log, int port) {
        this.logto = logto;
        this.process = process;
        this.started = started;
        this.log = log;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        String endpoint = "http://127.0.0.1:" + logto.port();
        String token = TestTokens.organizationToken(
                endpoint + TestTokens.ISSUER_PATH, Ids.ALICE, Ids.ORG_A, "read:data write:data invite:member");
        String body;
        try {
            body = Fixtures.JSON.writeValueAsString(
                    Map.of("query", GatewayTest.operation("dashboard"), "variables", Map.of("id", Ids.ORG_A)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.dashboard = HttpRequest.newBuilder(base.resolve("/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Starts WireMock, then the jar with these JVM flags (its output goes to {@code log}). */
    public static JarRun start(Path jar, List<String> jvmFlags, Path log) throws IOException {
        WireMockServer logto = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1").disableRequestJournal());
        logto.start();
        try {
            SoakBenchmark.stubDashboard(logto);
            int port = freePort();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmFlags);
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet()
                    .removeIf(name -> name.startsWith("LOGTO_")
                            || name.startsWith("ORGQL_")
                            || name.startsWith("MICRONAUT_")
                            || name.startsWith("OTEL_"));
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("JDK_JAVA_OPTIONS");
            env.put("LOGTO_ENDPOINT", "http://127.0.0.1:" + logto.port());
            env.put("LOGTO_M2M_APP_ID", LogtoMock.M2M_APP_ID);
            env.put("LOGTO_M2M_APP_SECRET", LogtoMock.M2M_APP_SECRET);
            env.put("ORGQL_API_RESOURCE", TestTokens.API_RESOURCE);
            env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
            long started = System.nanoTime();
            Process process = builder.start();
            return new JarRun(logto, process, started, log, port);
        } catch (IOException | RuntimeException e) {
            logto.stop();
            throw e;
        }
    }

    /** Polls the dashboard query until it is answered in full, then says what the start cost. */
    public Start firstAnswer(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway stopped: see " + log + "\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = http.send(dashboard, HttpResponse.BodyHandlers.ofString());
                long elapsedMs = (System.nanoTime() - started) / 1_000_000;
                double cpu = cpuSeconds(process.pid());
                checkDashboard(response);
                Map<String, Long> counters = perfCounters(process.pid());
                Matcher micronaut = MICRONAUT.matcher(Files.readString(log));
                return new Start(
                        elapsedMs,
                        cpu,
                        micronaut.find() ? Long.parseLong(micronaut.group(1)) : -1,
                        // loadedClasses counts only the classes loaded from class files, not those mapped.
                        counters.getOrDefault("java.cls.loadedClasses", 0L)
                                + counters.getOrDefault("java.cls.sharedLoadedClasses", 0L),
                        counters.getOrDefault("java.cls.sharedLoadedClasses", -1L));
            } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
                // not listening yet
            } catch (IOException e) {
                // the connection closed while the server was starting
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("No answer within " + timeout + ": see " + log);
    }

    /** A few more requests of other kinds, so that a training run loads what they need too. */
    public void exercise() throws Exception {
        for (int i = 0; i < 3; i++) {
            checkDashboard(http.send(dashboard, HttpResponse.BodyHandlers.ofString()));
        }
        for (String path : List.of("/health/readiness", "/health/liveness", "/prometheus", "/graphql/schema.graphql")) {
            http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        // Errors: no token, a malformed query, a bad token.
        for (String[] request : new String[][] {
            {"{\"query\":\"{ viewer { id } }\"}", null},
            {"{\"query\":\"{ organization(id: \"}", null},
            {"{\"query\":\"{ viewer { id } }\"}", "Bearer not.a.token"}
        }) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve("/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request[0]));
            if (request[1] != null) builder.header("Authorization", request[1]);
            http.send(builder.build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /** SIGTERM, as Kubernetes stops a pod; the JVM writes an ArchiveClassesAtExit archive on the way out. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (process.isAlive()) stop();
        } finally {
            logto.stop();
        }
    }

    private static void checkDashboard(HttpResponse<String> response) throws IOException {
        JsonNode answer = Fixtures.JSON.readTree(response.body());
        if (response.statusCode() != 200
                || !answer.path("errors").isMissingNode()
                || answer.at("/data/organization/members/totalCount").asInt() != 50) {
            throw new IllegalStateException("Not the dashboard: " + response.statusCode() + " " + response.body());
        }
    }

    /** The JVM's own counters (jcmd PerfCounter.print): classes loaded, and of those from a CDS archive. */
    private static Map<String, Long> perfCounters(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "PerfCounter.print")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Map<String, Long> counters = new java.util.HashMap<>();
        Matcher matcher = COUNTER.matcher(output);
        while (matcher.find()) counters.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        return counters;
    }

    /** User and system time of the process so far, from /proc (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

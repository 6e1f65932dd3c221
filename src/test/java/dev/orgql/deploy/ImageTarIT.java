package dev.orgql.deploy;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.support.Fixtures;
import dev.orgql.support.LogtoMock;
import dev.orgql.support.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as Jib builds it, checked without a registry or a Docker daemon: the package
 * phase builds it on {@code scratch} instead of the JRE base ({@code target/jib-image-layers.tar}, the
 * same layers, configuration and entrypoint as {@code jib:build}), and this test reads that tarball,
 * then runs the extracted layers with this machine's {@code java}, the image's classpath file and its
 * JVM options, against WireMock playing Logto. What it cannot check: the base image itself (its JRE,
 * its user database, the {@code java} on its PATH), which cannot be pulled here.
 */
class ImageTarIT {
    private static final Path TAR = Path.of(System.getProperty("orgql.image-tar", "target/jib-image-layers.tar"));
    private static final Path JAR = Path.of(System.getProperty("orgql.jar", "target/orgql.jar"));

    @TempDir
    static Path work;

    private static Path root;
    private static JsonNode config;
    private static List<String> files;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TAR).as("the image tarball (run ./mvnw verify)").isRegularFile();
        Path image = Files.createDirectories(work.resolve("image"));
        tar("-xf", TAR.toAbsolutePath().toString(), "-C", image.toString());
        JsonNode manifest =
                Fixtures.JSON.readTree(image.resolve("manifest.json").toFile());
        config = Fixtures.JSON.readTree(
                image.resolve(manifest.at("/0/Config").asText()).toFile());
        root = Files.createDirectories(work.resolve("rootfs"));
        for (JsonNode layer : manifest.at("/0/Layers")) {
            tar("-xzf", image.resolve(layer.asText()).toString(), "-C", root.toString());
        }
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> "/" + root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void runsAsANumericNonRootUserOnPort8080() {
        // Numeric, so that Kubernetes' runAsNonRoot can verify it without the image's /etc/passwd.
        assertThat(config.at("/config/User").asText()).isEqualTo("65532:65532");
        assertThat(config.at("/config/ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.at("/config/WorkingDir").asText()).isEqualTo("/app");
        assertThat(config.at("/config/Entrypoint"))
                .extracting(JsonNode::asText)
                .containsExactly("java", "-cp", "@/app/jib-classpath-file", "dev.orgql.Application");
    }

    @Test
    void boundsTheJvmToTheContainer() {
        String options = env().get("JAVA_TOOL_OPTIONS");
        // Both percentages: from MaxRAMPercentage alone the JVM takes a heap of at least 126 MiB.
        assertThat(options)
                .contains("-XX:MinRAMPercentage=")
                .contains("-XX:MaxRAMPercentage=")
                .contains("-XX:MaxDirectMemorySize=")
                .contains("-XX:MaxMetaspaceSize=")
                .contains("-XX:+UseSerialGC")
                .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(env()).containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @Test
    void holdsTheGatewayClassesOfTheProductionJarAndNoDevMode() throws IOException {
        List<String> imageClasses = files.stream()
                .filter(f -> f.startsWith("/app/classes/"))
                .map(f -> f.substring("/app/classes/".length()))
                .filter(f -> f.endsWith(".class"))
                .toList();
        List<String> jarClasses;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jarClasses = jar.stream()
                    .map(JarEntry::getName)
                    .filter(n -> n.startsWith("dev/orgql/") && n.endsWith(".class"))
                    .sorted()
                    .toList();
        }
        assertThat(imageClasses).isNotEmpty().containsExactlyInAnyOrderElementsOf(jarClasses);
        assertThat(files)
                .contains("/app/resources/application.yml", "/app/resources/logback.xml")
                .anyMatch(f -> f.startsWith("/app/resources/schema/"))
                .noneMatch(f -> f.contains("devlogto") || f.contains("devmode"))
                .noneMatch(f -> f.endsWith("application-dev.yml"));
        // Test-scoped jars (WireMock, Selenium, JUnit) stay out of the image.
        assertThat(files.stream().filter(f -> f.startsWith("/app/libs/")))
                .isNotEmpty()
                .noneMatch(f -> f.contains("wiremock") || f.contains("selenium") || f.contains("junit"));
    }

    @Test
    void itsLayersServeReadinessWithTheImagesJvmOptions() throws Exception {
        LogtoMock.reset();
        LogtoMock.stub(get(urlPathEqualTo("/api/organizations/orgql-readiness-probe"))
                .willReturn(LogtoMock.error(404, "404.entity.not_exists_with_id.json")));
        String classpath = Files.readString(root.resolve("app/jib-classpath-file"), StandardCharsets.UTF_8)
                .trim();
        // The image's absolute paths, moved to where the layers were unpacked.
        String relocated =
                Stream.of(classpath.split(":")).map(entry -> root + entry).collect(Collectors.joining(":"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(relocated);
        command.add(config.at("/config/Entrypoint/3").asText());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.resolve("app").toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("gateway.log").toFile());
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(name -> name.startsWith("LOGTO_")
                        || name.startsWith("ORGQL_")
                        || name.startsWith("MICRONAUT_")
                        || name.startsWith("JAVA_TOOL_OPTIONS"));
        environment.putAll(env());
        environment.put("LOGTO_ENDPOINT", LogtoMock.endpoint());
        environment.put("LOGTO_M2M_APP_ID", LogtoMock.M2M_APP_ID);
        environment.put("LOGTO_M2M_APP_SECRET", LogtoMock.M2M_APP_SECRET);
        environment.put("ORGQL_API_RESOURCE", TestTokens.API_RESOURCE);
        environment.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        Process gateway = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            int status = 0;
            Instant deadline = Instant.now().plusSeconds(60);
            while (status != 200 && gateway.isAlive() && Instant.now().isBefore(deadline)) {
                try {
                    status = http.send(probe, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException notListeningYet) {
                    Thread.sleep(100);
                }
            }
            String log = Files.readString(work.resolve("gateway.log"));
            assertThat(status).as(log).isEqualTo(200);
            // The JVM read the image's options (it says so on standard error).
            assertThat(log).contains("Picked up JAVA_TOOL_OPTIONS: " + env().get("JAVA_TOOL_OPTIONS"));
        } finally {
            gateway.destroy();
            gateway.waitFor();
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>();
        for (JsonNode entry : config.at("/config/Env")) {
            String[] parts = entry.asText().split("=", 2);
            env.put(parts[0], parts[1]);
        }
        return env;
    }

    private static void tar(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("tar");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
    }
}

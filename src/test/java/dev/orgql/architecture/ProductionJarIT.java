package dev.orgql.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production artifact holds no dev-mode code: no stand-in (it signs tokens and answers as Logto) and
 * no /dev/tokens. Runs in ./mvnw verify, after the package phase has built the jar that failsafe names
 * in {@code orgql.jar}.
 */
class ProductionJarIT {
    private static final List<String> DEV_PACKAGES = List.of("dev.orgql.devlogto", "dev.orgql.devmode");

    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        jar = Path.of(System.getProperty("orgql.jar", "target/orgql.jar"));
        assertThat(jar).as("the packaged jar (run ./mvnw verify)").isRegularFile();
        entries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(JarEntry::getName).forEach(entries::add);
        }
    }

    @Test
    void isTheGateway() {
        // Guards the checks below against passing on an empty or wrong file.
        assertThat(entries).contains("dev/orgql/Application.class", "application.yml", "schema/");
        assertThat(entries)
                .anyMatch(name ->
                        name.startsWith("META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/dev.orgql."));
    }

    @Test
    void holdsNoDevModeClass() {
        assertThat(entries)
                .noneMatch(name -> name.startsWith("dev/orgql/devlogto/"))
                .noneMatch(name -> name.startsWith("dev/orgql/devmode/"));
    }

    @Test
    void holdsNoDevModeConfiguration() {
        assertThat(entries).noneMatch(name -> name.endsWith("application-dev.yml"));
    }

    @Test
    void devEnvironmentSaysHowToStartDevMode() throws Exception {
        // README: MICRONAUT_ENVIRONMENTS=dev on the production jar finds no stand-in; it must say so and
        // name the command that has one, not fail on the first request.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString()).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(name ->
                        name.startsWith("LOGTO_") || name.startsWith("ORGQL_") || name.startsWith("MICRONAUT_"));
        builder.environment().put("MICRONAUT_ENVIRONMENTS", "dev");
        builder.environment().put("MICRONAUT_SERVER_PORT", "-1");
        Process process = builder.start();
        // Read aside, so that a jar that wrongly starts a server (it would hold dev-mode classes, e.g.
        // stale ones left in target/classes by a build before `mvn clean`) fails the test instead of
        // hanging it.
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(
                    "The production jar kept running with MICRONAUT_ENVIRONMENTS=dev: it holds dev mode"
                            + " (run `./mvnw clean verify` if target/classes has classes of src/dev)\n" + read.join());
        }
        String output = read.join();
        assertThat(process.exitValue()).as(output).isNotZero();
        assertThat(output)
                .contains("orgql cannot start (dev mode)")
                .contains("dev mode is not part of this build")
                .contains("./mvnw mn:run -Dmicronaut.environments=dev");
    }

    @Test
    void registersNoDevModeBean() throws IOException {
        // Micronaut finds beans through one entry per bean under META-INF/micronaut, and services through
        // META-INF/services: a dev-mode name in either would make Micronaut look for a missing class.
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String name : entries) {
                if (!name.startsWith("META-INF/") || name.endsWith("/") || name.endsWith(".class")) continue;
                for (String devPackage : DEV_PACKAGES) {
                    assertThat(name).as("jar entry").doesNotContain(devPackage);
                }
                if (name.startsWith("META-INF/services/") || name.startsWith("META-INF/micronaut/")) {
                    try (InputStream in = file.getInputStream(file.getJarEntry(name))) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        for (String devPackage : DEV_PACKAGES) {
                            assertThat(text).as(name).doesNotContain(devPackage);
                        }
                    }
                }
            }
        }
        assertThat(Files.size(jar)).isPositive();
    }
}

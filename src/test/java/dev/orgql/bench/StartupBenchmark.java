package dev.orgql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Start-up: starts the production jar ({@code target/orgql.jar}, run {@code ./mvnw package} first) N
 * times in each configuration, round-robin, and reports for each the minimum and the median of the time
 * from {@code java -jar} to the first complete answer to the dashboard query (JarRun), the CPU time
 * spent by then, Micronaut's own "Startup completed" figure, and the classes loaded (of them, from a CDS
 * archive). On a shared machine the minimum is the figure to compare; classes loaded and CPU time move
 * far less with the load than wall time. Writes {@code target/benchmarks/startup.txt}. Not a test:
 * {@code ./mvnw test -Pbench -Dtest=StartupBenchmark}.
 *
 * <p>Configurations: the image's JVM flags ({@code bench.jvmFlags}) and no flags, each without and with
 * the build's archive {@code target/orgql.jsa} (when it exists). Settings: {@code bench.runs} (5),
 * {@code bench.jar} (another jar, e.g. an older build, to compare).
 */
@Tag("benchmark")
class StartupBenchmark {
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final String JVM_FLAGS = System.getProperty("bench.jvmFlags", "");
    private static final Path JAR =
            Path.of(System.getProperty("bench.jar", System.getProperty("orgql.jar", "target/orgql.jar")));
    private static final Path ARCHIVE = Path.of(System.getProperty("orgql.cds-archive", "target/orgql.jsa"));
    private static final Path OUT = Path.of("target/benchmarks");

    @Test
    void startup() throws Exception {
        assertThat(JAR).as("the production jar: run ./mvnw package first").isRegularFile();
        Files.createDirectories(OUT);
        List<String> imageFlags = split(JVM_FLAGS);
        Map<String, List<String>> configurations = new LinkedHashMap<>();
        configurations.put("image flags", imageFlags);
        configurations.put("no flags", List.of());
        if (Files.isRegularFile(ARCHIVE)) {
            String cds = "-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath();
            configurations.put("image flags + CDS", concat(imageFlags, cds));
            configurations.put("no flags + CDS", List.of(cds));
        }
        Map<String, List<JarRun.Start>> starts = new LinkedHashMap<>();
        configurations.keySet().forEach(name -> starts.put(name, new ArrayList<>()));
        for (int run = 0; run < RUNS; run++) {
            for (var configuration : configurations.entrySet()) {
                Path log = OUT.resolve("startup-gateway.log");
                try (JarRun gateway = JarRun.start(JAR, configuration.getValue(), log)) {
                    starts.get(configuration.getKey()).add(gateway.firstAnswer(Duration.ofSeconds(120)));
                }
            }
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "start-up: java -jar %s to the first complete dashboard answer, %d runs per configuration,"
                        + " round-robin, %d cores; load average at the end %s%n",
                JAR, RUNS, Runtime.getRuntime().availableProcessors(), loadAverage()));
        report.append(String.format("image flags: %s%n", JVM_FLAGS));
        report.append(String.format(
                "%-20s %19s %19s %19s %15s %15s%n",
                "", "first answer ms", "CPU s", "Micronaut ms", "classes", "from CDS"));
        report.append(String.format(
                "%-20s %19s %19s %19s %15s %15s%n", "", "min / median", "min / median", "min / median", "", ""));
        starts.forEach((name, list) -> report.append(String.format(
                "%-20s %8d / %8d %8.2f / %8.2f %8d / %8d %15d %15d%n",
                name,
                (long) min(list, s -> s.firstAnswerMs()),
                (long) median(list, s -> s.firstAnswerMs()),
                min(list, JarRun.Start::cpuSeconds),
                median(list, JarRun.Start::cpuSeconds),
                (long) min(list, s -> s.micronautMs()),
                (long) median(list, s -> s.micronautMs()),
                (long) median(list, s -> s.classesLoaded()),
                (long) median(list, s -> s.classesShared()))));
        Files.writeString(OUT.resolve("startup.txt"), report.toString());
        System.out.println(report);
    }

    private static double min(List<JarRun.Start> starts, java.util.function.ToDoubleFunction<JarRun.Start> value) {
        return starts.stream().mapToDouble(value).min().orElse(-1);
    }

    private static double median(List<JarRun.Start> starts, java.util.function.ToDoubleFunction<JarRun.Start> value) {
        double[] sorted = starts.stream().mapToDouble(value).sorted().toArray();
        return sorted.length == 0 ? -1 : sorted[(sorted.length - 1) / 2];
    }

    private static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+"))
                .filter(flag -> !flag.isEmpty())
                .toList();
    }

    private static List<String> concat(List<String> flags, String flag) {
        List<String> all = new ArrayList<>(flags);
        all.add(flag);
        return all;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}

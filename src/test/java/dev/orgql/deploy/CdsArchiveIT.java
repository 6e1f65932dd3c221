package dev.orgql.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.orgql.bench.JarRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AppCDS archive of the package phase ({@code target/orgql.jsa}, CdsTraining) is one this JVM
 * really uses: with {@code -Xshare:on} the JVM refuses to start on an archive it cannot map, and the
 * JVM's own counter says how many of the classes loaded up to the first dashboard answer came from an
 * archive. A stale archive (another jar file) is ignored and the gateway starts all the same.
 */
class CdsArchiveIT {
    private static final Path JAR = Path.of(System.getProperty("orgql.jar", "target/orgql.jar"));
    private static final Path ARCHIVE = Path.of(System.getProperty("orgql.cds-archive", "target/orgql.jsa"));
    private static final List<String> IMAGE_FLAGS = Arrays.stream(
                    System.getProperty("orgql.image-jvm-flags", "").trim().split("\\s+"))
            .filter(flag -> !flag.isEmpty())
            .toList();

    @TempDir
    static Path work;

    @BeforeAll
    static void archiveWasBuilt() {
        assumeThat(Boolean.getBoolean("orgql.cds.skip")).as("-Dorgql.cds.skip").isFalse();
        assertThat(ARCHIVE)
                .as("the archive of the package phase (run ./mvnw verify)")
                .isRegularFile();
    }

    @Test
    void theJvmMapsTheArchiveWithTheImageFlags() throws Exception {
        JarRun.Start start = startWith(flags(IMAGE_FLAGS, "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE), "image");
        // Without the archive only the JDK's own archive is shared: about 1,200 classes of 10,000.
        assertThat(start.classesShared()).isGreaterThan(start.classesLoaded() * 8 / 10);
    }

    @Test
    void theJvmMapsTheArchiveWithoutFlags() throws Exception {
        // The README's command: the archive was trained with the image's flags, and works without them.
        JarRun.Start start = startWith(flags(List.of(), "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE), "plain");
        assertThat(start.classesShared()).isGreaterThan(start.classesLoaded() * 8 / 10);
    }

    @Test
    void aStaleArchiveIsIgnored() throws Exception {
        // The archive names its jar by path, size and time: a copy elsewhere is another jar to the JVM,
        // which then loads every class itself (still sharing the JDK's own archive) and starts anyway.
        Path copy = work.resolve("orgql.jar");
        Files.copy(JAR, copy, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        JarRun.Start start;
        try (JarRun run = JarRun.start(
                copy,
                flags(IMAGE_FLAGS, "-Xshare:auto", "-XX:SharedArchiveFile=" + ARCHIVE),
                work.resolve("stale.log"))) {
            start = run.firstAnswer(Duration.ofSeconds(120));
        }
        assertThat(start.classesShared()).isPositive().isLessThan(start.classesLoaded() / 2);
        assertThat(Files.readString(work.resolve("stale.log"))).contains("Unable to use shared archive");
    }

    private static JarRun.Start startWith(List<String> flags, String name) throws Exception {
        try (JarRun run = JarRun.start(JAR, flags, work.resolve(name + ".log"))) {
            return run.firstAnswer(Duration.ofSeconds(120));
        }
    }

    private static List<String> flags(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}

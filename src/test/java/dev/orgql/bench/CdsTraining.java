package dev.orgql.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training run of the package phase (pom.xml, execution {@code cds-archive}): starts the freshly
 * built jar with {@code -XX:ArchiveClassesAtExit}, sends it the dashboard query and a few other
 * requests, stops it with SIGTERM, and so leaves a dynamic AppCDS archive of every class that start-up
 * and those requests loaded. A JVM started with {@code -XX:SharedArchiveFile} on it maps those classes
 * instead of loading, parsing and verifying them (README "Memory and start-up").
 *
 * <p>Arguments: the jar, the archive to write, then the JVM flags to train with (the image's: the
 * archive is usable with other flags too, but only on this exact JVM build and this exact jar file).
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) {
        // LogtoMock's shared WireMock (the stubs' helpers start it) keeps the JVM alive: exit either way.
        try {
            train(args);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void train(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: CdsTraining <jar> <archive> [jvm flags...]");
        }
        Path jar = Path.of(args[0]);
        Path archive = Path.of(args[1]).toAbsolutePath();
        Files.deleteIfExists(archive);
        List<String> flags = new ArrayList<>();
        Arrays.stream(args, 2, args.length)
                .flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(flag -> !flag.isEmpty())
                .forEach(flags::add);
        flags.add("-XX:ArchiveClassesAtExit=" + archive);
        Path log = archive.resolveSibling(archive.getFileName() + ".training.log");
        try (JarRun run = JarRun.start(jar, flags, log)) {
            JarRun.Start start = run.firstAnswer(Duration.ofSeconds(120));
            run.exercise();
            run.stop();
            System.out.printf(
                    "CDS training: first answer after %d ms, %d classes loaded%n",
                    start.firstAnswerMs(), start.classesLoaded());
        }
        if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
            throw new IllegalStateException("The JVM wrote no archive: see " + log + "\n" + Files.readString(log));
        }
        System.out.printf("CDS archive: %s (%d MiB)%n", archive, Files.size(archive) >> 20);
    }
}

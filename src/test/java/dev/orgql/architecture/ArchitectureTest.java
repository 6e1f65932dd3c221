package dev.orgql.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of ARCHITECTURE.md, checked on the compiled code: the gateway (src/main) and the
 * dev-mode code (src/dev), not the tests. Layers, top to bottom: the feature packages, {@code graphql},
 * {@code access}, {@code auth}, {@code logto}; a package may use the ones below it, never one above.
 * The Logto stand-in stands apart: it and the gateway know nothing of each other, and only
 * {@code devmode} (its Micronaut glue) may see both.
 */
class ArchitectureTest {
    static final String[] FEATURES = {
        "dev.orgql.organization..",
        "dev.orgql.member..",
        "dev.orgql.role..",
        "dev.orgql.bot..",
        "dev.orgql.invitation..",
        "dev.orgql.user..",
        "dev.orgql.subject..",
        "dev.orgql.joinrule.."
    };
    static final String STAND_IN = "dev.orgql.devlogto..";
    static final String DEV_MODE = "dev.orgql.devmode..";

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() throws IOException {
        Set<String> devSources = devSourceClassNames();
        production = new ClassFileImporter()
                .withImportOption(location -> isProductionOrDev(location, devSources))
                .importPackages("dev.orgql");
    }

    @Test
    void theStandInImportsNothingFromTheGateway() {
        // It plays Logto: a misunderstanding of Logto must not hide on both sides, so it shares no code
        // with the client, and it runs without Micronaut (JDK HTTP server, Jackson, Nimbus JOSE).
        ArchRule rule = classes()
                .that()
                .resideInAPackage(STAND_IN)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        STAND_IN,
                        "java..",
                        "javax..",
                        "com.sun.net.httpserver..",
                        "com.fasterxml.jackson..",
                        "com.nimbusds..");
        rule.check(production);
    }

    @Test
    void theGatewayImportsNothingFromTheStandIn() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackages(STAND_IN, DEV_MODE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STAND_IN, DEV_MODE)
                .because("the stand-in and dev mode are not in the production jar");
        rule.check(production);
    }

    @Test
    void packagesAreLayered() {
        ArchRule rule = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Features")
                .definedBy(FEATURES)
                .layer("Http")
                .definedBy("dev.orgql.http..")
                .layer("Ops")
                .definedBy("dev.orgql.ops..")
                .layer("Webhook")
                .definedBy("dev.orgql.webhook..")
                .layer("Scaleout")
                .definedBy("dev.orgql.scaleout..")
                .layer("Graphql")
                .definedBy("dev.orgql.graphql..")
                .layer("Access")
                .definedBy("dev.orgql.access..")
                .layer("Auth")
                .definedBy("dev.orgql.auth..")
                .layer("Logto")
                .definedBy("dev.orgql.logto..")
                .layer("DevMode")
                .definedBy(DEV_MODE, STAND_IN)
                .whereLayer("Http")
                .mayOnlyAccessLayers("Graphql", "Access", "Auth", "Logto")
                .whereLayer("Ops")
                .mayOnlyAccessLayers("Graphql", "Access", "Auth", "Logto")
                .whereLayer("Webhook")
                .mayOnlyAccessLayers("Logto")
                .whereLayer("Scaleout")
                .mayOnlyAccessLayers("Logto")
                .whereLayer("Graphql")
                .mayOnlyAccessLayers("Access", "Auth", "Logto")
                .whereLayer("Access")
                .mayOnlyAccessLayers("Auth", "Logto")
                .whereLayer("Auth")
                .mayOnlyAccessLayers("Logto")
                .whereLayer("Logto")
                .mayNotAccessAnyLayer()
                .whereLayer("Features")
                .mayOnlyAccessLayers("Graphql", "Access", "Auth", "Logto");
        rule.check(production);
    }

    @Test
    void theLowerPackagesImportNoFeature() {
        // Said once more without layers, so the message names the feature that leaked down.
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.orgql.graphql..",
                        "dev.orgql.access..",
                        "dev.orgql.auth..",
                        "dev.orgql.logto..",
                        "dev.orgql.http..",
                        "dev.orgql.ops..",
                        "dev.orgql.webhook..",
                        "dev.orgql.scaleout..",
                        "dev.orgql.graphiql..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .because("features build on the plumbing, never the other way round");
        rule.check(production);
    }

    @Test
    void logtoImportsNoOtherOrgqlPackage() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.orgql.logto..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.orgql..")
                        .and(DescribedPredicate.not(resideInAPackage("dev.orgql.logto.."))))
                .because("one package knows the Management API, and it knows nothing else");
        rule.check(production);
    }

    @Test
    void authImportsOnlyLogto() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.orgql.auth..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.orgql..")
                        .and(DescribedPredicate.not(resideInAnyPackage("dev.orgql.auth..", "dev.orgql.logto.."))));
        rule.check(production);
    }

    @Test
    void featuresAreFreeOfCycles() {
        ArchRule rule = slices().matching("dev.orgql.(*)..")
                .that(DescribedPredicate.describe(
                        "a feature package",
                        slice -> Stream.of(FEATURES)
                                .anyMatch(f -> f.equals("dev.orgql." + slice.getNamePart(1) + ".."))))
                .should()
                .beFreeOfCycles();
        rule.check(production);
    }

    @Test
    void theImportSeesGatewayAndDevCodeButNoTests() {
        assertThat(production.containPackage("dev.orgql.graphql")).isTrue();
        assertThat(production.containPackage("dev.orgql.devlogto")).isTrue();
        assertThat(production.contain("dev.orgql.devmode.DevLogto")).isTrue();
        assertThat(production.stream().map(JavaClass::getSimpleName)).noneMatch(name -> name.endsWith("Test"));
    }

    private static boolean isProductionOrDev(Location location, Set<String> devSources) {
        String uri = location.asURI().toString();
        if (!uri.contains("/test-classes/")) {
            return new ImportOption.DoNotIncludeJars().includes(location);
        }
        // src/dev is compiled with the tests (so it stays out of the jar): keep only its classes.
        String path = uri.substring(uri.indexOf("/test-classes/") + "/test-classes/".length());
        if (!path.endsWith(".class")) return false;
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
        String simple = path.substring(dir.length(), path.length() - ".class".length());
        // Nested classes (Outer$Inner) and Micronaut's generated $Bean$Definition come from Outer / Bean.
        String topLevel = simple.startsWith("$") ? simple.substring(1).split("\\$")[0] : simple.split("\\$")[0];
        return devSources.contains((dir + topLevel).replace('/', '.'));
    }

    private static Set<String> devSourceClassNames() throws IOException {
        Path root = Path.of("src/dev/java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", ""))
                    .collect(Collectors.toSet());
        }
    }
}

package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.parser.Parser;
import graphql.schema.diff.DiffEvent;
import graphql.schema.diff.SchemaDiff;
import graphql.schema.diff.SchemaDiffSet;
import graphql.schema.diff.reporting.CapturingReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The schema's compatibility check: {@code schema/} against the last released schema in
 * {@code schema/released/}, with graphql-java's {@link SchemaDiff}. A breaking change (a field, type,
 * argument or enum value removed, an output made nullable, an input made stricter, ...) fails the build
 * unless the README's changelog names it, as {@code `Type.field`} (or {@code `Type`}), in its
 * "Unreleased" section. At a release, schema/*.graphqls is copied to schema/released/.
 */
class SchemaCompatibilityTest {
    private static final Path CURRENT = Path.of("schema");
    private static final Path RELEASED = Path.of("schema", "released");

    @Test
    void everyBreakingChangeSinceTheLastReleaseIsInTheChangelog() throws IOException {
        Set<String> breaking = breakingChanges(sdl(RELEASED), sdl(CURRENT));
        String unreleased = unreleasedChangelog(Files.readString(Path.of("README.md")));

        Set<String> unlisted = breaking.stream()
                .filter(name -> !unreleased.contains("`" + name + "`") && !unreleased.contains("`" + name + "("))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(unlisted)
                .as("breaking schema changes since schema/released/ that the README's Unreleased changelog does not"
                        + " name (as `Type.field`): list each with what a client must change, or undo it")
                .isEmpty();
    }

    @Test
    void theCheckSeesARemovedFieldANullableOutputAndARemovedEnumValue() throws IOException {
        String released = sdl(RELEASED);
        String changed = released.replace("): MemberConnection! @requiresScope", "): MemberConnection @requiresScope")
                .replaceFirst("\n  \"[^\"\n]*\"\n  RATE_LIMITED\n", "\n")
                .replaceFirst("\n  \"[^\"\n]*\"\n  isMfaRequired: Boolean!\n", "\n");

        assertThat(breakingChanges(released, changed))
                .contains("Organization.members", "ErrorCode.RATE_LIMITED", "Organization.isMfaRequired");
        assertThat(breakingChanges(released, released)).isEmpty();
    }

    @Test
    void additionsAreNotBreaking() throws IOException {
        String released = sdl(RELEASED);
        String added = released.replaceFirst(
                "\n  isMfaRequired: Boolean!\n", "\n  isMfaRequired: Boolean!\n  \"New.\"\n  brandNew: String\n");

        assertThat(added).isNotEqualTo(released);
        assertThat(breakingChanges(released, added)).isEmpty();
    }

    /** {@code Type.field} (or {@code Type}) of each breaking change from {@code before} to {@code after}. */
    static Set<String> breakingChanges(String before, String after) {
        CapturingReporter reporter = new CapturingReporter();
        new SchemaDiff().diffSchema(SchemaDiffSet.diffSetFromSdl(before, after), reporter);
        Set<String> names = new TreeSet<>();
        for (DiffEvent event : reporter.getBreakages()) {
            names.add(
                    event.getFieldName() == null
                            ? event.getTypeName()
                            : event.getTypeName() + "." + event.getFieldName());
        }
        // SchemaDiff walks only what the operations reach; enums kept for documentation (ErrorCode, the
        // values of extensions.code) are compared here: a removed value breaks a client's exhaustive switch.
        Map<String, Set<String>> beforeEnums = enums(before);
        Map<String, Set<String>> afterEnums = enums(after);
        beforeEnums.forEach((type, values) -> {
            Set<String> kept = afterEnums.get(type);
            if (kept == null) {
                names.add(type);
            } else {
                values.stream().filter(v -> !kept.contains(v)).forEach(v -> names.add(type + "." + v));
            }
        });
        return names;
    }

    private static Map<String, Set<String>> enums(String sdl) {
        Document document = Parser.parse(sdl);
        return document.getDefinitionsOfType(EnumTypeDefinition.class).stream()
                .collect(Collectors.toMap(
                        EnumTypeDefinition::getName,
                        e -> e.getEnumValueDefinitions().stream()
                                .map(EnumValueDefinition::getName)
                                .collect(Collectors.toSet()),
                        (a, b) -> a));
    }

    private static String sdl(Path dir) throws IOException {
        StringBuilder sdl = new StringBuilder();
        for (String file : GraphQLFactory.SCHEMA_FILES) {
            sdl.append(Files.readString(dir.resolve(Path.of(file).getFileName())))
                    .append('\n');
        }
        return sdl.toString();
    }

    /** The changelog's "Unreleased" part: from its heading to the next release heading or section. */
    static String unreleasedChangelog(String readme) {
        int changelog = readme.indexOf("\n## Changelog");
        assertThat(changelog).as("README has a ## Changelog section").isPositive();
        int start = readme.indexOf("\n**Unreleased**", changelog) + 1;
        assertThat(start).as("the changelog has an **Unreleased** part").isPositive();
        int end = Set.of(readme.indexOf("\n**", start + 1), readme.indexOf("\n## ", start + 1)).stream()
                .filter(i -> i > 0)
                .min(Integer::compare)
                .orElse(readme.length());
        return readme.substring(start, end);
    }
}

package dev.orgql.graphql;

import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDL contract: every type, field, argument, input field and enum value has a description. */
class SchemaDescriptionsTest {
    @Test
    void everythingIsDescribed() throws Exception {
        StringBuilder sdl = new StringBuilder();
        for (String file : GraphQLFactory.SCHEMA_FILES) {
            sdl.append(Files.readString(Path.of(file))).append('\n');
        }
        TypeDefinitionRegistry registry = new SchemaParser().parse(sdl.toString());
        List<String> missing = new ArrayList<>();
        for (TypeDefinition<?> type : registry.types().values()) {
            check(missing, type.getName(), descriptionOf(type));
            if (type instanceof ObjectTypeDefinition object) {
                for (FieldDefinition field : object.getFieldDefinitions()) {
                    check(missing, type.getName() + "." + field.getName(), field.getDescription());
                    for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                        check(missing, type.getName() + "." + field.getName() + "(" + argument.getName() + ")", argument.getDescription());
                    }
                }
            } else if (type instanceof InputObjectTypeDefinition input) {
                input.getInputValueDefinitions().forEach(f -> check(missing, type.getName() + "." + f.getName(), f.getDescription()));
            } else if (type instanceof EnumTypeDefinition enumType) {
                enumType.getEnumValueDefinitions().forEach(v -> check(missing, type.getName() + "." + v.getName(), v.getDescription()));
            }
        }
        assertThat(missing).isEmpty();
        assertThat(registry.getType("Mutation")).isPresent();
    }

    private static Description descriptionOf(TypeDefinition<?> type) {
        try {
            return (Description) type.getClass().getMethod("getDescription").invoke(type);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static void check(List<String> missing, String what, Description description) {
        if (description == null || description.getContent().isBlank()) {
            missing.add(what);
        }
    }
}

package dev.orgql.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.GatewayTest;
import graphql.language.Description;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.parser.Parser;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SDL served at {@code /graphql/schema.graphql} is the contract clients generate code from:
 * every type, field, argument and enum value has a description, and every list is a connection.
 */
@MicronautTest
class SchemaContractTest extends GatewayTest {

    private String servedSchema() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql/schema.graphql"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return response.body();
    }

    @Test
    void everyElementIsDescribed() throws Exception {
        Document document = Parser.parse(servedSchema());
        List<String> undescribed = new ArrayList<>();
        for (var definition : document.getDefinitions()) {
            if (definition instanceof TypeDefinition<?> type) {
                check(type.getName(), descriptionOf(type), undescribed);
            }
            if (definition instanceof ObjectTypeDefinition object) {
                for (FieldDefinition field : object.getFieldDefinitions()) {
                    check(object.getName() + "." + field.getName(), field.getDescription(), undescribed);
                    for (InputValueDefinition argument : field.getInputValueDefinitions()) {
                        check(
                                object.getName() + "." + field.getName() + "(" + argument.getName() + ")",
                                argument.getDescription(),
                                undescribed);
                    }
                }
            }
            if (definition instanceof InputObjectTypeDefinition input) {
                input.getInputValueDefinitions()
                        .forEach(v -> check(input.getName() + "." + v.getName(), v.getDescription(), undescribed));
            }
            if (definition instanceof EnumTypeDefinition enumType) {
                enumType.getEnumValueDefinitions()
                        .forEach(v -> check(enumType.getName() + "." + v.getName(), v.getDescription(), undescribed));
            }
            if (definition instanceof DirectiveDefinition directive) {
                check("@" + directive.getName(), directive.getDescription(), undescribed);
                directive
                        .getInputValueDefinitions()
                        .forEach(v -> check(
                                "@" + directive.getName() + "(" + v.getName() + ")", v.getDescription(), undescribed));
            }
        }
        assertThat(undescribed).isEmpty();
    }

    /** Access is explicit: no root field is open to every token by forgetting the directive. */
    @Test
    void everyQueryAndMutationFieldDeclaresItsAccess() throws Exception {
        Document document = Parser.parse(servedSchema());
        List<String> undeclared = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        for (ObjectTypeDefinition type : document.getDefinitionsOfType(ObjectTypeDefinition.class)) {
            if (type.getName().equals("Query") || type.getName().equals("Mutation")) {
                for (FieldDefinition field : type.getFieldDefinitions()) {
                    roots.add(type.getName() + "." + field.getName());
                    if (!field.hasDirective(RequiresScopeDirective.NAME)) {
                        undeclared.add(type.getName() + "." + field.getName());
                    }
                }
            }
        }
        assertThat(roots).contains("Query.organizationTemplate", "Mutation.createOrganization");
        assertThat(undeclared).isEmpty();
    }

    @Test
    void listsOfObjectsAreConnectionsWithTotalCount() throws Exception {
        Document document = Parser.parse(servedSchema());
        for (ObjectTypeDefinition type : document.getDefinitionsOfType(ObjectTypeDefinition.class)) {
            if (type.getName().endsWith("Connection")) {
                assertThat(type.getFieldDefinitions())
                        .extracting(FieldDefinition::getName)
                        .contains("edges", "nodes", "pageInfo", "totalCount");
            }
        }
    }

    private static Description descriptionOf(TypeDefinition<?> type) {
        if (type instanceof ObjectTypeDefinition o) {
            return o.getDescription();
        }
        if (type instanceof EnumTypeDefinition e) {
            return e.getDescription();
        }
        if (type instanceof InputObjectTypeDefinition i) {
            return i.getDescription();
        }
        if (type instanceof ScalarTypeDefinition s) {
            return s.getDescription();
        }
        return new Description("n/a", null, false);
    }

    private static void check(String element, Description description, List<String> undescribed) {
        if (description == null || description.getContent().isBlank()) {
            undescribed.add(element);
        }
    }
}

package dev.orgql.graphql;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.orgql.support.Fixtures;
import dev.orgql.support.Fixtures.Ids;
import dev.orgql.support.GatewayTest;
import dev.orgql.support.LogtoMock;
import graphql.GraphQL;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Control characters (Logto answers 500 to a NUL), unpaired surrogates, path tricks and oversized values
 * in any id or text of a request are refused as BAD_USER_INPUT before any call to Logto: not the
 * Management API, not even the gateway's own token request. The cases are taken from the schema: every
 * argument of a query field and every leaf of every mutation input, so a new one is covered when it is
 * added.
 */
@MicronautTest
class HostileInputTest extends GatewayTest {
    /** Refused wherever an id is expected. */
    static final List<String> BAD_IDS = List.of(
            "a\u0000b",
            "a\u0001b",
            "../",
            "%2e%2e%2f",
            "x".repeat(1000),
            "ab\u007f",
            "ab\u0085",
            "ab\ud800",
            "a/b",
            "");
    /** Refused in any text. */
    static final List<String> BAD_TEXT = List.of("a\u0000b", "a\u0001b", "line\u001bx", "ab\u009b", "ab\udc00cd");
    /** For the many mutation leaves, the cases (ids) and the two that matter most in text. */
    static final List<String> BAD_INPUT_IDS = List.of("a\u0000b", "a\u0001b", "../", "%2e%2e%2f", "x".repeat(1000));

    static final List<String> BAD_INPUT_TEXT = List.of("a\u0000b", "a\u0001b", "ab\udc00cd");
    /** Refused in the text of a field argument, which goes into a URL (search, cursors). */
    static final String TOO_LONG = "x".repeat(1000);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A query with one argument in the variable {@code $v}, and the argument's path as the error names it. */
    record QueryCase(String field, String type, String query) {
        @Override
        public String toString() {
            return field;
        }
    }

    /** The organization of the generated cases, passed as the variable {@code $id}. */
    static final String ORG = "$id";

    static final List<QueryCase> QUERY_ARGUMENTS = List.of(
            new QueryCase("Query.organization.id", "ID!", "organization(id: $v) { name }"),
            new QueryCase("Query.invitation.id", "ID!", "invitation(id: $v) { id }"),
            new QueryCase("Query.node.id", "ID!", "node(id: $v) { id }"),
            // A single value for a list variable is a list of one: the refusal names its position.
            new QueryCase("Query.nodes.ids", "[ID!]!", "nodes(ids: $v) { id }"),
            new QueryCase(
                    "Organization.members.search",
                    "String",
                    "organization(id: " + ORG + ") { members(search: $v) { totalCount } }"),
            new QueryCase(
                    "Organization.members.roleId",
                    "ID",
                    "organization(id: " + ORG + ") { members(roleId: $v) { totalCount } }"),
            new QueryCase(
                    "Organization.members.after",
                    "String",
                    "organization(id: " + ORG + ") { members(after: $v) { totalCount } }"),
            new QueryCase(
                    "Organization.bots.after",
                    "String",
                    "organization(id: " + ORG + ") { bots(after: $v) { totalCount } }"),
            new QueryCase(
                    "Organization.invitations.after",
                    "String",
                    "organization(id: " + ORG + ") { invitations(after: $v) { totalCount } }"),
            new QueryCase("Viewer.organizations.after", "String", "viewer { organizations(after: $v) { totalCount } }"),
            new QueryCase("Viewer.invitations.after", "String", "viewer { invitations(after: $v) { totalCount } }"),
            new QueryCase(
                    "Organization.members.before",
                    "String",
                    "organization(id: " + ORG + ") { members(before: $v) { totalCount } }"),
            new QueryCase(
                    "Organization.bots.before",
                    "String",
                    "organization(id: " + ORG + ") { bots(before: $v) { totalCount } }"),
            new QueryCase(
                    "Organization.invitations.before",
                    "String",
                    "organization(id: " + ORG + ") { invitations(before: $v) { totalCount } }"),
            new QueryCase(
                    "Viewer.organizations.before", "String", "viewer { organizations(before: $v) { totalCount } }"),
            new QueryCase("Viewer.invitations.before", "String", "viewer { invitations(before: $v) { totalCount } }"));

    @Inject
    GraphQL graphQL;

    private String token;

    private String token() {
        if (token == null) {
            token = userToken(Ids.ALICE, "manage:template create:organization");
        }
        return token;
    }

    /**
     * As {@link #graphql(String, String, Map)}, but with every non-ASCII character escaped in the JSON
     * body, so that an unpaired surrogate arrives as one (written raw, UTF-8 has no form for it).
     */
    @Override
    protected Answer graphql(String token, String query, Map<String, Object> variables) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", query);
            body.put("variables", variables);
            String json = Fixtures.JSON
                    .writer()
                    .with(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .writeValueAsString(body);
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), Fixtures.JSON.readTree(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls to Logto other than the JWKS (which the gateway may fetch to check the test's token). */
    private static List<String> logtoCalls() {
        return LogtoMock.allCalls().stream()
                .map(LoggedRequest::getUrl)
                .filter(url -> !url.startsWith("/oidc/jwks"))
                .toList();
    }

    static Stream<Object[]> queryCases() {
        List<Object[]> cases = new ArrayList<>();
        for (QueryCase c : QUERY_ARGUMENTS) {
            boolean id = c.type().startsWith("ID") || c.type().startsWith("[ID");
            List<String> values = id ? BAD_IDS : new ArrayList<>(BAD_TEXT);
            if (!id) {
                values.add(TOO_LONG);
            }
            values.forEach(v -> cases.add(new Object[] {c, v}));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("queryCases")
    void queryArgumentsAreCheckedBeforeAnyCall(QueryCase c, String value) {
        boolean onOrganization = c.query().contains("$id");
        Answer answer = graphql(
                token(),
                "query($v: " + c.type() + (onOrganization ? ", $id: ID!" : "") + ") { " + c.query() + " }",
                onOrganization ? Map.of("v", value, "id", Ids.ORG_A) : Map.of("v", value));

        assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo("BAD_USER_INPUT");
        String[] parts = c.field().split("\\.");
        String expected = parts[0].equals("Query") ? parts[2] : parts[1] + "." + parts[2];
        if (c.type().startsWith("[")) {
            expected += ".0";
        }
        assertThat(answer.firstError().at("/extensions/field").asText()).isEqualTo(expected);
        assertThat(answer.firstError().path("message").asText())
                .contains("`" + expected + "`")
                .doesNotContain("\u0000")
                .doesNotContain("\u0001");
        assertThat(logtoCalls()).isEmpty();
    }

    /** Guards the list above: every argument of a non-mutation field that takes an id or a text is in it. */
    @Test
    void everyQueryArgumentIsCovered() {
        GraphQLSchema schema = graphQL.getGraphQLSchema();
        Set<String> found = new LinkedHashSet<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type.getName().startsWith("__")
                    || type == schema.getMutationType()
                    || !(type instanceof GraphQLFieldsContainer container)) {
                continue;
            }
            for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                for (GraphQLArgument argument : field.getArguments()) {
                    GraphQLType unwrapped = GraphQLTypeUtil.unwrapAll(argument.getType());
                    if (unwrapped instanceof GraphQLScalarType s
                            && (s.getName().equals("ID") || s.getName().equals("String"))) {
                        found.add(type.getName() + "." + field.getName() + "." + argument.getName());
                    }
                }
            }
        }
        assertThat(QUERY_ARGUMENTS.stream().map(QueryCase::field)).containsExactlyInAnyOrderElementsOf(found);
    }

    /** One mutation with one input leaf replaced by a hostile value. */
    record MutationCase(String mutation, String inputType, List<String> path, String value, Map<String, Object> input) {
        @Override
        public String toString() {
            return mutation + " " + String.join(".", path);
        }
    }

    Stream<MutationCase> mutationCases() {
        GraphQLSchema schema = graphQL.getGraphQLSchema();
        List<MutationCase> cases = new ArrayList<>();
        for (GraphQLFieldDefinition mutation : schema.getMutationType().getFieldDefinitions()) {
            GraphQLArgument input = mutation.getArgument("input");
            assertThat(input).as(mutation.getName() + " takes one input").isNotNull();
            GraphQLInputObjectType type = (GraphQLInputObjectType) GraphQLTypeUtil.unwrapAll(input.getType());
            Map<String, String> leaves = new LinkedHashMap<>();
            leaves(type, "input", leaves);
            leaves.forEach((path, scalar) -> {
                List<String> values =
                        scalar.equals("ID") ? BAD_INPUT_IDS : scalar.equals("String") ? BAD_INPUT_TEXT : List.of();
                for (String value : values) {
                    cases.add(new MutationCase(
                            mutation.getName(),
                            GraphQLTypeUtil.simplePrint(input.getType()),
                            List.of(path.split("\\.")),
                            value,
                            valid(type, path.substring("input.".length()), value)));
                }
            });
        }
        assertThat(cases).hasSizeGreaterThan(200);
        return cases.stream();
    }

    /** Every scalar leaf of an input type, by path (list elements as index 0). */
    private static void leaves(GraphQLInputObjectType type, String prefix, Map<String, String> out) {
        for (GraphQLInputObjectField field : type.getFieldDefinitions()) {
            GraphQLType t = GraphQLTypeUtil.unwrapNonNull(field.getType());
            String path = prefix + "." + field.getName();
            if (t instanceof GraphQLList list) {
                t = GraphQLTypeUtil.unwrapAll(list);
                path += ".0";
            }
            if (t instanceof GraphQLInputObjectType nested) {
                leaves(nested, path, out);
            } else if (t instanceof GraphQLScalarType scalar) {
                out.put(path, scalar.getName());
            }
        }
    }

    /** A value for every field of the input, well-formed except the one at {@code badPath}. */
    private static Map<String, Object> valid(GraphQLInputObjectType type, String badPath, String bad) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (GraphQLInputObjectField field : type.getFieldDefinitions()) {
            String here = field.getName();
            String rest = badPath.equals(here)
                    ? ""
                    : badPath.startsWith(here + ".") ? badPath.substring(here.length() + 1) : null;
            values.put(here, value(field.getName(), field.getType(), rest, bad));
        }
        return values;
    }

    private static Object value(String name, GraphQLInputType type, String rest, String bad) {
        GraphQLType t = GraphQLTypeUtil.unwrapNonNull(type);
        if (t instanceof GraphQLList list) {
            String inner = rest == null ? null : rest.equals("0") ? "" : rest.substring(2);
            return List.of(value(name, (GraphQLInputType) list.getWrappedType(), inner, bad));
        }
        if (t instanceof GraphQLInputObjectType object) {
            return valid(object, rest == null ? "-" : rest, bad);
        }
        if (rest != null && rest.isEmpty()) {
            return bad;
        }
        if (t instanceof GraphQLEnumType e) {
            return e.getValues().get(0).getName();
        }
        return switch (((GraphQLScalarType) t).getName()) {
            case "ID" -> "validid00001";
            case "String" -> name.startsWith("invitee") ? "someone@example.com" : "Some text";
            case "Boolean" -> false;
            case "Int" -> 1;
            case "DateTime" -> "2099-01-01T00:00:00Z";
            case "JSON" -> Map.of("plan", "pro");
            default -> throw new IllegalStateException("No sample value for " + t);
        };
    }

    @ParameterizedTest(name = "{0} = {index}")
    @MethodSource("mutationCases")
    void mutationInputsAreCheckedBeforeAnyCall(MutationCase c) {
        Answer answer = graphql(
                token(),
                "mutation($input: " + c.inputType() + ") { " + c.mutation()
                        + "(input: $input) { userErrors { field message code } } }",
                Map.of("input", c.input()));

        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        JsonNode userError = answer.data().path(c.mutation()).path("userErrors").path(0);
        assertThat(userError.path("code").asText()).as(answer.body().toString()).isEqualTo("BAD_USER_INPUT");
        List<String> field = new ArrayList<>();
        userError.path("field").forEach(part -> field.add(part.asText()));
        assertThat(field).isEqualTo(c.path());
        assertThat(logtoCalls()).isEmpty();
    }

    /** A customData value the gateway refuses; named, as its characters do not print. */
    record RefusedCustomData(String name, Map<String, Object> value) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<RefusedCustomData> refusedCustomData() {
        return Stream.of(
                new RefusedCustomData("NUL in a value", Map.of("note", "a\u0000b")),
                new RefusedCustomData("NUL in a key", Map.of("a\u0000", "b")),
                new RefusedCustomData("line break in a key", Map.of("a\nb", "c")),
                new RefusedCustomData(
                        "unpaired surrogate deep in a list", Map.of("list", List.of("ok", Map.of("deep", "\ud800")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCustomData")
    void customDataRefusesNulAndBrokenText(RefusedCustomData customData) {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization");
        Answer refused = graphql(
                token,
                operation("updateOrganizationCodes"),
                Map.of("input", Map.of("organizationId", Ids.ORG_A, "customData", customData.value())));
        assertThat(refused.data().at("/updateOrganization/userErrors/0/code").asText())
                .as(refused.body().toString())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(refused.data().at("/updateOrganization/userErrors/0/field").toString())
                .isEqualTo("[\"input\",\"customData\"]");
        assertThat(logtoCalls()).isEmpty();
    }

    @Test
    void customDataKeepsLineBreaks() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization");
        // Tabs, line breaks and other control characters in values are stored escaped and read back as
        // sent; a description may hold line breaks too.
        LogtoMock.stub(WireMock.patch(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(
                        200, Fixtures.load("organization.patch.response.json").toString())));
        Map<String, Object> input = Map.of(
                "organizationId",
                Ids.ORG_A,
                "description",
                "line one\nline two\ttab",
                "customData",
                Map.of("note", "a\nb\u0001c"));
        Answer accepted = graphql(token, operation("updateOrganizationCodes"), Map.of("input", input));
        assertThat(accepted.data().at("/updateOrganization/userErrors"))
                .as(accepted.body().toString())
                .isEmpty();
        JsonNode sent = LogtoMock.bodyOf("PATCH", "/api/organizations/" + Ids.ORG_A);
        assertThat(sent.path("description").asText()).isEqualTo("line one\nline two\ttab");
        assertThat(sent.at("/customData/note").asText()).isEqualTo("a\nb\u0001c");
    }

    /** JSON allows 1e400; as a double it is infinite, which Logto would store as the string "Infinity". */
    @Test
    void customDataNumbersAreFinite() throws Exception {
        // Written by hand: Jackson would not write 1e400.
        String body = "{\"query\": " + Fixtures.JSON.writeValueAsString(operation("updateOrganizationCodes"))
                + ", \"variables\": {\"input\": {\"organizationId\": \"" + Ids.ORG_A
                + "\", \"customData\": {\"big\": 1e400}}}}";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/graphql"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + orgToken(Ids.ALICE, Ids.ORG_A, "manage:organization"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = Fixtures.JSON.readTree(response.body());
        assertThat(answer.at("/data/updateOrganization/userErrors/0/code").asText())
                .as(response.body())
                .isEqualTo("BAD_USER_INPUT");
        assertThat(logtoCalls()).isEmpty();
    }

    @Test
    void namesHoldNoLineBreaks() {
        Answer answer = graphql(token(), operation("createRole"), Map.of("input", Map.of("name", "admin\nroot")));
        assertThat(answer.data().at("/createRole/userErrors/0/code").asText()).isEqualTo("BAD_USER_INPUT");
        assertThat(answer.data().at("/createRole/userErrors/0/message").asText())
                .contains("U+000A");
        assertThat(logtoCalls()).isEmpty();
    }

    /** Text that only looks like a path is ordinary search text: it stays inside one query value. */
    @ParameterizedTest(name = "search {0}")
    @ValueSource(strings = {"../", "%2e%2e%2f", "50% off"})
    void pathLikeSearchTextStaysOneQueryValue(String search) {
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
        LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
        Answer answer = graphql(
                orgToken(Ids.ALICE, Ids.ORG_A, "read:data"),
                operation("memberCount"),
                Map.of("id", Ids.ORG_A, "search", search));
        assertThat(answer.errors()).as(answer.body().toString()).isNull();
        LoggedRequest users = LogtoMock.apiCalls().stream()
                .filter(c -> c.getUrl().contains("/users"))
                .findFirst()
                .orElseThrow();
        assertThat(users.getUrl()).startsWith("/api/organizations/" + Ids.ORG_A + "/users?");
        // One value, the text itself (with LIKE wildcards escaped): not split at a slash or a percent sign.
        assertThat(users.queryParameter("q").values()).containsExactly(search.replace("%", "\\%"));
    }

    /**
     * The check of the arguments inside a selection is kept per document and variables (PerDocument): the
     * same query text with other variables is checked anew, and a refusal kept stays a refusal.
     */
    @Test
    void nestedArgumentChecksFollowTheVariables() {
        String token = orgToken(Ids.ALICE, Ids.ORG_A, "read:data");
        for (int round = 0; round < 2; round++) {
            LogtoMock.reset();
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A))
                    .willReturn(LogtoMock.json(Fixtures.organization(Ids.ORG_A, "Acme"))));
            LogtoMock.stub(WireMock.get(urlPathEqualTo("/api/organizations/" + Ids.ORG_A + "/users"))
                    .willReturn(LogtoMock.page(Fixtures.JSON.createArrayNode(), 0)));
            Answer fine = graphql(token, operation("memberCount"), Map.of("id", Ids.ORG_A, "search", "ada"));
            assertThat(fine.errors()).as(fine.body().toString()).isNull();
            assertThat(fine.data().at("/organization/members/totalCount").asInt())
                    .isZero();

            LogtoMock.reset();
            Answer refused = graphql(token, operation("memberCount"), Map.of("id", Ids.ORG_A, "search", "ada\u0001"));
            assertThat(refused.errorCode()).as(refused.body().toString()).isEqualTo("BAD_USER_INPUT");
            assertThat(refused.firstError().at("/extensions/field").asText()).isEqualTo("members.search");
            assertThat(logtoCalls()).isEmpty();
        }
    }
}

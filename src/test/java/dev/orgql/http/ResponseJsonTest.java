package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming writer of GraphQL responses: every value as GraphQL over HTTP needs it, nothing dropped. */
class ResponseJsonTest {
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final ResponseJson json = new ResponseJson(mapper);

    @Test
    void writesNullsEmptyListsAndEmptyObjectsInTheirOrder() {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("name", "Acme \"Rockets\" \u00e9\u4e2d\n\u0001");
        organization.put("logo", null);
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("totalCount", 0);
        members.put("nodes", List.of());
        organization.put("members", members);
        organization.put("customData", Map.of());
        organization.put("flags", Arrays.asList(true, false, null));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organization", organization);
        data.put("viewer", null);

        String written =
                write(ExecutionResult.newExecutionResult().data(data).build().toSpecification());

        assertThat(written)
                .isEqualTo("{\"data\":{\"organization\":{\"name\":\"Acme \\\"Rockets\\\" \u00e9\u4e2d\\n\\u0001\","
                        + "\"logo\":null,\"members\":{\"totalCount\":0,\"nodes\":[]},\"customData\":{},"
                        + "\"flags\":[true,false,null]},\"viewer\":null}}");
    }

    @Test
    void writesErrorsWithPathLocationsAndExtensions() {
        var error = GraphqlErrorBuilder.newError()
                .message("No organization %s.", "o/../x")
                .path(ResultPath.rootPath()
                        .segment("organization")
                        .segment("members")
                        .segment(3))
                .extensions(Map.of("code", "NOT_FOUND"))
                .build();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organization", null);

        String written = write(ExecutionResult.newExecutionResult()
                .data(data)
                .addError(error)
                .build()
                .toSpecification());

        assertThat(written)
                .isEqualTo("{\"errors\":[{\"message\":\"No organization o/../x.\",\"locations\":[],"
                        + "\"path\":[\"organization\",\"members\",3],"
                        + "\"extensions\":{\"code\":\"NOT_FOUND\",\"classification\":\"DataFetchingException\"}}],"
                        + "\"data\":{\"organization\":null}}");
    }

    @Test
    void writesEveryNumberKindAndHandsOtherValuesToTheMapper() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("int", 7);
        extensions.put("long", 9_007_199_254_740_993L);
        extensions.put("double", 0.25);
        extensions.put("decimal", new BigDecimal("12.50"));
        extensions.put("short", (short) 3);
        extensions.put("duration", Duration.ofSeconds(90));
        extensions.put("record", new Limit("depth", 12));
        List<Object> mutable = new ArrayList<>(List.of("a"));
        extensions.put("list", mutable);

        String written = write(Map.of("extensions", extensions));

        assertThat(written)
                .isEqualTo("{\"extensions\":{\"int\":7,\"long\":9007199254740993,\"double\":0.25,\"decimal\":12.50,"
                        + "\"short\":3,\"duration\":90.000000000,\"record\":{\"limit\":\"depth\",\"value\":12},"
                        + "\"list\":[\"a\"]}}");
    }

    record Limit(String limit, int value) {}

    private String write(Map<String, Object> response) {
        return new String(json.write(response), StandardCharsets.UTF_8);
    }
}

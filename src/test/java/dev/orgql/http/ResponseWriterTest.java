package dev.orgql.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orgql.support.GatewayTest;
import io.micronaut.configuration.graphql.GraphQLResponseBody;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * GraphQL answers are streamed to a generator of Micronaut's mapper instead of being handed to it: the
 * bytes must be exactly those the mapper wrote (nulls and empty objects kept, same escaping), for every
 * kind of value an answer holds, including those the stream hands back to the mapper.
 */
@MicronautTest
class ResponseWriterTest extends GatewayTest {
    @Inject
    GraphQLRequestReader reader;

    @Inject
    JsonMapper mapper;

    @Test
    void anAnswerIsWrittenByteForByteAsMicronautsMapperWritesIt() throws Exception {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", "Zoë \"Quote\" <tag> \u2028 \uD83D\uDE00 \\ / \n");
        node.put("inviter", null);
        node.put("roles", List.of());
        node.put("customData", new LinkedHashMap<>());
        node.put("count", 50);
        node.put("big", 12_345_678_901L);
        node.put("ratio", 0.25);
        node.put("exact", new BigDecimal("1.50"));
        node.put("flag", true);
        node.put("when", Instant.parse("2026-12-01T22:05:00Z"));
        node.put("numberKeys", new TreeMap<>(Map.of(2, "two", 1, "one")));
        List<Object> nodes = new ArrayList<>();
        nodes.add(node);
        nodes.add(null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organization", Map.of("members", Map.of("nodes", nodes, "totalCount", 2)));
        data.put("viewer", null);
        Map<String, Object> specification = new LinkedHashMap<>();
        specification.put(
                "errors",
                List.of(Map.of(
                        "message",
                        "Not found",
                        "path",
                        List.of("organization", 0),
                        "extensions",
                        Map.of("code", "NOT_FOUND"))));
        specification.put("data", data);
        specification.put("extensions", Map.of("cost", Map.of("requested", 192L, "limit", 5000)));

        GraphQLResponseBody body = new GraphQLResponseBody(specification);
        String expected = new String(mapper.writeValueAsBytes(body), StandardCharsets.UTF_8);
        assertThat(reader.serialize(body)).isEqualTo(expected);
        assertThat(expected).contains("\"inviter\":null", "\"viewer\":null", "\"roles\":[]", "\"customData\":{}");
    }
}

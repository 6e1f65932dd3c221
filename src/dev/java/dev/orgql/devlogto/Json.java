package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;

/** One private ObjectMapper, so the stand-in never depends on the gateway's Jackson configuration. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ArrayNode array(Collection<? extends JsonNode> nodes) {
        ArrayNode a = array();
        nodes.forEach(a::add);
        return a;
    }

    static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deep copy of a client-supplied object so later mutation of the request can't leak into the store. */
    static ObjectNode copyObject(JsonNode node) {
        return node != null && node.isObject() ? ((ObjectNode) node).deepCopy() : object();
    }
}

package dev.orgql.logto;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;

/** The Logto client's own JSON mapping, lenient about fields it does not know. */
@Singleton
public class LogtoJson {
    private final ObjectMapper mapper =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    <T> T read(LogtoResponse response, TypeReference<T> type) {
        return response.parsedAs(type.getType(), () -> parse(response, type));
    }

    private <T> T parse(LogtoResponse response, TypeReference<T> type) {
        try {
            return mapper.readValue(response.body(), type);
        } catch (IOException e) {
            throw new LogtoException(
                    response.status(), null, "Logto answered with JSON the gateway cannot read: " + e.getMessage());
        }
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a body that may not be JSON at all (Logto's route-level 404 is plain text); null if it is not. */
    public JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}

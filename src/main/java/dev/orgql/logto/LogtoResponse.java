package dev.orgql.logto;

import java.nio.charset.StandardCharsets;

/** A successful Management API answer: status, content type, raw body and the paging total. */
record LogtoResponse(int status, String contentType, byte[] body, Integer totalNumber) {

    boolean isJson() {
        return contentType != null && contentType.toLowerCase().contains("json") && body.length > 0;
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

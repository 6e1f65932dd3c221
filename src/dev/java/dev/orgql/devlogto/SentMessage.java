package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;

/** An invitation email the stand-in "sent" through its fake connector. {@code link} may be null. */
public record SentMessage(String invitationId, String recipient, String link, JsonNode payload, long sentAt) {}

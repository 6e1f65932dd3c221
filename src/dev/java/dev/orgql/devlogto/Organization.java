package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A row of Logto's organizations table. JSON objects are kept as Jackson nodes because Logto stores jsonb. */
public record Organization(
        String id,
        String name,
        String description,
        ObjectNode customData,
        boolean isMfaRequired,
        ObjectNode color,
        ObjectNode branding,
        String customCss,
        long createdAt) {}

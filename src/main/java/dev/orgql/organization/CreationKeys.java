package dev.orgql.organization;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The key {@code createOrganization} stores in a new organization's {@code customData} under
 * {@link #CUSTOM_DATA_KEY}, so that when Logto's answer to the create is lost (reset, timeout, 5xx) the
 * gateway can find out whether the organization exists anyway and finish or remove it. The key is the
 * gateway's, not the client's: it is hidden from every {@code Organization.customData} read and refused
 * in a client's input, so a client that reads, edits and writes back its customData never copies it,
 * and no client can plant a key that a later lookup would mistake for its own.
 */
@Singleton
public class CreationKeys {
    /** The reserved customData key. */
    public static final String CUSTOM_DATA_KEY = "orgqlCreationKey";

    /** A fresh key for one attempt; a test replaces this bean to know the key in advance. */
    public String next() {
        return UUID.randomUUID().toString();
    }

    /** The client's customData (possibly null) with the key added. */
    static Map<String, Object> withKey(Object customData, String key) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (customData instanceof Map<?, ?> given) {
            given.forEach((k, v) -> data.put(String.valueOf(k), v));
        }
        data.put(CUSTOM_DATA_KEY, key);
        return data;
    }

    /** The customData a client sees: the gateway's key left out. */
    static Map<String, Object> hidden(Map<String, Object> customData) {
        if (customData == null) {
            return Map.of();
        }
        if (!customData.containsKey(CUSTOM_DATA_KEY)) {
            return customData;
        }
        Map<String, Object> visible = new LinkedHashMap<>(customData);
        visible.remove(CUSTOM_DATA_KEY);
        return visible;
    }

    static boolean holds(Map<String, Object> customData, String key) {
        return customData != null && key.equals(customData.get(CUSTOM_DATA_KEY));
    }
}

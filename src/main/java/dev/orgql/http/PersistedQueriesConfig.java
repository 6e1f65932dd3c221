package dev.orgql.http;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Persisted operations ({@code orgql.persisted-queries.*}): {@code automatic} (Apollo's automatic
 * persisted queries: a client sends the SHA-256 of a document, and the document itself only the first
 * time), {@code allow-list} (only the operations of {@link #getManifest() a manifest} run, by hash or by
 * text: for production frontends whose operations are all known at build time), or {@code off}.
 */
@ConfigurationProperties("orgql.persisted-queries")
public class PersistedQueriesConfig {
    public enum Mode {
        OFF,
        AUTOMATIC,
        ALLOW_LIST
    }

    private Mode mode = Mode.AUTOMATIC;
    private String manifest;
    private long maxCharacters = 16L * 1024 * 1024;

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    /** A JSON file: {@code {"<sha256>": "<document>", ...}} or an Apollo persisted-query manifest. */
    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest == null || manifest.isBlank() ? null : manifest;
    }

    /** The automatic store's size, in characters of the documents it holds (per replica). */
    public long getMaxCharacters() {
        return maxCharacters;
    }

    public void setMaxCharacters(long maxCharacters) {
        this.maxCharacters = maxCharacters;
    }
}

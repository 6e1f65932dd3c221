package dev.orgql.access;

/** Mirrors the SDL enum {@code CallerKind}: the kind of caller a field is open to. */
public enum CallerKind {
    /** Any authenticated caller: a user or a machine. */
    ANY,
    /** A signed-in user, not a machine-to-machine application. */
    USER
}

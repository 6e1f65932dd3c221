/** What orgql's JSON scalar (such as Organization.customData) holds: any JSON value, never `unknown`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** orgql's DateTime scalar: an ISO-8601 instant such as "2026-11-29T13:16:03.888Z". */
export type DateTime = string;

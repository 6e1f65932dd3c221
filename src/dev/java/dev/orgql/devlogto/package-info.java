/**
 * An embedded Logto stand-in for dev mode and end-to-end tests. Deliberately independent of the gateway:
 * no imports from other {@code dev.orgql} packages, no Micronaut; only the JDK HTTP server, Jackson and
 * Nimbus JOSE. A misunderstanding of Logto must not hide on both sides, so behaviour is modelled on the
 * recordings and reference in /work/shared/logto, never on the gateway's client.
 *
 * <p>Entry point: {@link dev.orgql.devlogto.LogtoStandIn#start(StandInOptions)}.
 *
 * <p>Adding a route: pick the {@code *Routes} class of the resource (one per Management API area), add a
 * line such as {@code r.get("/api/things/{id}", req -> Response.ok(...))} in its {@code register} method,
 * put any rule that a database constraint enforces in Logto into {@link dev.orgql.devlogto.StandInData},
 * and render entities through {@code Views} so field names and order match Logto. Throw
 * {@link dev.orgql.devlogto.ApiError} for Logto errors; the server renders them.
 */
package dev.orgql.devlogto;

/**
 * Running the gateway: the readiness checks behind micronaut-management's {@code /health/readiness}.
 * Uses {@code auth} and {@code logto}, never a feature package.
 */
package dev.orgql.ops;

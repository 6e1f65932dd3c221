/**
 * Running several replicas: with Redis configured ({@code redis.uri}, env {@code REDIS_URI}), every
 * {@link dev.orgql.logto.LogtoChange} heard in one replica is relayed to the others over Redis pub/sub,
 * and {@link dev.orgql.logto.SharedReadStore} keeps read answers in Redis for all of them. Without
 * {@code redis.uri} nothing here is a bean: no connection, no thread, one replica as before. Uses only
 * {@code logto}.
 */
package dev.orgql.scaleout;

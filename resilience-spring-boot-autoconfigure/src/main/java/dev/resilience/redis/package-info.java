/**
 * Limits kept in Redis, so that one bound holds for every instance of an application: a rate
 * limiter and a retry budget whose decisions are Lua scripts run on the application's own Spring Data Redis
 * (Lettuce) connection, each bounded by a timeout, and a local fallback for when Redis does not
 * answer. Depends on {@code core} and Spring Data Redis only.
 */
@NullMarked
package dev.resilience.redis;

import org.jspecify.annotations.NullMarked;

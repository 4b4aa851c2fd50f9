/**
 * The policies as plain Java: circuit breaker, retry, time limiter, concurrency limit and rate
 * limiter, their registry and events. Imports neither Spring nor Micrometer.
 */
@NullMarked
package dev.resilience.core;

import org.jspecify.annotations.NullMarked;

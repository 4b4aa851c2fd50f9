/**
 * Spring Cloud CircuitBreaker backed by the starter's instances: the factories that Spring Cloud's
 * {@code CircuitBreakerFactory} and {@code ReactiveCircuitBreakerFactory} users (OpenFeign, HTTP
 * service clients, application code) call, whose breakers and time limiters are the registry's,
 * by the same names as annotated methods.
 */
@NullMarked
package dev.resilience.cloud;

import org.jspecify.annotations.NullMarked;

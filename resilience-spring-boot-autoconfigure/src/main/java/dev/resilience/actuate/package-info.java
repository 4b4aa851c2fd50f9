/**
 * What operators see: Actuator endpoints, the circuit breaker health contributor, Micrometer
 * meters, the buffer of recent events and the log lines of state changes. The types here carry
 * no conditions; the auto-configuration decides which of them an application gets.
 */
@NullMarked
package dev.resilience.actuate;

import org.jspecify.annotations.NullMarked;

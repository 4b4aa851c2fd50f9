package dev.resilience.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;

/**
 * The {@code circuitbreakers} endpoint: the state and current window of every circuit breaker,
 * and a write operation through which an operator forces a breaker open, disables it or closes
 * it again.
 *
 * <p>Thread-safe: every operation reads the registry afresh and answers with an immutable
 * snapshot.
 *
 * @since 0.1.0
 */
@Endpoint(id = "circuitbreakers")
public class CircuitBreakersEndpoint {

	private static final String ALLOWED_STATES = "CLOSED, FORCED_OPEN or DISABLED";

	private final ResilienceRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose breakers it shows
	 */
	public CircuitBreakersEndpoint(ResilienceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Returns every circuit breaker, ordered by name.
	 * @return the breakers
	 */
	@ReadOperation
	public CircuitBreakersDescriptor circuitBreakers() {
		Map<String, CircuitBreakerDescriptor> breakers = new LinkedHashMap<>();
		for (CircuitBreaker breaker : this.registry.circuitBreakers()) {
			breakers.put(breaker.name(), CircuitBreakerDescriptor.of(breaker));
		}
		return new CircuitBreakersDescriptor(Collections.unmodifiableMap(breakers));
	}

	/**
	 * Returns one circuit breaker.
	 * @param name the instance name
	 * @return the breaker, or {@code null} (404 on the web) if there is none of that name
	 */
	@ReadOperation
	public @Nullable CircuitBreakerDescriptor circuitBreaker(@Selector String name) {
		return this.registry.findCircuitBreaker(name).map(CircuitBreakerDescriptor::of).orElse(null);
	}

	/**
	 * Moves a circuit breaker to {@code CLOSED}, {@code FORCED_OPEN} or {@code DISABLED}, starting
	 * a fresh window.
	 * @param name the instance name
	 * @param state the state to enter
	 * @return the breaker in its new state
	 * @throws InvalidEndpointRequestException (400 on the web) for another state or an unknown
	 * breaker
	 */
	@WriteOperation
	public CircuitBreakerDescriptor transitionTo(@Selector String name, String state) {
		CircuitBreaker.State target = operatorState(state);
		CircuitBreaker breaker = this.registry.findCircuitBreaker(name)
			.orElseThrow(() -> new InvalidEndpointRequestException("No circuit breaker named '" + name + "'",
					"No circuit breaker of that name"));
		breaker.transitionTo(target);
		return CircuitBreakerDescriptor.of(breaker);
	}

	private static CircuitBreaker.State operatorState(String state) {
		return switch (state) {
			case "CLOSED" -> CircuitBreaker.State.CLOSED;
			case "FORCED_OPEN" -> CircuitBreaker.State.FORCED_OPEN;
			case "DISABLED" -> CircuitBreaker.State.DISABLED;
			default -> throw new InvalidEndpointRequestException("State must be " + ALLOWED_STATES,
					"State must be " + ALLOWED_STATES);
		};
	}

	/**
	 * Every circuit breaker of the application.
	 *
	 * @param circuitBreakers the breakers by name
	 */
	public record CircuitBreakersDescriptor(
			Map<String, CircuitBreakerDescriptor> circuitBreakers) implements OperationResponseBody {
	}

	/**
	 * One circuit breaker: its state and the counts of its current window.
	 *
	 * @param state the current state
	 * @param failureRate failures in percent of the window, or -1 until {@code minimum-calls}
	 * calls were recorded
	 * @param slowCallRate slow calls in percent of the window, or -1 until {@code minimum-calls}
	 * calls were recorded
	 * @param bufferedCalls calls in the window
	 * @param failedCalls failed calls in the window
	 * @param slowCalls slow calls in the window
	 * @param notPermittedCalls calls rejected since the last state change
	 */
	public record CircuitBreakerDescriptor(CircuitBreaker.State state, float failureRate, float slowCallRate,
			int bufferedCalls, int failedCalls, int slowCalls,
			long notPermittedCalls) implements OperationResponseBody {

		static CircuitBreakerDescriptor of(CircuitBreaker breaker) {
			CircuitBreaker.Metrics metrics = breaker.metrics();
			return new CircuitBreakerDescriptor(breaker.state(), metrics.failureRate(), metrics.slowCallRate(),
					metrics.bufferedCalls(), metrics.failedCalls(), metrics.slowCalls(), metrics.notPermittedCalls());
		}

	}

}

package dev.resilience.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;

/**
 * Reports the circuit breakers under {@code /actuator/health}: one detail per breaker, keyed by
 * its name, with its state and failure rate.
 *
 * <p>The status is {@code UP} while no breaker is open. An {@code OPEN} or {@code FORCED_OPEN}
 * breaker makes it {@code UNKNOWN}: a dependency is broken, but the application itself is
 * healthy and must not be restarted or taken out of the load balancer for it. Only a breaker
 * configured with {@code health-fails-when-open: true} makes it {@code DOWN}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public class CircuitBreakersHealthIndicator extends AbstractHealthIndicator {

	private final ResilienceRegistry registry;

	private final Predicate<String> failsWhenOpen;

	/**
	 * Creates the indicator.
	 * @param registry the registry whose breakers it reports
	 * @param failsWhenOpen tells, by breaker name, whether that breaker open means the
	 * application is {@code DOWN}
	 */
	public CircuitBreakersHealthIndicator(ResilienceRegistry registry, Predicate<String> failsWhenOpen) {
		super("Circuit breaker health check failed");
		this.registry = registry;
		this.failsWhenOpen = failsWhenOpen;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Status status = Status.UP;
		for (CircuitBreaker breaker : this.registry.circuitBreakers()) {
			CircuitBreaker.State state = breaker.state();
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("state", state.name());
			detail.put("failureRate", breaker.metrics().failureRate());
			builder.withDetail(breaker.name(), detail);
			if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
				status = (this.failsWhenOpen.test(breaker.name())) ? Status.DOWN
						: (status == Status.DOWN) ? Status.DOWN : Status.UNKNOWN;
			}
		}
		builder.status(status);
	}

}

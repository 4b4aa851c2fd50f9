package dev.resilience.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimiter;

/**
 * The {@code timelimiters} endpoint: how the calls of every time limiter ended since start-up.
 *
 * <p>Thread-safe: every operation reads the registry afresh and answers with an immutable
 * snapshot.
 *
 * @since 0.1.0
 */
@Endpoint(id = "timelimiters")
public class TimeLimitersEndpoint {

	private final ResilienceRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose time limiters it shows
	 */
	public TimeLimitersEndpoint(ResilienceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Returns every time limiter, ordered by name.
	 * @return the time limiters
	 */
	@ReadOperation
	public TimeLimitersDescriptor timeLimiters() {
		Map<String, TimeLimiterDescriptor> limiters = new LinkedHashMap<>();
		for (TimeLimiter limiter : this.registry.timeLimiters()) {
			TimeLimiter.Metrics metrics = limiter.metrics();
			limiters.put(limiter.name(),
					new TimeLimiterDescriptor(metrics.successful(), metrics.failed(), metrics.timedOut()));
		}
		return new TimeLimitersDescriptor(Collections.unmodifiableMap(limiters));
	}

	/**
	 * Every time limiter of the application.
	 *
	 * @param timeLimiters the time limiters by name
	 */
	public record TimeLimitersDescriptor(
			Map<String, TimeLimiterDescriptor> timeLimiters) implements OperationResponseBody {
	}

	/**
	 * The counts of one time limiter since start-up.
	 *
	 * @param successful calls that returned in time
	 * @param failed calls that failed in time
	 * @param timedOut calls cut off at the timeout
	 */
	public record TimeLimiterDescriptor(long successful, long failed, long timedOut) implements OperationResponseBody {
	}

}

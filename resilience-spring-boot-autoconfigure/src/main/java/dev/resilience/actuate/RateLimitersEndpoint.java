package dev.resilience.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.resilience.core.RateLimiter;
import dev.resilience.core.ResilienceRegistry;

/**
 * The {@code ratelimiters} endpoint: the limit and period of every rate limiter, the calls that
 * could start now, how many calls it let start or refused since start-up, and where its state is
 * kept.
 *
 * <p>Thread-safe: every operation reads the registry afresh and answers with an immutable
 * snapshot.
 *
 * @since 0.2.0
 */
@Endpoint(id = "ratelimiters")
public class RateLimitersEndpoint {

	private final ResilienceRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose rate limiters are shown
	 */
	public RateLimitersEndpoint(ResilienceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Returns every rate limiter, by name.
	 * @return the rate limiters
	 */
	@ReadOperation
	public RateLimitersDescriptor rateLimiters() {
		Map<String, RateLimiterDescriptor> limiters = new LinkedHashMap<>();
		for (RateLimiter limiter : this.registry.rateLimiters()) {
			limiters.put(limiter.name(), RateLimiterDescriptor.of(limiter));
		}
		return new RateLimitersDescriptor(Collections.unmodifiableMap(limiters));
	}

	/**
	 * Returns one rate limiter.
	 * @param name the instance name
	 * @return the rate limiter, or {@code null} (404) if there is none of that name
	 */
	@ReadOperation
	public @Nullable RateLimiterDescriptor rateLimiter(@Selector String name) {
		return this.registry.findRateLimiter(name).map(RateLimiterDescriptor::of).orElse(null);
	}

	/**
	 * The rate limiters, by name.
	 *
	 * @param rateLimiters each instance's state
	 */
	public record RateLimitersDescriptor(Map<String, RateLimiterDescriptor> rateLimiters)
			implements OperationResponseBody {
	}

	/**
	 * One rate limiter.
	 *
	 * @param limit the calls that may start in any interval of the period
	 * @param period the length of the rolling window, as a duration ({@code 1s}, {@code 1m})
	 * @param available the calls that could start now without waiting
	 * @param permittedCalls the calls that started, at once or after waiting
	 * @param rejectedCalls the calls refused
	 * @param store where the decisions are made now: {@code local}, {@code redis}, or
	 * {@code local (redis unavailable)}
	 */
	public record RateLimiterDescriptor(int limit, String period, int available, long permittedCalls,
			long rejectedCalls, String store) implements OperationResponseBody {

		static RateLimiterDescriptor of(RateLimiter limiter) {
			RateLimiter.Metrics metrics = limiter.metrics();
			return new RateLimiterDescriptor(limiter.config().limit(), DurationFormat.format(limiter.config().period()),
					limiter.available(), metrics.permittedCalls(), metrics.rejectedCalls(), limiter.store());
		}

	}

}

package dev.resilience.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.ResilienceRegistry;

/**
 * The {@code concurrencylimits} endpoint: the limit of every concurrency limit as it stands now
 * (for an adaptive one, as measured), the calls in flight, and how many calls it let run or
 * refused since start-up.
 *
 * <p>Thread-safe: every operation reads the registry afresh and answers with an immutable
 * snapshot.
 *
 * @since 0.2.0
 */
@Endpoint(id = "concurrencylimits")
public class ConcurrencyLimitsEndpoint {

	private final ResilienceRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose concurrency limits are shown
	 */
	public ConcurrencyLimitsEndpoint(ResilienceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Returns every concurrency limit, by name.
	 * @return the concurrency limits
	 */
	@ReadOperation
	public ConcurrencyLimitsDescriptor concurrencyLimits() {
		Map<String, ConcurrencyLimitDescriptor> limits = new LinkedHashMap<>();
		for (ConcurrencyLimit limit : this.registry.concurrencyLimits()) {
			limits.put(limit.name(), ConcurrencyLimitDescriptor.of(limit));
		}
		return new ConcurrencyLimitsDescriptor(Collections.unmodifiableMap(limits));
	}

	/**
	 * Returns one concurrency limit.
	 * @param name the instance name
	 * @return the concurrency limit, or {@code null} (404) if there is none of that name
	 */
	@ReadOperation
	public @Nullable ConcurrencyLimitDescriptor concurrencyLimit(@Selector String name) {
		return this.registry.findConcurrencyLimit(name).map(ConcurrencyLimitDescriptor::of).orElse(null);
	}

	/**
	 * The concurrency limits, by name.
	 *
	 * @param concurrencyLimits each instance's state
	 */
	public record ConcurrencyLimitsDescriptor(
			Map<String, ConcurrencyLimitDescriptor> concurrencyLimits) implements OperationResponseBody {
	}

	/**
	 * One concurrency limit.
	 *
	 * @param limit the calls that may run at once now
	 * @param inFlight the calls running now
	 * @param adaptive whether the limit is measured rather than fixed
	 * @param permittedCalls the calls that got a slot, at once or after waiting
	 * @param rejectedCalls the calls refused
	 */
	public record ConcurrencyLimitDescriptor(int limit, int inFlight, boolean adaptive, long permittedCalls,
			long rejectedCalls) implements OperationResponseBody {

		static ConcurrencyLimitDescriptor of(ConcurrencyLimit limit) {
			ConcurrencyLimit.Metrics metrics = limit.metrics();
			return new ConcurrencyLimitDescriptor(limit.limit(), limit.inFlight(), limit.config().adaptive(),
					metrics.permittedCalls(), metrics.rejectedCalls());
		}

	}

}

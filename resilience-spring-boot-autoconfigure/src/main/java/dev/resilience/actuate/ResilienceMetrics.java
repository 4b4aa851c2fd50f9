package dev.resilience.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.Hedge;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.TimeLimiter;

/**
 * Binds the meters of every circuit breaker, retry, time limiter, concurrency limit, rate
 * limiter and hedge of a registry to a
 * {@link MeterRegistry}: those that exist when bound, registered at once so that dashboards show
 * zero rather than nothing, and those created later, as they are created. The meters are named
 * and tagged as in the table of {@code resilience.*} meters of the documentation, for example
 * {@code resilience.circuitbreaker.calls} tagged {@code name} and {@code outcome}.
 *
 * <p>Thread-safe. Bind it once per meter registry.
 *
 * @since 0.1.0
 */
public final class ResilienceMetrics implements MeterBinder {

	private final ResilienceRegistry registry;

	/**
	 * Creates a binder.
	 * @param registry the registry whose instances are metered
	 */
	public ResilienceMetrics(ResilienceRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		ResilienceMeters meters = new ResilienceMeters(this.registry, meterRegistry);
		// Subscribe first, then walk the instances: one created in between is met twice, and
		// binding an instance twice is harmless.
		this.registry.addInstanceListener(meters);
		this.registry.addListener(meters);
		for (CircuitBreaker breaker : this.registry.circuitBreakers()) {
			meters.onCircuitBreakerCreated(breaker);
		}
		for (Retry retry : this.registry.retries()) {
			meters.onRetryCreated(retry);
		}
		for (TimeLimiter limiter : this.registry.timeLimiters()) {
			meters.onTimeLimiterCreated(limiter);
		}
		for (ConcurrencyLimit limit : this.registry.concurrencyLimits()) {
			meters.onConcurrencyLimitCreated(limit);
		}
		for (RateLimiter limiter : this.registry.rateLimiters()) {
			meters.onRateLimiterCreated(limiter);
		}
		for (Hedge hedge : this.registry.hedges()) {
			meters.onHedgeCreated(hedge);
		}
	}

}

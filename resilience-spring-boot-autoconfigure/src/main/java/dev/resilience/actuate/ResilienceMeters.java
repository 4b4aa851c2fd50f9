package dev.resilience.actuate;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.TimeLimiter;

/**
 * The meters of the instances of one registry in one meter registry, and the listener that
 * updates them.
 *
 * <p>The meters of an instance are registered once, when the instance is bound, and kept in
 * arrays indexed by outcome, so that an event costs one map lookup by name and one increment:
 * no tags, builders or other objects per call. An event of an instance not bound yet (created
 * while binding) binds it first. Thread-safe.
 */
final class ResilienceMeters implements ResilienceListener, ResilienceRegistry.InstanceListener {

	/** Where the counter of retries performed sits, after the counters of retry outcomes. */
	private static final int RETRY_ATTEMPTS = RetryOutcome.values().length;

	/** Where the counter of retries refused by the budget sits, last. */
	private static final int BUDGET_EXHAUSTED = RETRY_ATTEMPTS + 1;

	private final ResilienceRegistry registry;

	private final MeterRegistry meterRegistry;

	private final Map<String, BreakerMeters> breakers = new ConcurrentHashMap<>();

	private final Map<String, Counter[]> retries = new ConcurrentHashMap<>();

	private final Map<String, Counter[]> timeLimiters = new ConcurrentHashMap<>();

	private final Map<String, Map<Class<?>, Counter>> fallbacks = new ConcurrentHashMap<>();

	ResilienceMeters(ResilienceRegistry registry, MeterRegistry meterRegistry) {
		this.registry = registry;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void onCircuitBreakerCreated(CircuitBreaker breaker) {
		this.breakers.computeIfAbsent(breaker.name(), (name) -> new BreakerMeters(breaker, this.meterRegistry));
	}

	@Override
	public void onRetryCreated(Retry retry) {
		this.retries.computeIfAbsent(retry.name(), this::retryCounters);
	}

	@Override
	public void onTimeLimiterCreated(TimeLimiter limiter) {
		this.timeLimiters.computeIfAbsent(limiter.name(), this::timeLimiterCounters);
	}

	@Override
	public void onCircuitBreakerCall(String name, CallOutcome outcome, long durationNanos) {
		BreakerMeters meters = this.breakers.get(name);
		if (meters == null) {
			this.registry.findCircuitBreaker(name).ifPresent(this::onCircuitBreakerCreated);
			meters = this.breakers.get(name);
		}
		if (meters != null) {
			meters.calls[outcome.ordinal()].record(durationNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
		// Rare: a counter per pair of states is looked up (and registered the first time) here.
		Counter.builder("resilience.circuitbreaker.transitions")
			.description("Circuit breaker state transitions")
			.tags("name", name, "from", tag(from), "to", tag(to))
			.register(this.meterRegistry)
			.increment();
	}

	@Override
	public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
		Counter[] counters = boundRetryCounters(name);
		if (counters != null) {
			counters[RETRY_ATTEMPTS].increment();
		}
	}

	@Override
	public void onBudgetExhausted(String name, int attempt) {
		Counter[] counters = boundRetryCounters(name);
		if (counters != null) {
			counters[BUDGET_EXHAUSTED].increment();
		}
	}

	@Override
	public void onRetryCompleted(String name, RetryOutcome outcome, int attempts) {
		Counter[] counters = boundRetryCounters(name);
		if (counters != null) {
			counters[outcome.ordinal()].increment();
		}
	}

	@Override
	public void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
		Counter[] counters = this.timeLimiters.get(name);
		if (counters == null) {
			this.registry.findTimeLimiter(name).ifPresent(this::onTimeLimiterCreated);
			counters = this.timeLimiters.get(name);
		}
		if (counters != null) {
			counters[outcome.ordinal()].increment();
		}
	}

	@Override
	public void onFallback(String name, Throwable failure) {
		Map<Class<?>, Counter> byCause = this.fallbacks.get(name);
		if (byCause == null) {
			byCause = this.fallbacks.computeIfAbsent(name, (key) -> new ConcurrentHashMap<>());
		}
		Counter counter = byCause.get(failure.getClass());
		if (counter == null) {
			counter = byCause.computeIfAbsent(failure.getClass(), (cause) -> fallbackCounter(name, cause));
		}
		counter.increment();
	}

	private Counter @Nullable [] boundRetryCounters(String name) {
		Counter[] counters = this.retries.get(name);
		if (counters == null) {
			this.registry.findRetry(name).ifPresent(this::onRetryCreated);
			counters = this.retries.get(name);
		}
		return counters;
	}

	/**
	 * One counter per retry outcome, by ordinal, then the counters of retries performed and of
	 * retries the budget refused.
	 */
	private Counter[] retryCounters(String name) {
		RetryOutcome[] outcomes = RetryOutcome.values();
		Counter[] counters = new Counter[BUDGET_EXHAUSTED + 1];
		for (RetryOutcome outcome : outcomes) {
			counters[outcome.ordinal()] = Counter.builder("resilience.retry.calls")
				.description("Retrying calls by how they ended")
				.tags("name", name, "kind", tag(outcome))
				.register(this.meterRegistry);
		}
		counters[RETRY_ATTEMPTS] = Counter.builder("resilience.retry.attempts")
			.description("Retries performed, first attempts not included")
			.tags("name", name)
			.register(this.meterRegistry);
		counters[BUDGET_EXHAUSTED] = Counter.builder("resilience.retry.budget.exhausted")
			.description("Retries refused by the retry budget")
			.tags("name", name)
			.register(this.meterRegistry);
		return counters;
	}

	private Counter[] timeLimiterCounters(String name) {
		TimeLimiterOutcome[] outcomes = TimeLimiterOutcome.values();
		Counter[] counters = new Counter[outcomes.length];
		for (TimeLimiterOutcome outcome : outcomes) {
			counters[outcome.ordinal()] = Counter.builder("resilience.timelimiter.calls")
				.description("Time-limited calls by how they ended")
				.tags("name", name, "outcome", tag(outcome))
				.register(this.meterRegistry);
		}
		return counters;
	}

	private Counter fallbackCounter(String name, Class<?> cause) {
		String simpleName = cause.getSimpleName();
		return Counter.builder("resilience.fallback.calls")
			.description("Failed calls answered by a fallback method")
			.tags("name", name, "cause", simpleName.isEmpty() ? cause.getName() : simpleName)
			.register(this.meterRegistry);
	}

	static String tag(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The meters of one circuit breaker: gauges that read it, and a timer per call outcome.
	 */
	private static final class BreakerMeters {

		private final Timer[] calls;

		BreakerMeters(CircuitBreaker breaker, MeterRegistry meterRegistry) {
			String name = breaker.name();
			for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
				Gauge.builder("resilience.circuitbreaker.state", breaker, (b) -> (b.state() == state) ? 1 : 0)
					.description("1 for the current state of the circuit breaker, 0 for the others")
					.tags("name", name, "state", tag(state))
					.strongReference(true)
					.register(meterRegistry);
			}
			Gauge.builder("resilience.circuitbreaker.failure.rate", breaker, (b) -> b.metrics().failureRate())
				.description("Failures in percent of the calls in the window, -1 until minimum-calls were recorded")
				.tags("name", name)
				.strongReference(true)
				.register(meterRegistry);
			CallOutcome[] outcomes = CallOutcome.values();
			this.calls = new Timer[outcomes.length];
			for (CallOutcome outcome : outcomes) {
				this.calls[outcome.ordinal()] = Timer.builder("resilience.circuitbreaker.calls")
					.description("Calls through the circuit breaker by how they were recorded")
					.tags("name", name, "outcome", tag(outcome))
					.register(meterRegistry);
			}
		}

	}

}

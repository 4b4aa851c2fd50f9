package dev.resilience.actuate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.Hedge;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceListener.Fault;
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
 * while binding) binds it first. When the registry removes an instance, its meters are removed
 * from the meter registry; events that its last calls still report afterwards are dropped, so a
 * removed instance never brings its meters back, and a new instance of the same name gets
 * meters of its own.
 *
 * <p>Thread-safe: events take no lock; binding and removing, which are rare, and the first
 * transition of a breaker between two given states take one lock of this object.
 */
final class ResilienceMeters implements ResilienceListener, ResilienceRegistry.InstanceListener {

	/** Where the counter of retries performed sits, after the counters of retry outcomes. */
	private static final int RETRY_ATTEMPTS = RetryOutcome.values().length;

	/** Where the counter of retries refused by the budget sits, last. */
	private static final int BUDGET_EXHAUSTED = RETRY_ATTEMPTS + 1;

	private final ResilienceRegistry registry;

	private final MeterRegistry meterRegistry;

	/** Guards binding and removing meters, so that the meters of one name change in order. */
	private final Object binding = new Object();

	private final Map<String, BreakerMeters> breakers = new ConcurrentHashMap<>();

	private final Map<String, Counters<Retry>> retries = new ConcurrentHashMap<>();

	private final Map<String, Counters<TimeLimiter>> timeLimiters = new ConcurrentHashMap<>();

	private final Map<String, Counters<ConcurrencyLimit>> concurrencyLimits = new ConcurrentHashMap<>();

	private final Map<String, Counters<RateLimiter>> rateLimiters = new ConcurrentHashMap<>();

	private final Map<String, Counters<Hedge>> hedges = new ConcurrentHashMap<>();

	private final Map<String, Map<Class<?>, Counter>> fallbacks = new ConcurrentHashMap<>();

	private final Map<String, Counter> storeFallbacks = new ConcurrentHashMap<>();

	/** The most instance names whose fault counters are kept, {@value}; the oldest go first. */
	static final int MAX_FAULT_NAMES = 2048;

	/** The counters of faults injected, by instance name and fault. */
	private final Map<String, Counter[]> faults = new ConcurrentHashMap<>();

	/** The names of {@link #faults}, oldest first; guarded by {@link #binding}. */
	private final Deque<String> faultNames = new ArrayDeque<>();

	ResilienceMeters(ResilienceRegistry registry, MeterRegistry meterRegistry) {
		this.registry = registry;
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void onCircuitBreakerCreated(CircuitBreaker breaker) {
		bind(this.breakers, breaker.name(), breaker, this.registry::findCircuitBreaker,
				(created) -> new BreakerMeters(created, this.meterRegistry));
	}

	@Override
	public void onRetryCreated(Retry retry) {
		bind(this.retries, retry.name(), retry, this.registry::findRetry,
				(created) -> new Counters<>(created, retryCounters(created.name())));
	}

	@Override
	public void onTimeLimiterCreated(TimeLimiter limiter) {
		bind(this.timeLimiters, limiter.name(), limiter, this.registry::findTimeLimiter,
				(created) -> new Counters<>(created, timeLimiterCounters(created.name())));
	}

	@Override
	public void onConcurrencyLimitCreated(ConcurrencyLimit limit) {
		bind(this.concurrencyLimits, limit.name(), limit, this.registry::findConcurrencyLimit,
				(created) -> concurrencyLimitMeters(created));
	}

	@Override
	public void onRateLimiterCreated(RateLimiter limiter) {
		bind(this.rateLimiters, limiter.name(), limiter, this.registry::findRateLimiter,
				(created) -> rateLimiterMeters(created));
	}

	@Override
	public void onHedgeCreated(Hedge hedge) {
		bind(this.hedges, hedge.name(), hedge, this.registry::findHedge,
				(created) -> new Counters<>(created, hedgeCounters(created.name())));
	}

	@Override
	public void onRateLimiterRemoved(RateLimiter limiter) {
		unbind(this.rateLimiters, limiter.name(), limiter);
		removeStoreFallbacks(limiter.name());
	}

	@Override
	public void onCircuitBreakerRemoved(CircuitBreaker breaker) {
		unbind(this.breakers, breaker.name(), breaker);
	}

	@Override
	public void onRetryRemoved(Retry retry) {
		unbind(this.retries, retry.name(), retry);
		removeStoreFallbacks(retry.name());
	}

	/**
	 * Removes the count of local decisions of a name whose instance is gone (a host the HTTP
	 * guards dropped), so that the counters stay as many as the instances; the next local
	 * decision of that name counts from zero again.
	 */
	private void removeStoreFallbacks(String name) {
		Counter counter = this.storeFallbacks.remove(name);
		if (counter != null) {
			this.meterRegistry.remove(counter);
		}
	}

	@Override
	public void onTimeLimiterRemoved(TimeLimiter limiter) {
		unbind(this.timeLimiters, limiter.name(), limiter);
	}

	@Override
	public void onCircuitBreakerCall(String name, CallOutcome outcome, long durationNanos) {
		BreakerMeters meters = boundBreakerMeters(name);
		if (meters != null) {
			meters.calls[outcome.ordinal()].record(durationNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
		BreakerMeters meters = boundBreakerMeters(name);
		if (meters == null) {
			return;
		}
		Counter counter;
		synchronized (this.binding) {
			if (this.breakers.get(name) != meters) {
				return;
			}
			counter = meters.transition(from, to, this.meterRegistry);
		}
		counter.increment();
	}

	@Override
	public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
		Counters<Retry> counters = boundRetryCounters(name);
		if (counters != null) {
			counters.byOutcome[RETRY_ATTEMPTS].increment();
		}
	}

	@Override
	public void onBudgetExhausted(String name, int attempt) {
		Counters<Retry> counters = boundRetryCounters(name);
		if (counters != null) {
			counters.byOutcome[BUDGET_EXHAUSTED].increment();
		}
	}

	@Override
	public void onRetryCompleted(String name, RetryOutcome outcome, int attempts) {
		Counters<Retry> counters = boundRetryCounters(name);
		if (counters != null) {
			counters.byOutcome[outcome.ordinal()].increment();
		}
	}

	@Override
	public void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
		Counters<TimeLimiter> counters = this.timeLimiters.get(name);
		if (counters == null) {
			this.registry.findTimeLimiter(name).ifPresent(this::onTimeLimiterCreated);
			counters = this.timeLimiters.get(name);
		}
		if (counters != null) {
			counters.byOutcome[outcome.ordinal()].increment();
		}
	}

	@Override
	public void onConcurrencyLimitCall(String name, LimitOutcome outcome) {
		Counters<ConcurrencyLimit> counters = this.concurrencyLimits.get(name);
		if (counters == null) {
			this.registry.findConcurrencyLimit(name).ifPresent(this::onConcurrencyLimitCreated);
			counters = this.concurrencyLimits.get(name);
		}
		increment(counters, outcome);
	}

	@Override
	public void onRateLimiterCall(String name, LimitOutcome outcome) {
		Counters<RateLimiter> counters = this.rateLimiters.get(name);
		if (counters == null) {
			this.registry.findRateLimiter(name).ifPresent(this::onRateLimiterCreated);
			counters = this.rateLimiters.get(name);
		}
		increment(counters, outcome);
	}

	@Override
	public void onHedgeCall(String name, HedgeOutcome outcome, int hedgesSent) {
		Counters<Hedge> counters = this.hedges.get(name);
		if (counters == null) {
			this.registry.findHedge(name).ifPresent(this::onHedgeCreated);
			counters = this.hedges.get(name);
		}
		if (counters != null) {
			counters.byOutcome[outcome.ordinal()].increment();
		}
	}

	@Override
	public void onFaultInjected(String name, Fault fault) {
		Counter[] counters = this.faults.get(name);
		if (counters == null) {
			counters = bindFaultCounters(name);
		}
		counters[fault.ordinal()].increment();
	}

	/** Names set and cleared at run time come and go: past the bound, the oldest's meters go. */
	private Counter[] bindFaultCounters(String name) {
		synchronized (this.binding) {
			Counter[] counters = this.faults.get(name);
			if (counters != null) {
				return counters;
			}
			if (this.faultNames.size() >= MAX_FAULT_NAMES) {
				for (Counter counter : this.faults.remove(this.faultNames.removeFirst())) {
					this.meterRegistry.remove(counter);
				}
			}
			counters = faultCounters(name);
			this.faults.put(name, counters);
			this.faultNames.addLast(name);
			return counters;
		}
	}

	private Counter[] faultCounters(String name) {
		Fault[] faults = Fault.values();
		Counter[] counters = new Counter[faults.length];
		for (Fault fault : faults) {
			counters[fault.ordinal()] = Counter.builder("resilience.faults.injected")
				.description("Faults injected into guarded calls, by fault")
				.tags("name", name, "fault", tag(fault))
				.register(this.meterRegistry);
		}
		return counters;
	}

	private static void increment(@Nullable Counters<?> counters, LimitOutcome outcome) {
		Counter counter = (counters != null) ? counters.byOutcome[outcome.ordinal()] : null;
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void onSharedStoreFallback(String name) {
		Counter counter = this.storeFallbacks.get(name);
		if (counter == null) {
			counter = this.storeFallbacks.computeIfAbsent(name, (key) -> Counter.builder("resilience.redis.fallbacks")
				.description("Decisions made locally because Redis did not answer in time or was down")
				.tags("name", key)
				.register(this.meterRegistry));
		}
		counter.increment();
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

	/**
	 * Registers the meters of an instance unless they are bound already or the instance is no
	 * longer the registry's (removed since). Meters still bound to a removed instance of the same
	 * name, whose removal has not been heard yet, are removed first: the meter registry knows a
	 * meter by its name and tags only, and would hand the old one back.
	 */
	private <I, B extends Bound<I>> void bind(Map<String, B> bound, String name, I instance,
			Function<String, Optional<I>> find, Function<I, B> create) {
		B current = bound.get(name);
		if (current != null && current.instance == instance) {
			return;
		}
		synchronized (this.binding) {
			current = bound.get(name);
			if ((current != null && current.instance == instance) || find.apply(name).orElse(null) != instance) {
				return;
			}
			if (current != null) {
				current.remove(this.meterRegistry);
			}
			bound.put(name, create.apply(instance));
		}
	}

	private <I, B extends Bound<I>> void unbind(Map<String, B> bound, String name, I instance) {
		synchronized (this.binding) {
			B current = bound.get(name);
			if (current != null && current.instance == instance) {
				bound.remove(name);
				current.remove(this.meterRegistry);
			}
		}
	}

	private @Nullable BreakerMeters boundBreakerMeters(String name) {
		BreakerMeters meters = this.breakers.get(name);
		if (meters == null) {
			this.registry.findCircuitBreaker(name).ifPresent(this::onCircuitBreakerCreated);
			meters = this.breakers.get(name);
		}
		return meters;
	}

	private @Nullable Counters<Retry> boundRetryCounters(String name) {
		Counters<Retry> counters = this.retries.get(name);
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

	private Counter[] hedgeCounters(String name) {
		HedgeOutcome[] outcomes = HedgeOutcome.values();
		Counter[] counters = new Counter[outcomes.length];
		for (HedgeOutcome outcome : outcomes) {
			counters[outcome.ordinal()] = Counter.builder("resilience.hedge.calls")
				.description("Hedged calls by whether the first attempt or a hedge won, or all failed")
				.tags("name", name, "outcome", tag(outcome))
				.register(this.meterRegistry);
		}
		return counters;
	}

	/**
	 * The gauges of a concurrency limit and its counters by outcome; it reports no
	 * {@code WAITED}: a call that waited for its slot is a permitted one.
	 */
	private Counters<ConcurrencyLimit> concurrencyLimitMeters(ConcurrencyLimit limit) {
		String name = limit.name();
		Counter[] counters = limitCounters("resilience.concurrencylimit.calls",
				"Calls by whether the concurrency limit gave them a slot", name, LimitOutcome.PERMITTED,
				LimitOutcome.REJECTED);
		Counters<ConcurrencyLimit> meters = new Counters<>(limit, counters);
		meters.meters.add(Gauge.builder("resilience.concurrencylimit.limit", limit, ConcurrencyLimit::limit)
			.description("Calls that may run at once, as the limit stands now")
			.tags("name", name)
			.strongReference(true)
			.register(this.meterRegistry));
		meters.meters.add(Gauge.builder("resilience.concurrencylimit.inflight", limit, ConcurrencyLimit::inFlight)
			.description("Calls running now")
			.tags("name", name)
			.strongReference(true)
			.register(this.meterRegistry));
		return meters;
	}

	private Counters<RateLimiter> rateLimiterMeters(RateLimiter limiter) {
		String name = limiter.name();
		Counter[] counters = limitCounters("resilience.ratelimiter.calls",
				"Calls by whether they started at once, after waiting for their turn, or were refused", name,
				LimitOutcome.values());
		Counters<RateLimiter> meters = new Counters<>(limiter, counters);
		meters.meters.add(Gauge.builder("resilience.ratelimiter.available", limiter, RateLimiter::available)
			.description("Calls that could start now without waiting")
			.tags("name", name)
			.strongReference(true)
			.register(this.meterRegistry));
		return meters;
	}

	/** One counter per outcome given, by ordinal; the others stay {@code null}. */
	private Counter[] limitCounters(String meter, String description, String name, LimitOutcome... outcomes) {
		Counter[] counters = new Counter[LimitOutcome.values().length];
		for (LimitOutcome outcome : outcomes) {
			counters[outcome.ordinal()] = Counter.builder(meter)
				.description(description)
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
	 * The meters bound to one instance, removed together with it.
	 *
	 * @param <I> the type of the instance
	 */
	private abstract static class Bound<I> {

		final I instance;

		final List<Meter> meters = new ArrayList<>();

		Bound(I instance) {
			this.instance = instance;
		}

		void remove(MeterRegistry meterRegistry) {
			this.meters.forEach(meterRegistry::remove);
		}

	}

	/**
	 * The counters of a retry, a time limiter, a limit or a hedge, by outcome, and the gauges of a limit.
	 *
	 * @param <I> the type of the instance
	 */
	private static final class Counters<I> extends Bound<I> {

		final @Nullable Counter[] byOutcome;

		Counters(I instance, @Nullable Counter[] byOutcome) {
			super(instance);
			this.byOutcome = byOutcome;
			for (Counter counter : byOutcome) {
				if (counter != null) {
					this.meters.add(counter);
				}
			}
		}

	}

	/**
	 * The meters of one circuit breaker: gauges that read it, a timer per call outcome, and a
	 * counter per pair of states it moved between, registered at its first such transition.
	 */
	private static final class BreakerMeters extends Bound<CircuitBreaker> {

		private static final int STATES = CircuitBreaker.State.values().length;

		final Timer[] calls;

		/** Guarded by the lock of the enclosing meters. */
		private final Counter[] transitions = new Counter[STATES * STATES];

		BreakerMeters(CircuitBreaker breaker, MeterRegistry meterRegistry) {
			super(breaker);
			String name = breaker.name();
			for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
				this.meters.add(Gauge
					.builder("resilience.circuitbreaker.state", breaker, (b) -> (b.state() == state) ? 1 : 0)
					.description("1 for the current state of the circuit breaker, 0 for the others")
					.tags("name", name, "state", tag(state))
					.strongReference(true)
					.register(meterRegistry));
			}
			this.meters.add(Gauge
				.builder("resilience.circuitbreaker.failure.rate", breaker, (b) -> b.metrics().failureRate())
				.description("Failures in percent of the calls in the window, -1 until minimum-calls were recorded")
				.tags("name", name)
				.strongReference(true)
				.register(meterRegistry));
			CallOutcome[] outcomes = CallOutcome.values();
			this.calls = new Timer[outcomes.length];
			for (CallOutcome outcome : outcomes) {
				this.calls[outcome.ordinal()] = Timer.builder("resilience.circuitbreaker.calls")
					.description("Calls through the circuit breaker by how they were recorded")
					.tags("name", name, "outcome", tag(outcome))
					.register(meterRegistry);
				this.meters.add(this.calls[outcome.ordinal()]);
			}
		}

		/** Returns the counter of transitions between two states, registering it the first time. */
		Counter transition(CircuitBreaker.State from, CircuitBreaker.State to, MeterRegistry meterRegistry) {
			int index = from.ordinal() * STATES + to.ordinal();
			Counter counter = this.transitions[index];
			if (counter == null) {
				counter = Counter.builder("resilience.circuitbreaker.transitions")
					.description("Circuit breaker state transitions")
					.tags("name", this.instance.name(), "from", tag(from), "to", tag(to))
					.register(meterRegistry);
				this.transitions[index] = counter;
				this.meters.add(counter);
			}
			return counter;
		}

	}

}

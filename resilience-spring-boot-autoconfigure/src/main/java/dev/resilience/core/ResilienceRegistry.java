package dev.resilience.core;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The named instances of an application: one circuit breaker, retry, time limiter, concurrency
 * limit, rate limiter and hedge per name,
 * created on first request with the settings of the {@link ConfigSource}, then shared by every
 * annotated method and every piece of code that asks for that name, until it is removed (the
 * HTTP client guards remove the instances of hosts they no longer keep).
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ResilienceRegistry {

	private final ConfigSource configs;

	private final Clock clock;

	private final Sleeper sleeper;

	private final Executor timeLimiterExecutor;

	private final DelayScheduler scheduler;

	private final @Nullable SharedStore sharedStore;

	private final ListenerList listeners = new ListenerList();

	private final List<InstanceListener> instanceListeners = new CopyOnWriteArrayList<>();

	private final Map<String, CircuitBreaker> circuitBreakers = new ConcurrentHashMap<>();

	private final Map<String, Retry> retries = new ConcurrentHashMap<>();

	private final Map<String, TimeLimiter> timeLimiters = new ConcurrentHashMap<>();

	private final Map<String, ConcurrencyLimit> concurrencyLimits = new ConcurrentHashMap<>();

	private final Map<String, RateLimiter> rateLimiters = new ConcurrentHashMap<>();

	private final Map<String, Hedge> hedges = new ConcurrentHashMap<>();

	/**
	 * Creates a registry whose asynchronous delays and time limits use the
	 * {@link DelayScheduler#system() shared scheduler}.
	 * @param configs supplies the settings of each name
	 * @param clock the source of time of every instance
	 * @param sleeper waits between retry attempts
	 * @param timeLimiterExecutor runs time-limited work
	 */
	public ResilienceRegistry(ConfigSource configs, Clock clock, Sleeper sleeper, Executor timeLimiterExecutor) {
		this(configs, clock, sleeper, timeLimiterExecutor, DelayScheduler.system());
	}

	/**
	 * Creates a registry.
	 * @param configs supplies the settings of each name
	 * @param clock the source of time of every instance
	 * @param sleeper waits between attempts of synchronous retries
	 * @param timeLimiterExecutor runs synchronous time-limited work
	 * @param scheduler waits between attempts of asynchronous retries and times asynchronous
	 * calls
	 */
	public ResilienceRegistry(ConfigSource configs, Clock clock, Sleeper sleeper, Executor timeLimiterExecutor,
			DelayScheduler scheduler) {
		this(configs, clock, sleeper, timeLimiterExecutor, scheduler, null);
	}

	/**
	 * Creates a registry whose rate limiters and retry budgets configured with
	 * {@link Store#REDIS} keep their state in a shared store.
	 * @param configs supplies the settings of each name
	 * @param clock the source of time of every instance
	 * @param sleeper waits between attempts of synchronous retries
	 * @param timeLimiterExecutor runs synchronous time-limited work
	 * @param scheduler waits between attempts of asynchronous retries and times asynchronous
	 * calls
	 * @param sharedStore keeps the state shared by the fleet, or {@code null} for none: every
	 * instance then keeps its state locally
	 */
	public ResilienceRegistry(ConfigSource configs, Clock clock, Sleeper sleeper, Executor timeLimiterExecutor,
			DelayScheduler scheduler, @Nullable SharedStore sharedStore) {
		this.configs = configs;
		this.clock = clock;
		this.sleeper = sleeper;
		this.timeLimiterExecutor = timeLimiterExecutor;
		this.scheduler = scheduler;
		this.sharedStore = sharedStore;
	}

	/**
	 * Subscribes a listener to the events of every instance, present and future.
	 * @param listener the listener
	 */
	public void addListener(ResilienceListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Subscribes a listener to the creation of instances from now on. Instances that exist
	 * already are not announced: a subscriber that needs all of them subscribes first, then
	 * walks {@link #circuitBreakers()}, {@link #retries()}, {@link #timeLimiters()},
	 * {@link #concurrencyLimits()}, {@link #rateLimiters()} and {@link #hedges()}, and
	 * takes an instance it meets twice in its stride.
	 * @param listener the listener
	 */
	public void addInstanceListener(InstanceListener listener) {
		this.instanceListeners.add(listener);
	}

	/**
	 * Returns the source of time of every instance, for layers that time calls themselves.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * Returns the scheduler of asynchronous delays and time limits, for layers that run
	 * asynchronous calls.
	 * @return the scheduler
	 */
	public DelayScheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Returns the listener that passes an event on to every subscribed listener, for layers
	 * that report events of their own (fallbacks).
	 * @return the listener of this registry
	 */
	public ResilienceListener events() {
		return this.listeners;
	}

	/**
	 * Returns the circuit breaker of that name, creating it with its configured settings.
	 * @param name the instance name
	 * @return the circuit breaker
	 */
	public CircuitBreaker circuitBreaker(String name) {
		return circuitBreaker(name, (builder) -> {
		});
	}

	/**
	 * Returns the circuit breaker of that name, creating it, if it does not exist yet, with the
	 * settings given in code layered under its configured settings.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the circuit breaker
	 */
	public CircuitBreaker circuitBreaker(String name, Consumer<CircuitBreakerConfig.Builder> fromCode) {
		return instance(this.circuitBreakers, name,
				(key) -> CircuitBreaker.of(key, this.configs.circuitBreaker(key, fromCode), this.clock, this.listeners),
				InstanceListener::onCircuitBreakerCreated);
	}

	/**
	 * Returns the retry of that name, creating it with its configured settings.
	 * @param name the instance name
	 * @return the retry
	 */
	public Retry retry(String name) {
		return retry(name, (builder) -> {
		});
	}

	/**
	 * Returns the retry of that name, creating it, if it does not exist yet, with the settings
	 * given in code layered under its configured settings.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the retry
	 */
	public Retry retry(String name, Consumer<RetryConfig.Builder> fromCode) {
		return instance(this.retries, name,
				(key) -> createRetry(key, this.configs.retry(key, fromCode)),
				InstanceListener::onRetryCreated);
	}

	/**
	 * Returns the time limiter of that name, creating it with its configured settings.
	 * @param name the instance name
	 * @return the time limiter
	 */
	public TimeLimiter timeLimiter(String name) {
		return timeLimiter(name, (builder) -> {
		});
	}

	/**
	 * Returns the time limiter of that name, creating it, if it does not exist yet, with the
	 * settings given in code layered under its configured settings.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the time limiter
	 */
	public TimeLimiter timeLimiter(String name, Consumer<TimeLimiterConfig.Builder> fromCode) {
		return instance(this.timeLimiters, name, (key) -> TimeLimiter.of(key, this.configs.timeLimiter(key, fromCode),
				this.timeLimiterExecutor, this.scheduler, this.clock, this.listeners), InstanceListener::onTimeLimiterCreated);
	}

	/**
	 * Returns the concurrency limit of that name, creating it with its configured settings.
	 * @param name the instance name
	 * @return the concurrency limit
	 */
	public ConcurrencyLimit concurrencyLimit(String name) {
		return concurrencyLimit(name, (builder) -> {
		});
	}

	/**
	 * Returns the concurrency limit of that name, creating it, if it does not exist yet, with the
	 * settings given in code layered under its configured settings.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the concurrency limit
	 */
	public ConcurrencyLimit concurrencyLimit(String name, Consumer<ConcurrencyLimitConfig.Builder> fromCode) {
		return instance(this.concurrencyLimits, name, (key) -> ConcurrencyLimit.of(key,
				this.configs.concurrencyLimit(key, fromCode), this.clock, this.scheduler, this.listeners),
				InstanceListener::onConcurrencyLimitCreated);
	}

	/**
	 * Returns the rate limiter of that name, creating it with its configured settings.
	 * @param name the instance name
	 * @return the rate limiter
	 */
	public RateLimiter rateLimiter(String name) {
		return rateLimiter(name, (builder) -> {
		});
	}

	/**
	 * Returns the rate limiter of that name, creating it, if it does not exist yet, with the
	 * settings given in code layered under its configured settings.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the rate limiter
	 */
	public RateLimiter rateLimiter(String name, Consumer<RateLimiterConfig.Builder> fromCode) {
		return instance(this.rateLimiters, name, (key) -> createRateLimiter(key, this.configs.rateLimiter(key, fromCode)),
				InstanceListener::onRateLimiterCreated);
	}

	/**
	 * Returns the hedge of that name, creating it with its configured settings.
	 * @param name the instance name
	 * @return the hedge
	 */
	public Hedge hedge(String name) {
		return hedge(name, (builder) -> {
		});
	}

	/**
	 * Returns the hedge of that name, creating it, if it does not exist yet, with the settings
	 * given in code layered under its configured settings. Its synchronous attempts run on the
	 * time limiter's executor, its hedges are sent by the scheduler.
	 * @param name the instance name
	 * @param fromCode settings given in code
	 * @return the hedge
	 */
	public Hedge hedge(String name, Consumer<HedgeConfig.Builder> fromCode) {
		return instance(this.hedges, name, (key) -> Hedge.of(key, this.configs.hedge(key, fromCode),
				this.timeLimiterExecutor, this.scheduler, this.clock, this.listeners), InstanceListener::onHedgeCreated);
	}

	private Retry createRetry(String name, RetryConfig config) {
		return Retry.of(name, config, createRetryBudget(name, config.budget()), this.clock, this.sleeper,
				this.listeners);
	}

	private RetryBudget createRetryBudget(String name, RetryBudgetConfig config) {
		SharedStore shared = this.sharedStore;
		if (!config.enabled() || config.store() != Store.REDIS || shared == null) {
			return RetryBudget.of(config, this.clock);
		}
		return shared.retryBudget(name, config, circuitBreaker(SharedStore.PROBE_NAME), this.clock, this.listeners);
	}

	private RateLimiter createRateLimiter(String name, RateLimiterConfig config) {
		SharedStore shared = this.sharedStore;
		if (config.store() != Store.REDIS || shared == null) {
			return RateLimiter.of(name, config, this.clock, this.sleeper, this.listeners);
		}
		return shared.rateLimiter(name, config, circuitBreaker(SharedStore.PROBE_NAME), this.clock, this.sleeper,
				this.listeners);
	}

	/**
	 * Whether a rate limiter of that name is configured for it alone (not only by the defaults),
	 * so that a layer that applies rate limits only where asked (the HTTP client guards, per
	 * host) knows to apply one.
	 * @param name the instance name
	 * @return true if the instance has settings of its own
	 */
	public boolean isRateLimiterConfigured(String name) {
		return this.configs.hasRateLimiter(name);
	}

	/** Returns the existing circuit breaker of that name, if any. */
	public Optional<CircuitBreaker> findCircuitBreaker(String name) {
		return Optional.ofNullable(this.circuitBreakers.get(name));
	}

	/** Returns the existing retry of that name, if any. */
	public Optional<Retry> findRetry(String name) {
		return Optional.ofNullable(this.retries.get(name));
	}

	/** Returns the existing time limiter of that name, if any. */
	public Optional<TimeLimiter> findTimeLimiter(String name) {
		return Optional.ofNullable(this.timeLimiters.get(name));
	}

	/** Returns the existing concurrency limit of that name, if any. */
	public Optional<ConcurrencyLimit> findConcurrencyLimit(String name) {
		return Optional.ofNullable(this.concurrencyLimits.get(name));
	}

	/** Returns the existing rate limiter of that name, if any. */
	public Optional<RateLimiter> findRateLimiter(String name) {
		return Optional.ofNullable(this.rateLimiters.get(name));
	}

	/** Returns the existing hedge of that name, if any. */
	public Optional<Hedge> findHedge(String name) {
		return Optional.ofNullable(this.hedges.get(name));
	}

	/**
	 * Removes a circuit breaker, if it is still the instance of its name, and announces the
	 * removal to the instance listeners (which unregister its meters, for example). It is no
	 * longer found, listed, shown by the endpoints and health, or metered; code that still holds
	 * it may go on using it, and the next request of its name creates a new instance.
	 * @param circuitBreaker the instance to remove
	 * @return true if it was removed, false if its name no longer names it
	 */
	public boolean removeCircuitBreaker(CircuitBreaker circuitBreaker) {
		return remove(this.circuitBreakers, circuitBreaker.name(), circuitBreaker,
				InstanceListener::onCircuitBreakerRemoved);
	}

	/**
	 * Removes a retry, if it is still the instance of its name, and announces the removal, as
	 * {@link #removeCircuitBreaker(CircuitBreaker)} does.
	 * @param retry the instance to remove
	 * @return true if it was removed, false if its name no longer names it
	 */
	public boolean removeRetry(Retry retry) {
		return remove(this.retries, retry.name(), retry, InstanceListener::onRetryRemoved);
	}

	/**
	 * Removes a time limiter, if it is still the instance of its name, and announces the removal,
	 * as {@link #removeCircuitBreaker(CircuitBreaker)} does.
	 * @param timeLimiter the instance to remove
	 * @return true if it was removed, false if its name no longer names it
	 */
	public boolean removeTimeLimiter(TimeLimiter timeLimiter) {
		return remove(this.timeLimiters, timeLimiter.name(), timeLimiter, InstanceListener::onTimeLimiterRemoved);
	}

	/**
	 * Removes a rate limiter, if it is still the instance of its name, and announces the removal,
	 * as {@link #removeCircuitBreaker(CircuitBreaker)} does.
	 * @param rateLimiter the instance to remove
	 * @return true if it was removed, false if its name no longer names it
	 */
	public boolean removeRateLimiter(RateLimiter rateLimiter) {
		return remove(this.rateLimiters, rateLimiter.name(), rateLimiter, InstanceListener::onRateLimiterRemoved);
	}

	/** Returns the existing circuit breakers, ordered by name. */
	public Collection<CircuitBreaker> circuitBreakers() {
		return sorted(this.circuitBreakers);
	}

	/** Returns the existing retries, ordered by name. */
	public Collection<Retry> retries() {
		return sorted(this.retries);
	}

	/** Returns the existing time limiters, ordered by name. */
	public Collection<TimeLimiter> timeLimiters() {
		return sorted(this.timeLimiters);
	}

	/** Returns the existing concurrency limits, ordered by name. */
	public Collection<ConcurrencyLimit> concurrencyLimits() {
		return sorted(this.concurrencyLimits);
	}

	/** Returns the existing rate limiters, ordered by name. */
	public Collection<RateLimiter> rateLimiters() {
		return sorted(this.rateLimiters);
	}

	/** Returns the existing hedges, ordered by name. */
	public Collection<Hedge> hedges() {
		return sorted(this.hedges);
	}

	/**
	 * Resets every instance this registry holds, as each kind's {@code reset()} describes: circuit
	 * breakers closed with empty windows, counts at zero, budgets and rate limit windows emptied,
	 * adaptive concurrency limits at their configured limit, hedges' latency forgotten. Instances
	 * stay registered, with their settings, meters and listeners. Meant for tests that share an
	 * application context; calls running meanwhile go on.
	 * @since 0.3.0
	 */
	public void reset() {
		this.circuitBreakers.values().forEach(CircuitBreaker::reset);
		this.retries.values().forEach(Retry::reset);
		this.timeLimiters.values().forEach(TimeLimiter::reset);
		this.concurrencyLimits.values().forEach(ConcurrencyLimit::reset);
		this.rateLimiters.values().forEach(RateLimiter::reset);
		this.hedges.values().forEach(Hedge::reset);
	}

	/**
	 * Returns the instance of that name, creating and announcing it if it does not exist yet.
	 * Two threads that race to create one name may both build an instance (neither has side
	 * effects until used); only the one stored is returned to both and announced, once, after
	 * it can be found.
	 */
	private <T> T instance(Map<String, T> instances, String name, Function<String, T> create,
			InstanceAnnouncement<T> announcement) {
		T existing = instances.get(name);
		if (existing != null) {
			return existing;
		}
		T created = create.apply(name);
		existing = instances.putIfAbsent(name, created);
		if (existing != null) {
			return existing;
		}
		announce(announcement, created);
		return created;
	}

	/**
	 * Removes the instance if its name still maps to it and announces the removal, once, after
	 * it can no longer be found.
	 */
	private <T> boolean remove(Map<String, T> instances, String name, T instance,
			InstanceAnnouncement<T> announcement) {
		if (!instances.remove(name, instance)) {
			return false;
		}
		announce(announcement, instance);
		return true;
	}

	private <T> void announce(InstanceAnnouncement<T> announcement, T instance) {
		for (InstanceListener listener : this.instanceListeners) {
			try {
				announcement.announce(listener, instance);
			}
			catch (RuntimeException ex) {
				System.getLogger(ResilienceRegistry.class.getName())
					.log(System.Logger.Level.WARNING, "Instance listener " + listener + " failed", ex);
			}
		}
	}

	private static <T> Collection<T> sorted(Map<String, T> instances) {
		return Collections.unmodifiableCollection(new TreeMap<>(instances).values());
	}

	/**
	 * Hears of each instance a registry creates, for example to register its meters at once so
	 * that they show zero rather than nothing, and of each instance it removes, to unregister
	 * them. Called on the creating (removing) thread, once per instance, after the instance can
	 * (no longer) be found in the registry; every method has an empty default. An instance of a
	 * name may be removed and a new one of the same name created; the instance given tells them
	 * apart.
	 *
	 * @since 0.1.0
	 */
	public interface InstanceListener {

		/**
		 * A circuit breaker was created.
		 * @param circuitBreaker the new instance
		 */
		default void onCircuitBreakerCreated(CircuitBreaker circuitBreaker) {
		}

		/**
		 * A retry was created.
		 * @param retry the new instance
		 */
		default void onRetryCreated(Retry retry) {
		}

		/**
		 * A time limiter was created.
		 * @param timeLimiter the new instance
		 */
		default void onTimeLimiterCreated(TimeLimiter timeLimiter) {
		}

		/**
		 * A concurrency limit was created.
		 * @param concurrencyLimit the new instance
		 */
		default void onConcurrencyLimitCreated(ConcurrencyLimit concurrencyLimit) {
		}

		/**
		 * A rate limiter was created.
		 * @param rateLimiter the new instance
		 */
		default void onRateLimiterCreated(RateLimiter rateLimiter) {
		}

		/**
		 * A hedge was created.
		 * @param hedge the new instance
		 */
		default void onHedgeCreated(Hedge hedge) {
		}

		/**
		 * A circuit breaker was removed.
		 * @param circuitBreaker the removed instance
		 */
		default void onCircuitBreakerRemoved(CircuitBreaker circuitBreaker) {
		}

		/**
		 * A retry was removed.
		 * @param retry the removed instance
		 */
		default void onRetryRemoved(Retry retry) {
		}

		/**
		 * A time limiter was removed.
		 * @param timeLimiter the removed instance
		 */
		default void onTimeLimiterRemoved(TimeLimiter timeLimiter) {
		}

		/**
		 * A rate limiter was removed.
		 * @param rateLimiter the removed instance
		 */
		default void onRateLimiterRemoved(RateLimiter rateLimiter) {
		}

	}

	@FunctionalInterface
	private interface InstanceAnnouncement<T> {

		void announce(InstanceListener listener, T instance);

	}

}

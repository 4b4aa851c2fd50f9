package dev.resilience.redis;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;
import dev.resilience.core.ResilienceListener;

/**
 * Decides through Redis while it answers, else locally, and says which. Every call to Redis goes
 * through the given circuit breaker (the one named {@code resilience-redis}), timed by the clock;
 * a call Redis does not answer, or one the breaker rejects, is decided by the local twin instead.
 * The switch to the local twin is logged once at WARN and the return at INFO, in the owner's log.
 *
 * <p>Thread-safe.
 */
final class StoreSwitch {

	private final String name;

	/** Such as {@code Rate limiter 'orders'}, to start a log line with. */
	private final String subject;

	/** Such as {@code rate limiter 'orders'}, to name the instance inside a log line. */
	private final String instance;

	private final CircuitBreaker breaker;

	private final Clock clock;

	private final ResilienceListener listener;

	private final Log logger;

	private final AtomicBoolean decidingLocally = new AtomicBoolean();

	private final AtomicLong fallbacks = new AtomicLong();

	/**
	 * Creates the switch, deciding through Redis until it fails.
	 * @param kind what decides, in lower case, such as {@code rate limiter}
	 * @param name the instance name, reported to the listener
	 * @param breaker guards the calls to Redis
	 * @param clock times the calls to Redis
	 * @param listener receives the decisions made locally
	 * @param logger the owner's log, for the switches
	 */
	StoreSwitch(String kind, String name, CircuitBreaker breaker, Clock clock, ResilienceListener listener,
			Log logger) {
		this.name = name;
		this.instance = kind + " '" + name + "'";
		this.subject = Character.toUpperCase(this.instance.charAt(0)) + this.instance.substring(1);
		this.breaker = breaker;
		this.clock = clock;
		this.listener = listener;
		this.logger = logger;
	}

	/**
	 * Returns the decision of Redis, or else that of the local twin, counted in
	 * {@link #fallbacks()} and reported to the listener.
	 * @param <T> the type of the decision
	 * @param redis asks Redis
	 * @param local asks the local twin
	 * @return the decision
	 */
	<T> T decide(RedisCall<T> redis, Supplier<T> local) {
		T decision = ask(redis);
		if (decision != null) {
			return decision;
		}
		this.fallbacks.incrementAndGet();
		reportFallback();
		return local.get();
	}

	/**
	 * Returns the answer of Redis, or else that of the local twin, not counted as a decision.
	 * @param <T> the type of the answer
	 * @param redis asks Redis
	 * @param local asks the local twin
	 * @return the answer
	 */
	<T> T read(RedisCall<T> redis, Supplier<T> local) {
		T answer = ask(redis);
		return (answer != null) ? answer : local.get();
	}

	/**
	 * Returns which store decides now.
	 * @return {@value RedisRateLimiter#STORE_REDIS}, or {@value RedisRateLimiter#STORE_LOCAL}
	 * after Redis failed to decide, until it decides again
	 */
	String store() {
		return this.decidingLocally.get() ? RedisRateLimiter.STORE_LOCAL : RedisRateLimiter.STORE_REDIS;
	}

	/**
	 * Returns how many decisions the local twin made because Redis did not, since start-up.
	 * @return the count of decisions made locally
	 */
	long fallbacks() {
		return this.fallbacks.get();
	}

	/** Returns the answer of Redis, or {@code null} when it gave none. */
	private <T> @Nullable T ask(RedisCall<T> redis) {
		CircuitBreaker.Permit permit = permit();
		if (permit != null) {
			long start = this.clock.nanoTime();
			try {
				T answer = redis.call();
				succeeded(permit, start);
				return answer;
			}
			catch (RedisUnavailableException ex) {
				failed(permit, start, ex);
			}
		}
		return null;
	}

	/** Returns a permit to ask Redis, or {@code null} when the breaker rejects the call. */
	private CircuitBreaker.@Nullable Permit permit() {
		try {
			return this.breaker.acquirePermit();
		}
		catch (CallNotPermittedException ex) {
			decideLocally("circuit breaker '" + this.breaker.name() + "' is open");
			return null;
		}
	}

	private void succeeded(CircuitBreaker.Permit permit, long start) {
		permit.onSuccess(this.clock.nanoTime() - start);
		if (this.decidingLocally.get() && this.decidingLocally.compareAndSet(true, false)) {
			this.logger.info(this.subject + " decides through Redis again");
		}
	}

	private void failed(CircuitBreaker.Permit permit, long start, RedisUnavailableException failure) {
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		if (cause instanceof InterruptedException) {
			// the caller gave up waiting, Redis did not fail
			permit.release();
			return;
		}
		permit.onError(this.clock.nanoTime() - start, failure);
		decideLocally(cause.getClass().getSimpleName());
	}

	private void decideLocally(String reason) {
		if (!this.decidingLocally.get() && this.decidingLocally.compareAndSet(false, true)) {
			this.logger.warn(this.subject + " decides locally: Redis is unavailable (" + reason + ")");
		}
	}

	private void reportFallback() {
		try {
			this.listener.onSharedStoreFallback(this.name);
		}
		catch (RuntimeException ex) {
			this.logger.warn("Listener of " + this.instance + " failed; the call goes on", ex);
		}
	}

	/**
	 * A call to Redis.
	 *
	 * @param <T> the type of its answer
	 */
	@FunctionalInterface
	interface RedisCall<T> {

		/**
		 * Asks Redis.
		 * @return the answer, never {@code null}
		 * @throws RedisUnavailableException if Redis gave no answer
		 */
		T call() throws RedisUnavailableException;

	}

}

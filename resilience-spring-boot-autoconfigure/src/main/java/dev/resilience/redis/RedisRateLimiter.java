package dev.resilience.redis;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;
import dev.resilience.core.LimitExceededException;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceListener.LimitOutcome;
import dev.resilience.core.Sleeper;

/**
 * A {@link RateLimiter} whose rolling window lives in Redis, under
 * {@code <key-prefix>ratelimiter:<name>}, so that every instance of an application that uses the
 * same key shares one bound: at most {@code limit} starts in any period, whichever instance
 * makes them. Its decisions are exactly those of the local rate limiter, made by a Lua script in
 * one round trip (see {@link RedisRollingWindow} for the key, its expiry and the clocks).
 *
 * <p>Redis never fails a call nor makes one wait longer than the {@link RedisScripts#timeout()
 * timeout}: a decision Redis does not make in time, or at all, is made by a local rate limiter of
 * the same settings, created once, and so is every decision while the given circuit breaker
 * (the one named {@code resilience-redis}) rejects calls to Redis; its half-open trial calls find
 * out when Redis answers again. The switch to the local limiter is logged once at WARN and the
 * return at INFO; {@link #store()} tells which one decides and {@link #fallbacks()} counts the
 * decisions made locally. The local limiter also counts the starts Redis permits, so a switch to
 * it permits no more than the instance alone would have started; the starts it permits are
 * unknown to Redis, so for one period after the return the fleet may start that many more.
 *
 * <p>The {@link #metrics()} and the listener count every decision, whichever store made it;
 * {@link #available()} reads Redis through the same breaker and timeout, and else the local
 * limiter.
 *
 * <p>Cost: one round trip to Redis per decision (one {@code EVALSHA}), none while the breaker is
 * open. Memory per instance: the local limiter's 8 bytes per unit of {@code limit} and about two
 * hundred bytes of fields; in Redis, one key of at most {@code limit} entries, about 20 bytes
 * each.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public final class RedisRateLimiter implements RateLimiter {

	/** What {@link #store()} returns while Redis decides. */
	public static final String STORE_REDIS = "redis";

	/** What {@link #store()} returns while the local limiter decides. */
	public static final String STORE_LOCAL = "local (redis unavailable)";

	private static final Log logger = LogFactory.getLog(RedisRateLimiter.class);

	private static final ResilienceListener NO_LISTENER = new ResilienceListener() {
	};

	private final String name;

	private final RateLimiterConfig config;

	private final RedisRollingWindow window;

	private final RateLimiter local;

	private final StoreSwitch storeSwitch;

	private final Sleeper sleeper;

	private final ResilienceListener listener;

	private final Object lock = new Object();

	/** Calls given a start; like the other counts, guarded by the lock. */
	private long permitted;

	private long waited;

	private long rejected;

	/**
	 * Creates the rate limiter, and loads its scripts into Redis.
	 * @param name the instance name
	 * @param config the settings, the same on every instance that shares the key
	 * @param redis runs the scripts, bounded by its timeout
	 * @param keyPrefix the start of the key, such as {@code resilience:orders-service:}
	 * @param breaker guards the calls to Redis
	 * @param clock the source of time, its wall-clock microseconds for Redis
	 * @param sleeper waits for a call's turn in {@link #acquire}
	 * @param listener receives how each call fared
	 */
	public RedisRateLimiter(String name, RateLimiterConfig config, RedisScripts redis, String keyPrefix,
			CircuitBreaker breaker, Clock clock, Sleeper sleeper, ResilienceListener listener) {
		this.name = name;
		this.config = config;
		this.window = new RedisRollingWindow(redis, keyPrefix + "ratelimiter:" + name, config, clock);
		this.local = RateLimiter.of(name, config, clock, sleeper, NO_LISTENER);
		this.storeSwitch = new StoreSwitch("rate limiter", name, breaker, clock, listener, logger);
		this.sleeper = sleeper;
		this.listener = listener;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public RateLimiterConfig config() {
		return this.config;
	}

	@Override
	public long reserve(@Nullable Deadline deadline) {
		// a call whose deadline has passed is refused even when it could start now
		long wait = (deadline != null && deadline.isExpired()) ? REFUSED : decide(deadline);
		synchronized (this.lock) {
			if (wait == REFUSED) {
				this.rejected++;
			}
			else {
				this.permitted++;
				if (wait > 0) {
					this.waited++;
				}
			}
		}
		report((wait == 0) ? LimitOutcome.PERMITTED : (wait > 0) ? LimitOutcome.WAITED : LimitOutcome.REJECTED);
		return wait;
	}

	private long decide(@Nullable Deadline deadline) {
		return this.storeSwitch.decide(() -> reservedByRedis(deadline), () -> this.local.reserve(deadline));
	}

	/**
	 * Asks Redis. A start it permits is counted by the local limiter too, so that a switch to the
	 * local limiter finds the starts this instance made, instead of a full period to spend again.
	 */
	private long reservedByRedis(@Nullable Deadline deadline) throws RedisUnavailableException {
		long wait = this.window.reserve(deadline);
		if (wait != REFUSED) {
			this.local.reserve(null);
		}
		return wait;
	}

	@Override
	public void acquire(@Nullable Deadline deadline) throws InterruptedException {
		long wait = reserve(deadline);
		if (wait == REFUSED) {
			throw refused();
		}
		if (wait > 0) {
			this.sleeper.sleep(wait);
		}
	}

	@Override
	public LimitExceededException refused() {
		return this.local.refused();
	}

	/**
	 * Returns how many calls could start now without waiting, by Redis when it answers within the
	 * timeout, else by the local limiter.
	 * @return from 0 to {@code limit}
	 */
	@Override
	public int available() {
		return this.storeSwitch.read(this.window::available, this.local::available);
	}

	@Override
	public Metrics metrics() {
		synchronized (this.lock) {
			return new Metrics(this.permitted, this.waited, this.rejected);
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>Empties the local limiter and the counts, and deletes the window's key in Redis, so that
	 * the window is empty for every instance that shares it (their own local limiters and counts
	 * stay as they are). When Redis does not answer within the timeout the key is left to expire
	 * by itself, and a warning is logged. Which store decides and {@link #fallbacks()} are left as
	 * they are: they say how Redis fares, not what the calls did.
	 */
	@Override
	public void reset() {
		this.local.reset();
		synchronized (this.lock) {
			this.permitted = 0;
			this.waited = 0;
			this.rejected = 0;
		}
		this.window.clear("Rate limiter '" + this.name + "'", logger);
	}

	/**
	 * Returns which store decides now.
	 * @return {@value #STORE_REDIS}, or {@value #STORE_LOCAL} after Redis failed to decide, until
	 * it decides again
	 */
	public String store() {
		return this.storeSwitch.store();
	}

	/**
	 * Returns how many decisions the local limiter made because Redis did not, since start-up.
	 * @return the count of decisions made locally
	 */
	public long fallbacks() {
		return this.storeSwitch.fallbacks();
	}

	private void report(LimitOutcome outcome) {
		try {
			this.listener.onRateLimiterCall(this.name, outcome);
		}
		catch (RuntimeException ex) {
			logger.warn("Listener of rate limiter '" + this.name + "' failed; the call goes on", ex);
		}
	}

}

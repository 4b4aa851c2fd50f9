package dev.resilience.redis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.RetryBudget;
import dev.resilience.core.RetryBudgetConfig;

/**
 * A {@link RetryBudget} counted in Redis, under {@code <key-prefix>retrybudget:<name>}, so that
 * every instance of an application that uses the same key shares one bound: over any window, the
 * retries of all instances stay within {@code minPerSecond x window-seconds + ratio x first
 * attempts} of all instances. Its decisions are those of the local budget (ten slots per window;
 * a retry counted until a whole window after it, a first attempt only while its whole slot lies
 * inside the window), made by a Lua script ({@code retry-budget-decide.lua}) on a hash of counts
 * per slot, atomically, in one round trip.
 *
 * <p>A first attempt costs no round trip: it is counted here, in a ring of the window's slots,
 * and sent with the next decision, in the slot it happened in. Until then the other instances do
 * not know of it, and first attempts older than a window when the decision comes are not sent at
 * all; so sending them late only makes the budget stricter, never looser. First attempts sent
 * with a decision Redis does not make are dropped, for the same reason: Redis may have counted
 * them all the same.
 *
 * <p>Redis never fails a call nor makes one wait longer than the {@link RedisScripts#timeout()
 * timeout}: a decision Redis does not make in time, or at all, is made by a local budget of the
 * same settings, which counts every first attempt too, and so is every decision while the given
 * circuit breaker (the one named {@code resilience-redis}) rejects calls to Redis. The switch to
 * the local budget is logged once at WARN and the return at INFO; {@link #store()} tells which
 * one decides and {@link #fallbacks()} counts the decisions made locally, each also reported to
 * {@link ResilienceListener#onSharedStoreFallback}. The local budget also counts the retries
 * Redis grants, so a switch to it grants no more than the instance's own budget would have; the
 * retries it grants are unknown to Redis, so for one window after the return the fleet may retry
 * that many more.
 * {@link #exhausted()} counts the refusals of both.
 *
 * <p>The instances' wall clocks ({@link Clock#currentTimeMicros()}) must agree (NTP): the slots
 * are taken from them. Every instance sharing the key must use the same settings.
 *
 * <p>Cost: one round trip per retry decision (one {@code EVALSHA}), none per first attempt and
 * none while the breaker is open. In Redis, one hash of at most 22 small fields, which expires by
 * itself a window and a slot after its latest retry.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public final class RedisRetryBudget implements RetryBudget {

	static final LuaScript DECIDE = LuaScript.of("retry-budget-decide.lua");

	private static final int SLOTS_PER_WINDOW = 10;

	/** The slots of one window plus the current one, as in the local budget. */
	private static final int RING = SLOTS_PER_WINDOW + 1;

	private static final byte[] ACQUIRE = ascii(1);

	private static final byte[] ASK = ascii(0);

	private static final Log logger = LogFactory.getLog(RedisRetryBudget.class);

	private final String name;

	private final boolean enabled;

	private final RedisScripts scripts;

	private final byte[] key;

	private final long slotMicros;

	private final byte[] slotLength;

	private final byte[] minimum;

	private final byte[] ratio;

	private final RetryBudget local;

	private final StoreSwitch storeSwitch;

	private final Clock clock;

	private final Object lock = new Object();

	/** The slots of the first attempts not sent yet; like their counts, guarded by the lock. */
	private final long[] pendingSlots = new long[RING];

	private final long[] pendingCounts = new long[RING];

	private final LongAdder exhausted = new LongAdder();

	/**
	 * Creates the budget, and loads its script into Redis.
	 * @param name the name of the retry instance
	 * @param config the settings, the same on every instance that shares the key
	 * @param redis runs the script, bounded by its timeout
	 * @param keyPrefix the start of the key, such as {@code resilience:orders-service:}
	 * @param breaker guards the calls to Redis
	 * @param clock the source of time, its wall-clock microseconds for Redis
	 * @param listener receives the decisions made locally
	 */
	public RedisRetryBudget(String name, RetryBudgetConfig config, RedisScripts redis, String keyPrefix,
			CircuitBreaker breaker, Clock clock, ResilienceListener listener) {
		this.name = name;
		this.enabled = config.enabled();
		this.scripts = redis;
		this.key = (keyPrefix + "retrybudget:" + name).getBytes(StandardCharsets.UTF_8);
		long windowNanos = config.window().toNanos();
		this.slotMicros = Math.max(1, windowNanos / SLOTS_PER_WINDOW / 1000);
		this.slotLength = ascii(this.slotMicros);
		// the same double as the local budget's, which Lua reads back exactly
		this.minimum = ascii(Double.toString(config.minPerSecond() * (windowNanos / 1e9)));
		this.ratio = ascii(Double.toString(config.ratio()));
		this.local = RetryBudget.of(config, clock);
		this.storeSwitch = new StoreSwitch("retry budget", name, breaker, clock, listener, logger);
		this.clock = clock;
		redis.load(DECIDE);
	}

	@Override
	public void recordFirstAttempt() {
		if (!this.enabled) {
			return;
		}
		this.local.recordFirstAttempt();
		long slot = Math.floorDiv(this.clock.currentTimeMicros(), this.slotMicros);
		int i = Math.floorMod(slot, RING);
		synchronized (this.lock) {
			if (this.pendingSlots[i] != slot) {
				this.pendingSlots[i] = slot;
				this.pendingCounts[i] = 0;
			}
			this.pendingCounts[i]++;
		}
	}

	@Override
	public boolean tryAcquireRetry() {
		return decide(true);
	}

	@Override
	public boolean hasRoomForRetry() {
		return decide(false);
	}

	private boolean decide(boolean acquire) {
		if (!this.enabled) {
			return true;
		}
		boolean granted = decideInRedisOrLocally(acquire);
		if (!granted) {
			this.exhausted.increment();
		}
		return granted;
	}

	private boolean decideInRedisOrLocally(boolean acquire) {
		return this.storeSwitch.decide(() -> grantedByRedis(acquire),
				() -> acquire ? this.local.tryAcquireRetry() : this.local.hasRoomForRetry());
	}

	/**
	 * Asks Redis. A retry it grants is counted by the local budget too, so that a switch to the
	 * local budget finds the retries this instance made, instead of a full window to spend again.
	 */
	private boolean grantedByRedis(boolean acquire) throws RedisUnavailableException {
		boolean granted = this.scripts.run(DECIDE, this.key, arguments(acquire)) == 1;
		if (granted && acquire) {
			this.local.tryAcquireRetry();
		}
		return granted;
	}

	/** Returns the script's arguments, taking the first attempts of the window not sent yet. */
	private byte[][] arguments(boolean acquire) {
		long now = this.clock.currentTimeMicros();
		long slot = Math.floorDiv(now, this.slotMicros);
		long[] pending = new long[2 * RING];
		int size = 0;
		synchronized (this.lock) {
			for (int i = 0; i < RING; i++) {
				long pendingSlot = this.pendingSlots[i];
				if (this.pendingCounts[i] > 0 && pendingSlot > slot - SLOTS_PER_WINDOW && pendingSlot <= slot) {
					pending[size++] = pendingSlot;
					pending[size++] = this.pendingCounts[i];
				}
				this.pendingCounts[i] = 0;
			}
		}
		byte[][] arguments = new byte[5 + size][];
		arguments[0] = ascii(now);
		arguments[1] = this.slotLength;
		arguments[2] = this.minimum;
		arguments[3] = this.ratio;
		arguments[4] = acquire ? ACQUIRE : ASK;
		for (int i = 0; i < size; i++) {
			arguments[5 + i] = ascii(pending[i]);
		}
		return arguments;
	}

	@Override
	public long exhausted() {
		return this.exhausted.sum();
	}

	/**
	 * {@inheritDoc}
	 * <p>Empties the local budget, drops the first attempts not sent yet, sets
	 * {@link #exhausted()} back to zero and deletes the budget's key in Redis, so that the budget
	 * is empty for every instance that shares it (their own local budgets stay as they are). When
	 * Redis does not answer within the timeout the key is left to expire by itself, and a warning
	 * is logged. Which store decides and {@link #fallbacks()} are left as they are: they say how
	 * Redis fares, not what the calls did.
	 */
	@Override
	public void reset() {
		if (!this.enabled) {
			return;
		}
		this.local.reset();
		synchronized (this.lock) {
			Arrays.fill(this.pendingCounts, 0);
		}
		this.exhausted.reset();
		SharedStateKey.delete(this.scripts, this.key, "Retry budget '" + this.name + "'", logger);
	}

	/**
	 * Returns which store decides now.
	 * @return {@value RedisRateLimiter#STORE_REDIS}, or {@value RedisRateLimiter#STORE_LOCAL}
	 * after Redis failed to decide, until it decides again
	 */
	@Override
	public String store() {
		return this.storeSwitch.store();
	}

	/**
	 * Returns how many decisions the local budget made because Redis did not, since start-up.
	 * @return the count of decisions made locally
	 */
	public long fallbacks() {
		return this.storeSwitch.fallbacks();
	}

	private static byte[] ascii(long value) {
		return ascii(Long.toString(value));
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

}

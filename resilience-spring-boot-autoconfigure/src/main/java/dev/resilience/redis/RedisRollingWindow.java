package dev.resilience.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.RateLimiterConfig;

/**
 * The rolling window of a rate limiter kept in Redis: the reserved starts of the last
 * {@code limit} calls of every instance, as a list under one key, and the decisions of
 * {@code RollingWindowRateLimiter} made on it by a Lua script, atomically, in one round trip. The
 * script takes the time from the caller's {@link Clock#currentTimeMicros() wall clock}, so the
 * instances' clocks must agree (NTP): a skew of {@code s} lets at most the starts of {@code s}
 * more time through. Every instance sharing the key must use the same limit and period.
 *
 * <p>The key holds at most {@code limit} entries, each a start in microseconds as 16 decimal
 * digits (about 20 bytes in Redis, so at most about 200 KB for
 * {@link RateLimiterConfig.Builder#MAX_LIMIT}), and expires by itself one period after its
 * latest start, at most {@code period + max-wait} after the last reservation. A decision is one
 * {@code EVALSHA} and a handful of list commands, each O(1); {@link #available()} reads the
 * list, O({@code limit}) inside Redis.
 *
 * <p>Times are whole microseconds: the period is rounded up, the wait and the time left before a
 * deadline are compared exactly, and periods and waits longer than about 71 years count as that.
 *
 * <p>Thread-safe.
 */
final class RedisRollingWindow {

	static final LuaScript RESERVE = LuaScript.of("rolling-window-reserve.lua");

	static final LuaScript AVAILABLE = LuaScript.of("rolling-window-available.lua");

	/**
	 * Longest period or wait, 2^51 microseconds (about 71 years): keeps every time the script
	 * computes below 2^53, where Lua's numbers, doubles, are still exact.
	 */
	static final long MAX_MICROS = 1L << 51;

	private static final byte[] NO_DEADLINE = ascii(-1);

	private final RedisScripts scripts;

	private final byte[] key;

	private final Clock clock;

	private final byte[] limit;

	private final byte[] period;

	private final long maxWaitMicros;

	private final byte[] maxWait;

	/**
	 * Creates the window, and loads its scripts into Redis.
	 * @param scripts runs the scripts
	 * @param key the key of the list
	 * @param config the settings
	 * @param clock the source of the wall-clock time
	 */
	RedisRollingWindow(RedisScripts scripts, String key, RateLimiterConfig config, Clock clock) {
		this.scripts = scripts;
		this.key = key.getBytes(StandardCharsets.UTF_8);
		this.clock = clock;
		this.limit = ascii(config.limit());
		this.period = ascii(Math.max(1, micros(config.period(), true)));
		this.maxWaitMicros = micros(config.maxWait(), false);
		this.maxWait = ascii(this.maxWaitMicros);
		scripts.load(RESERVE);
		scripts.load(AVAILABLE);
	}

	/**
	 * Reserves the call's start, as {@link RateLimiter#reserve} does, for a call whose deadline
	 * has not passed; counts and reports nothing.
	 * @param deadline the call's deadline, or {@code null} for none
	 * @return the nanoseconds to wait (0: start now), or {@link RateLimiter#REFUSED}
	 * @throws RedisUnavailableException if Redis made no decision
	 */
	long reserve(@Nullable Deadline deadline) throws RedisUnavailableException {
		byte[] left = NO_DEADLINE;
		if (deadline != null) {
			long remaining = deadline.remainingNanos();
			// a wait of w whole microseconds is refused when w * 1000 >= remaining, so when
			// w >= remaining / 1000 rounded up
			long leftMicros = remaining / 1000 + ((remaining % 1000 > 0) ? 1 : 0);
			if (leftMicros <= this.maxWaitMicros) {
				left = ascii(leftMicros);
			}
		}
		long wait = this.scripts.run(RESERVE, this.key, ascii(this.clock.currentTimeMicros()), this.limit,
				this.period, this.maxWait, left);
		return (wait < 0) ? RateLimiter.REFUSED : wait * 1000;
	}

	/**
	 * Returns how many calls could start now without waiting.
	 * @return from 0 to {@code limit}
	 * @throws RedisUnavailableException if Redis did not answer
	 */
	int available() throws RedisUnavailableException {
		return (int) this.scripts.run(AVAILABLE, this.key, ascii(this.clock.currentTimeMicros()), this.limit,
				this.period);
	}

	/**
	 * Deletes the list, so that the window is empty for every instance that shares the key.
	 * @param instance what was reset, for a warning when Redis does not answer
	 * @param logger the owner's log
	 */
	void clear(String instance, Log logger) {
		SharedStateKey.delete(this.scripts, this.key, instance, logger);
	}

	private static long micros(Duration duration, boolean roundUp) {
		if (duration.getSeconds() >= MAX_MICROS / 1_000_000) {
			return MAX_MICROS;
		}
		int nanos = duration.getNano();
		long micros = duration.getSeconds() * 1_000_000 + nanos / 1000 + ((roundUp && nanos % 1000 > 0) ? 1 : 0);
		return Math.min(micros, MAX_MICROS);
	}

	private static byte[] ascii(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

}

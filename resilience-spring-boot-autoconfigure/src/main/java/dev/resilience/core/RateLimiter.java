package dev.resilience.core;

import org.jspecify.annotations.Nullable;

/**
 * A rate limiter: at most {@code limit} calls start in any interval of one {@code period}, a
 * rolling window rather than fixed ones, so that no burst at the edge of two periods ever lets
 * more through. A call over the limit waits for its turn when that comes within {@code max-wait}
 * and before its deadline, and is refused otherwise. Each call is one start.
 *
 * <p>Use {@link #acquire} to wait on the calling thread, or {@link #reserve} and delay the call
 * yourself (with a {@link DelayScheduler}, for an asynchronous call). Thread-safe.
 *
 * @since 0.2.0
 */
public interface RateLimiter {

	/** What {@link #reserve} returns when the call's turn comes too late. */
	long REFUSED = -1;

	/**
	 * Returns a new rate limiter; the first {@code limit} calls start at once.
	 * @param name the instance name
	 * @param config the settings
	 * @param clock the source of time
	 * @param sleeper waits for a call's turn in {@link #acquire}
	 * @param listener receives how each call fared
	 * @return the rate limiter
	 */
	static RateLimiter of(String name, RateLimiterConfig config, Clock clock, Sleeper sleeper,
			ResilienceListener listener) {
		return new RollingWindowRateLimiter(name, config, clock, sleeper, listener);
	}

	/** Returns the instance name. */
	String name();

	/** Returns the settings. */
	RateLimiterConfig config();

	/**
	 * Reserves the call's start: at once when fewer than {@code limit} starts, reserved ones
	 * included, lie after {@code now - period}, otherwise at its turn, the moment the oldest of
	 * the last {@code limit} starts lies one {@code period} back. A reservation counts as a start at the reserved time,
	 * whether or not the call is made then; calls reserved later queue behind it. The turn is
	 * refused, and nothing reserved, when it comes later than {@code max-wait} from now, or not
	 * before the deadline. A call whose deadline has passed is refused even when it could start
	 * at once. Counts and reports the outcome:
	 * {@link ResilienceListener.LimitOutcome#PERMITTED PERMITTED} for 0,
	 * {@link ResilienceListener.LimitOutcome#WAITED WAITED} for a wait,
	 * {@link ResilienceListener.LimitOutcome#REJECTED REJECTED} for {@link #REFUSED}.
	 * @param deadline the deadline of the work the call belongs to, or {@code null} for none
	 * @return the nanoseconds to wait before starting the call (0: start now), or
	 * {@link #REFUSED}
	 */
	long reserve(@Nullable Deadline deadline);

	/**
	 * Reserves the call's start like {@link #reserve}, then waits for it with the sleeper.
	 * @param deadline the deadline of the work the call belongs to, or {@code null} for none
	 * @throws LimitExceededException if the call is refused
	 * @throws InterruptedException if interrupted while waiting; the reserved start stays spent
	 */
	void acquire(@Nullable Deadline deadline) throws InterruptedException;

	/**
	 * Returns the failure of a call that {@link #reserve} refused, for callers that wait for
	 * their turn themselves (asynchronous ones).
	 * @return a new exception naming this limiter and its limit
	 */
	LimitExceededException refused();

	/**
	 * Returns how many calls could start now without waiting. Meant for gauges: it takes the
	 * time of a search through the last {@code limit} starts.
	 * @return from 0 to {@code limit}
	 */
	int available();

	/**
	 * Returns where the decisions are made now, as the endpoint shows it: {@code local}, or for
	 * a limiter shared by the fleet {@code redis}, or {@code local (redis unavailable)} while
	 * Redis does not answer.
	 * @return the store in use
	 */
	default String store() {
		return "local";
	}

	/**
	 * Returns the counts since start-up, or since the last {@link #reset()}.
	 * @return the metrics
	 */
	Metrics metrics();

	/**
	 * Empties the window and sets the counts back to zero, as if the rate limiter had just been
	 * created: {@code limit} calls may start at once. Calls already given a later start still
	 * wait for it. Meant for tests that share an application context.
	 * @since 0.3.0
	 */
	void reset();

	/**
	 * Counts of calls since start-up.
	 *
	 * @param permittedCalls calls given a start, at once or after waiting for their turn; counted
	 * when the start is reserved
	 * @param waitedCalls calls given a start after waiting for their turn, also counted in
	 * {@code permittedCalls}
	 * @param rejectedCalls calls refused
	 */
	record Metrics(long permittedCalls, long waitedCalls, long rejectedCalls) {
	}

}

package dev.resilience.core;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * A concurrency limit (a bulkhead): at most {@link #limit()} calls of the instance run at once.
 * A call past it waits at most {@code max-wait} for a slot, and never past its deadline, then
 * fails at once with a {@link LimitExceededException}, having done nothing. At most 1,024 calls
 * wait per instance: a call that finds that many waiting is refused at once.
 *
 * <p>With {@code adaptive} the limit is measured instead of fixed: it grows while the latency of
 * the calls stays near the lowest latency seen and the slots are in use, and shrinks when latency
 * rises with concurrency, always within {@code [min-limit, max-limit]}.
 *
 * <p>Each call takes a slot with {@link #tryAcquire()}, {@link #acquire} or {@link #acquireAsync},
 * which give a token, and gives it back exactly once with {@link #release(long)} and that token.
 *
 * <p>Memory: a few hundred bytes per instance, and about 200 bytes more per waiting call while
 * it waits. Thread-safe.
 *
 * @since 0.2.0
 */
public interface ConcurrencyLimit {

	/** The token tryAcquire returns when no slot is free. */
	long REFUSED = Long.MIN_VALUE;

	/**
	 * Returns a new concurrency limit.
	 * @param name the instance name
	 * @param config the settings
	 * @param clock measures deadlines and, when adaptive, the latency of the calls
	 * @param scheduler ends the waits for a slot
	 * @param listener receives permitted and refused calls and changes of an adaptive limit
	 * @return the concurrency limit, with no slot taken
	 */
	static ConcurrencyLimit of(String name, ConcurrencyLimitConfig config, Clock clock, DelayScheduler scheduler,
			ResilienceListener listener) {
		return new DefaultConcurrencyLimit(name, config, clock, scheduler, listener);
	}

	/** Returns the instance name. */
	String name();

	/** Returns the settings. */
	ConcurrencyLimitConfig config();

	/**
	 * Takes a free slot at once, without waiting. Counts a permitted call on success; counts
	 * nothing on refusal (the caller goes on to {@link #acquire} or {@link #acquireAsync}).
	 * @return the slot's token, to hand to {@link #release(long)}, or {@link #REFUSED}
	 */
	long tryAcquire();

	/**
	 * Takes a slot, blocking the calling thread at most {@code max-wait} and never past the
	 * deadline; a free slot is taken whatever the deadline.
	 * @param deadline the deadline of the work the call belongs to, or {@code null} for none
	 * @return the slot's token, to hand to {@link #release(long)}
	 * @throws LimitExceededException if no slot came free in time (counted as a rejected call)
	 * @throws InterruptedException if interrupted while waiting: the wait is given up, no slot
	 * is kept, and the thread's interrupt flag is set again
	 */
	long acquire(@Nullable Deadline deadline) throws InterruptedException;

	/**
	 * Takes a slot without blocking.
	 * @param deadline the deadline of the work the call belongs to, or {@code null} for none
	 * @return a future completed with the slot's token, at once or by the thread that released
	 * the slot; or completed exceptionally with a {@link LimitExceededException} when the wait
	 * ends. Cancelling the future gives the wait up: a slot granted at the same moment goes to
	 * the next waiter or back to the limit, never lost. When {@code cancel} returns false, the
	 * slot came first: the caller holds it and releases it with the future's token
	 */
	CompletableFuture<Long> acquireAsync(@Nullable Deadline deadline);

	/**
	 * Gives back the slot of a token, exactly once per slot: to the oldest waiting call, or to
	 * the limit. An adaptive limit measures the call's latency from the token.
	 * @param token the token the slot was taken with
	 */
	void release(long token);

	/**
	 * Returns the limit in force now.
	 * @return the most calls that may run at once
	 */
	int limit();

	/**
	 * Returns the slots taken now. May exceed {@link #limit()} for a while after an adaptive
	 * limit fell.
	 * @return the calls running
	 */
	int inFlight();

	/**
	 * Returns the counts since start-up, or since the last {@link #reset()}.
	 * @return the metrics
	 */
	Metrics metrics();

	/**
	 * Sets the counts back to zero and, when adaptive, the limit back to the configured
	 * {@code limit} with no latency learnt, as if the concurrency limit had just been created.
	 * Calls in flight keep their slots and give them back as usual, and waiting calls go on
	 * waiting (they get a slot at once if the limit rose). Meant for tests that share an
	 * application context.
	 * @since 0.3.0
	 */
	void reset();

	/**
	 * Counts of calls since start-up.
	 *
	 * @param permittedCalls calls that got a slot, at once or after waiting
	 * @param rejectedCalls calls refused with a {@link LimitExceededException}
	 */
	record Metrics(long permittedCalls, long rejectedCalls) {
	}

}

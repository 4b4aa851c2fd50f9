package dev.resilience.core;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.ResilienceListener.LimitOutcome;

/**
 * The {@link ConcurrencyLimit} of the contract: {@link ConcurrencyLimitSlots} hold the calls in
 * flight and the calls waiting; the limit is the configured one, or, when adaptive, the one
 * {@link ConcurrencyLimitGradient} measures from the latency of the released calls, whose changes
 * {@link ConcurrencyLimitChanges} reports. A wait is a {@link ConcurrencyLimitWaiter} ended by a
 * timer of the {@link DelayScheduler} after {@code max-wait}, or sooner at the caller's deadline;
 * a synchronous caller blocks on it without a timeout of its own.
 *
 * <p>A fixed limit takes and gives back a slot with one compare-and-set, without a lock, a clock
 * read or an allocation, and its token is always 0. An adaptive limit's token is the clock's
 * time when the slot was taken, from which the release measures the call's latency.
 *
 * <p>Memory per instance: about 300 bytes (this object, the slots with their counters and empty
 * line, two counters of calls), about 200 bytes more when adaptive, and the cells the counters of
 * calls grow under contention (at most one 128-byte cell per processor each). Each waiting call
 * adds its waiter, its node in the line and its timer in the scheduler, about 200 bytes, and at
 * most 1,024 calls wait: about 200 KB at the very most.
 *
 * <p>Thread-safe. A listener that throws is reported and never fails the call.
 */
final class DefaultConcurrencyLimit implements ConcurrencyLimit {

	private static final System.Logger logger = System.getLogger(DefaultConcurrencyLimit.class.getName());

	/** The token of every slot of a fixed limit, which measures nothing. */
	private static final long FIXED_TOKEN = 0L;

	private final String name;

	private final ConcurrencyLimitConfig config;

	private final Clock clock;

	private final DelayScheduler scheduler;

	private final ResilienceListener listener;

	private final int fixedLimit;

	private final long maxWaitNanos;

	private final @Nullable ConcurrencyLimitGradient gradient;

	private final @Nullable ConcurrencyLimitChanges changes;

	private final ConcurrencyLimitSlots slots = new ConcurrencyLimitSlots();

	private final LongAdder permitted = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	DefaultConcurrencyLimit(String name, ConcurrencyLimitConfig config, Clock clock, DelayScheduler scheduler,
			ResilienceListener listener) {
		this.name = name;
		this.config = config;
		this.clock = clock;
		this.scheduler = scheduler;
		this.listener = listener;
		this.fixedLimit = config.limit();
		this.maxWaitNanos = Backoff.saturatedNanos(config.maxWait());
		if (config.adaptive()) {
			this.gradient = new ConcurrencyLimitGradient(config.limit(), config.minLimit(), config.maxLimit());
			this.changes = new ConcurrencyLimitChanges(name, config.limit(), clock, listener);
		}
		else {
			this.gradient = null;
			this.changes = null;
		}
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public ConcurrencyLimitConfig config() {
		return this.config;
	}

	@Override
	public long tryAcquire() {
		if (!this.slots.tryTake(limit())) {
			return REFUSED;
		}
		permitted();
		return newToken();
	}

	@Override
	public long acquire(@Nullable Deadline deadline) throws InterruptedException {
		long token = tryAcquire();
		if (token != REFUSED) {
			return token;
		}
		ConcurrencyLimitWaiter wait = await(deadline);
		try {
			return wait.get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
		catch (InterruptedException ex) {
			giveUp(wait);
			Thread.currentThread().interrupt();
			throw ex;
		}
	}

	@Override
	public CompletableFuture<Long> acquireAsync(@Nullable Deadline deadline) {
		long token = tryAcquire();
		if (token != REFUSED) {
			return CompletableFuture.completedFuture(token);
		}
		try {
			return await(deadline);
		}
		catch (LimitExceededException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public void release(long token) {
		ConcurrencyLimitGradient gradient = this.gradient;
		if (gradient == null) {
			this.slots.release(this.fixedLimit, FIXED_TOKEN);
			return;
		}
		long now = this.clock.nanoTime();
		boolean computed = gradient.sample(now - token, this.slots.inFlight());
		int limit = gradient.limit();
		// a waiter handed this slot starts now: its latency is measured from here
		this.slots.release(limit, now);
		if (computed && this.changes != null) {
			this.changes.computed(limit);
		}
	}

	@Override
	public int limit() {
		ConcurrencyLimitGradient gradient = this.gradient;
		return (gradient != null) ? gradient.limit() : this.fixedLimit;
	}

	@Override
	public int inFlight() {
		return this.slots.inFlight();
	}

	@Override
	public Metrics metrics() {
		return new Metrics(this.permitted.sum(), this.rejected.sum());
	}

	@Override
	public void reset() {
		this.permitted.reset();
		this.rejected.reset();
		ConcurrencyLimitGradient gradient = this.gradient;
		if (gradient == null) {
			return;
		}
		int limit = gradient.reset();
		if (this.changes != null) {
			this.changes.reset(limit);
		}
		// a limit that rose lets waiting calls start now rather than at the next release
		this.slots.dispatch(limit, this.clock.nanoTime());
	}

	@Override
	public String toString() {
		return "ConcurrencyLimit '" + this.name + "' " + inFlight() + "/" + limit();
	}

	/**
	 * Starts waiting for a slot.
	 * @return the wait
	 * @throws LimitExceededException if the call may not wait (counted as a rejected call)
	 */
	private ConcurrencyLimitWaiter await(@Nullable Deadline deadline) {
		long waitNanos = this.maxWaitNanos;
		if (waitNanos <= 0) {
			throw refused("");
		}
		if (deadline != null) {
			waitNanos = Math.min(waitNanos, deadline.remainingNanos());
			if (waitNanos <= 0) {
				throw refused(" and the call's deadline has passed");
			}
		}
		ConcurrencyLimitWaiter waiter = new ConcurrencyLimitWaiter(this, waitNanos);
		if (!this.slots.enqueue(waiter)) {
			throw refused(" and " + ConcurrencyLimitSlots.MAX_WAITING + " calls waiting already");
		}
		try {
			waiter.timer(this.scheduler.schedule(waiter::timeout, waitNanos));
		}
		catch (RuntimeException ex) {
			// the scheduler is shut down: the call cannot wait (unless a slot came already)
			if (waiter.completeExceptionally(ex)) {
				this.slots.remove(waiter);
			}
		}
		// a slot freed before the waiter entered the line would otherwise go unnoticed
		this.slots.dispatch(limit(), newToken());
		return waiter;
	}

	/** Gives up an interrupted wait; a slot that came at the same moment is given back. */
	private void giveUp(ConcurrencyLimitWaiter wait) {
		if (!wait.cancel(false) && !wait.isCompletedExceptionally()) {
			release(wait.join());
		}
	}

	private long newToken() {
		return (this.gradient != null) ? this.clock.nanoTime() : FIXED_TOKEN;
	}

	/**
	 * Counts a call refused at once.
	 * @param why what comes after "has no free slot (limit N)", or nothing
	 * @return the refusal, to throw
	 */
	private LimitExceededException refused(String why) {
		int limit = limit();
		rejected();
		return new LimitExceededException(this.name, limit,
				"Concurrency limit '" + this.name + "' has no free slot (limit " + limit + ")" + why);
	}

	ConcurrencyLimitSlots slots() {
		return this.slots;
	}

	/**
	 * Returns the refusal of a call whose wait ended without a slot; counts nothing.
	 * @param waitNanos how long the call waited
	 * @return a new exception
	 */
	LimitExceededException waitedInVain(long waitNanos) {
		int limit = limit();
		return new LimitExceededException(this.name, limit, "Concurrency limit '" + this.name
				+ "' had no free slot (limit " + limit + ") within " + format(waitNanos));
	}

	/** Counts a call that got a slot. */
	void permitted() {
		this.permitted.increment();
		emit(LimitOutcome.PERMITTED);
	}

	/** Counts a refused call. */
	void rejected() {
		this.rejected.increment();
		emit(LimitOutcome.REJECTED);
	}

	private void emit(LimitOutcome outcome) {
		try {
			this.listener.onConcurrencyLimitCall(this.name, outcome);
		}
		catch (RuntimeException ex) {
			logger.log(Level.WARNING, "Listener of concurrency limit '" + this.name + "' failed; the call goes on",
					ex);
		}
	}

	private static String format(long nanos) {
		Duration duration = Duration.ofNanos(nanos);
		if (nanos % 1_000_000 == 0) {
			return (nanos % 1_000_000_000 == 0) ? duration.getSeconds() + "s" : duration.toMillis() + "ms";
		}
		return duration.toString();
	}

}

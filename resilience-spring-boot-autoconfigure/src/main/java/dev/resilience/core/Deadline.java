package dev.resilience.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A point in time by which a piece of work must be done, carried in a thread local so that every
 * guarded call made on behalf of that work sees how much time is left. Nested calls use the
 * smaller of their own bound and the time left; a call entered after the deadline fails at once.
 *
 * <p>Layers that move work to other threads hand the deadline over (the starter registers it with
 * Micrometer's context-propagation). Immutable and thread-safe; {@link #attach()} affects only the
 * calling thread.
 *
 * @since 0.1.0
 */
public final class Deadline {

	/**
	 * The key of the current deadline in a Reactor subscriber context and in a context-propagation
	 * snapshot: one key for both, so that where Reactor's automatic context propagation restores
	 * thread locals from the subscriber context (in operators, and in Kotlin suspend functions that
	 * Spring calls), {@link #current()} is the subscriber's deadline: {@value}.
	 */
	public static final String CONTEXT_KEY = "dev.resilience.deadline";

	private static final ThreadLocal<@Nullable Deadline> CURRENT = new ThreadLocal<>();

	private final long deadlineNanos;

	private final Clock clock;

	private Deadline(long deadlineNanos, Clock clock) {
		this.deadlineNanos = deadlineNanos;
		this.clock = clock;
	}

	/**
	 * Returns the deadline of the work running on this thread, if any.
	 * @return the current deadline, or {@code null}
	 */
	public static @Nullable Deadline current() {
		return CURRENT.get();
	}

	/**
	 * Returns a deadline the given time from now, or the current deadline if that comes earlier.
	 * @param bound the time the new work may take
	 * @param clock the source of time
	 * @return the earlier of the two deadlines
	 */
	public static Deadline within(Duration bound, Clock clock) {
		long now = clock.nanoTime();
		long end = now + Backoff.saturatedNanos(bound);
		if (end < now) {
			end = Long.MAX_VALUE;
		}
		Deadline current = CURRENT.get();
		if (current != null && current.deadlineNanos - end <= 0) {
			return current;
		}
		return new Deadline(end, clock);
	}

	/**
	 * Returns a deadline the given time from now, whatever the current deadline.
	 * @param nanos the time from now
	 * @param clock the source of time
	 * @return the deadline
	 */
	static Deadline after(long nanos, Clock clock) {
		long now = clock.nanoTime();
		long end = now + nanos;
		return new Deadline((end < now) ? Long.MAX_VALUE : end, clock);
	}

	/**
	 * Returns whichever of this deadline and the other comes first.
	 * @param other another deadline, or {@code null} for none
	 * @return the earlier deadline; this one when the other is {@code null}
	 */
	public Deadline earliest(@Nullable Deadline other) {
		return (other != null && other.deadlineNanos - this.deadlineNanos < 0) ? other : this;
	}

	/**
	 * Returns the time left, zero or negative once the deadline has passed.
	 * @return the remaining nanoseconds
	 */
	public long remainingNanos() {
		return this.deadlineNanos - this.clock.nanoTime();
	}

	/**
	 * Returns the time left, never negative.
	 * @return the remaining time
	 */
	public Duration remaining() {
		return Duration.ofNanos(Math.max(0, remainingNanos()));
	}

	/**
	 * Whether the deadline has passed.
	 * @return true if no time is left
	 */
	public boolean isExpired() {
		return remainingNanos() <= 0;
	}

	/**
	 * Makes this the current deadline of the calling thread until the returned scope is closed.
	 * @return the scope that restores the previous deadline
	 */
	public Scope attach() {
		Deadline previous = CURRENT.get();
		CURRENT.set(this);
		return new Scope(previous);
	}

	/**
	 * Makes the given deadline, or none, current on this thread; for context-propagation, which
	 * restores thread locals itself.
	 * @param deadline the deadline, or {@code null} for none
	 */
	public static void set(@Nullable Deadline deadline) {
		// set, never remove: a removed entry would be allocated again by the next call's lookup
		CURRENT.set(deadline);
	}

	@Override
	public String toString() {
		return "Deadline[remaining=" + remaining() + "]";
	}

	/**
	 * Restores the deadline that was current before {@link #attach()}.
	 */
	public static final class Scope implements AutoCloseable {

		private final @Nullable Deadline previous;

		private Scope(@Nullable Deadline previous) {
			this.previous = previous;
		}

		@Override
		public void close() {
			set(this.previous);
		}

	}

}

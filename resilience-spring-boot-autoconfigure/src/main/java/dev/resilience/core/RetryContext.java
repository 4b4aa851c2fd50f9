package dev.resilience.core;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The retrying call that the current thread works for: which attempt this is, and the one
 * idempotency key shared by all its attempts, so that a request sent again by a retry can be
 * recognised by its receiver as the same request.
 *
 * <p>Guarded calls make themselves current for the time of each attempt; {@link #current()}
 * then answers inside annotated methods and in the HTTP client guard. The key is made on first
 * use. Not thread-safe: a context belongs to one call, whose attempts run one after another.
 *
 * @since 0.1.0
 */
public abstract class RetryContext {

	private static final ThreadLocal<ThreadSlot> SLOTS = ThreadLocal.withInitial(ThreadSlot::new);

	private @Nullable String idempotencyKey;

	/**
	 * Returns the retrying call the current thread works for, if any.
	 * @return the context, or {@code null} outside a retrying call
	 */
	public static @Nullable RetryContext current() {
		return SLOTS.get().current;
	}

	/**
	 * Returns the number of the current attempt.
	 * @return the attempt, 1-based
	 */
	public abstract int attempt();

	/**
	 * Returns the idempotency key of the call: a random UUID string, the same for every attempt.
	 * @return the key
	 */
	public String idempotencyKey() {
		String key = this.idempotencyKey;
		if (key == null) {
			key = newIdempotencyKey();
			this.idempotencyKey = key;
		}
		return key;
	}

	/**
	 * Returns a copy of this context that other threads may read while this one moves on: the
	 * same attempt and the same idempotency key (made now if it was not made yet).
	 * @return the snapshot
	 */
	public RetryContext snapshot() {
		return new Snapshot(attempt(), idempotencyKey());
	}

	/**
	 * Returns a new random idempotency key, a version 4 UUID string.
	 * @return the key
	 */
	protected static String newIdempotencyKey() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	/**
	 * Makes a context current on this thread.
	 * @param context the context of the attempt about to run
	 * @return the context that was current before, to hand to {@link #restore}
	 */
	protected static @Nullable RetryContext enter(RetryContext context) {
		return SLOTS.get().enter(context);
	}

	/**
	 * Makes the given context, or none, current on this thread again.
	 * @param previous what {@link #enter} returned, or {@code null}
	 */
	public static void restore(@Nullable RetryContext previous) {
		SLOTS.get().restore(previous);
	}

	/**
	 * Returns the slot of the calling thread, for a context that runs many calls on that thread:
	 * kept by it, the slot makes the context current and restores the previous one without a
	 * thread-local lookup.
	 * @return the slot of the calling thread
	 */
	protected static ThreadSlot threadSlot() {
		return SLOTS.get();
	}

	/**
	 * The retrying call current on one thread, and one context the thread reuses for all its
	 * synchronous retrying calls. Confined to its thread; changing it is a plain write, never a
	 * thread-local update.
	 */
	protected static final class ThreadSlot {

		private @Nullable RetryContext current;

		private @Nullable RetryContext reusable;

		private ThreadSlot() {
		}

		/**
		 * Makes a context current on this slot's thread.
		 * @param context the context of the attempt about to run
		 * @return the context that was current before, to hand to {@link #restore}
		 */
		public @Nullable RetryContext enter(RetryContext context) {
			RetryContext previous = this.current;
			this.current = context;
			return previous;
		}

		/**
		 * Makes the given context, or none, current on this slot's thread again.
		 * @param previous what {@link #enter} returned, or {@code null}
		 */
		public void restore(@Nullable RetryContext previous) {
			this.current = previous;
		}

		/**
		 * Returns the context this thread reuses, if one was kept.
		 * @return the context kept by {@link #reuse}, or {@code null}
		 */
		public @Nullable RetryContext reusable() {
			return this.reusable;
		}

		/**
		 * Keeps a context for this thread to reuse.
		 * @param context the context
		 */
		public void reuse(RetryContext context) {
			this.reusable = context;
		}

	}

	/**
	 * A fixed copy of a context.
	 */
	private static final class Snapshot extends RetryContext {

		private final int attempt;

		private final String key;

		Snapshot(int attempt, String key) {
			this.attempt = attempt;
			this.key = key;
		}

		@Override
		public int attempt() {
			return this.attempt;
		}

		@Override
		public String idempotencyKey() {
			return this.key;
		}

		@Override
		public RetryContext snapshot() {
			return this;
		}

	}

}

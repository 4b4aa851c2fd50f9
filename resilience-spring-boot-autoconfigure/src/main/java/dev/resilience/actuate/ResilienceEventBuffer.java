package dev.resilience.actuate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceListener.Fault;

/**
 * Keeps the most recent noteworthy events of every instance in a ring of fixed size, oldest
 * overwritten first: state transitions, rejected calls, retries, timeouts, fallbacks, changes
 * of adaptive concurrency limits and hedges refused by their budget. Successful calls are not
 * events.
 *
 * <p>An outage must not flush the history that explains it, so repeated events are folded: an
 * event of the same instance, type and failure class as one recorded less than a second before
 * raises that event's count in place (its detail then ends with {@code (37 calls)}) instead of
 * taking a slot, unless a state transition of that instance came in between. A storm of
 * rejections therefore takes one slot per instance and second, and never pushes the
 * {@code CLOSED -> OPEN} transition that started it out of the ring. State transitions are never
 * folded. Time comes from the injected {@link Clock}.
 *
 * <p>Events show exception class names, never messages or method arguments, which may carry
 * secrets or personal data.
 *
 * <p>Thread-safe. Recording an event allocates nothing: it overwrites a preallocated slot, or
 * raises the count of one, inside a short critical section that looks back at most over the
 * events of the last second; the text of an event is only built when the events are read.
 *
 * @since 0.1.0
 */
public final class ResilienceEventBuffer implements ResilienceListener {

	/** The number of events kept unless told otherwise: {@value}. */
	public static final int DEFAULT_CAPACITY = 100;

	/** How long after an event repeated ones are folded into it: one second, in nanoseconds. */
	private static final long FOLD_NANOS = 1_000_000_000L;

	private final Clock clock;

	private final Slot[] slots;

	private final Object lock = new Object();

	/** The number of slots written so far; the next event goes to {@code count % capacity}. */
	private long count;

	/**
	 * Creates a buffer of {@link #DEFAULT_CAPACITY} events.
	 * @param clock the source of event times
	 */
	public ResilienceEventBuffer(Clock clock) {
		this(clock, DEFAULT_CAPACITY);
	}

	/**
	 * Creates a buffer.
	 * @param clock the source of event times
	 * @param capacity the number of events kept
	 */
	public ResilienceEventBuffer(Clock clock, int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("Invalid capacity (" + capacity + "): must be at least 1");
		}
		this.clock = clock;
		this.slots = new Slot[capacity];
		for (int i = 0; i < capacity; i++) {
			this.slots[i] = new Slot();
		}
	}

	@Override
	public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
		record(EventType.STATE_TRANSITION, name, from, to, 0, 0, null);
	}

	@Override
	public void onCircuitBreakerCall(String name, CallOutcome outcome, long durationNanos) {
		if (outcome == CallOutcome.REJECTED) {
			record(EventType.REJECTED, name, null, null, 0, 0, null);
		}
	}

	@Override
	public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
		record(EventType.RETRY, name, null, null, attempt, delayNanos, failure.getClass());
	}

	@Override
	public void onBudgetExhausted(String name, int attempt) {
		record(EventType.BUDGET_EXHAUSTED, name, null, null, attempt, 0, null);
	}

	@Override
	public void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
		if (outcome == TimeLimiterOutcome.TIMEOUT) {
			record(EventType.TIMEOUT, name, null, null, 0, 0, null);
		}
	}

	@Override
	public void onFallback(String name, Throwable failure) {
		record(EventType.FALLBACK, name, null, null, 0, 0, failure.getClass());
	}

	@Override
	public void onConcurrencyLimitCall(String name, LimitOutcome outcome) {
		if (outcome == LimitOutcome.REJECTED) {
			record(EventType.LIMIT_REJECTED, name, null, null, 0, 0, null);
		}
	}

	@Override
	public void onLimitChanged(String name, int from, int to) {
		// the limits ride in the fields of attempts and delays, which this event has no use for
		record(EventType.LIMIT_CHANGED, name, null, null, from, to, null);
	}

	@Override
	public void onRateLimiterCall(String name, LimitOutcome outcome) {
		if (outcome == LimitOutcome.REJECTED) {
			record(EventType.RATE_REJECTED, name, null, null, 0, 0, null);
		}
	}

	@Override
	public void onHedgeBudgetExhausted(String name, int attempt) {
		record(EventType.HEDGE_BUDGET_EXHAUSTED, name, null, null, attempt, 0, null);
	}

	@Override
	public void onFaultInjected(String name, Fault fault) {
		EventType type = switch (fault) {
			case LATENCY -> EventType.LATENCY_INJECTED;
			case EXCEPTION -> EventType.EXCEPTION_INJECTED;
			case STATUS -> EventType.STATUS_INJECTED;
		};
		record(type, name, null, null, 0, 0, null);
	}

	/**
	 * Returns the events kept, oldest first.
	 * @param name only the events of this instance (or guarded method, for fallbacks); all if
	 * {@code null}
	 * @return an immutable copy of the events
	 */
	public List<Event> events(@Nullable String name) {
		List<Slot> copies = new ArrayList<>(this.slots.length);
		synchronized (this.lock) {
			long first = Math.max(0, this.count - this.slots.length);
			for (long i = first; i < this.count; i++) {
				Slot slot = this.slots[(int) (i % this.slots.length)];
				if (name == null || name.equals(slot.name)) {
					copies.add(slot.copy());
				}
			}
		}
		// The text is built outside the lock, so that a reader keeps no caller waiting for long.
		List<Event> events = new ArrayList<>(copies.size());
		for (Slot copy : copies) {
			events.add(copy.toEvent());
		}
		return Collections.unmodifiableList(events);
	}

	private void record(EventType type, String name, CircuitBreaker.@Nullable State from,
			CircuitBreaker.@Nullable State to, int attempt, long delayNanos, @Nullable Class<?> failure) {
		synchronized (this.lock) {
			// Read inside the lock, so that the ring is ordered by time and a fold can stop looking
			// back at the first event older than a second.
			long now = this.clock.nanoTime();
			if (type.folds && fold(type, name, failure, now)) {
				return;
			}
			Slot slot = this.slots[(int) (this.count % this.slots.length)];
			slot.nanos = now;
			slot.time = this.clock.currentTimeMillis();
			slot.count = 1;
			slot.type = type;
			slot.name = name;
			slot.from = from;
			slot.to = to;
			slot.attempt = attempt;
			slot.delayNanos = delayNanos;
			slot.failure = failure;
			this.count++;
		}
	}

	/**
	 * Raises the count of the event this one repeats, if any: the newest of the same instance,
	 * type and failure class recorded less than a second ago, with no state transition of the
	 * instance after it. Called under the lock.
	 * @return whether the event was folded
	 */
	private boolean fold(EventType type, String name, @Nullable Class<?> failure, long now) {
		long oldest = Math.max(0, this.count - this.slots.length);
		for (long i = this.count - 1; i >= oldest; i--) {
			Slot slot = this.slots[(int) (i % this.slots.length)];
			if (now - slot.nanos >= FOLD_NANOS) {
				return false;
			}
			if (slot.name.equals(name)) {
				if (slot.type == type && slot.failure == failure) {
					slot.count++;
					return true;
				}
				if (slot.type == EventType.STATE_TRANSITION) {
					return false;
				}
			}
		}
		return false;
	}

	/**
	 * One recorded event.
	 *
	 * @param time when it happened, as an ISO-8601 instant
	 * @param name the instance name; for fallbacks the guarded method's name
	 * @param kind {@code circuitbreaker}, {@code retry}, {@code timelimiter}, {@code fallback},
	 * {@code concurrencylimit}, {@code ratelimiter}, {@code hedge} or {@code fault}
	 * @param type {@code STATE_TRANSITION}, {@code REJECTED}, {@code RETRY},
	 * {@code BUDGET_EXHAUSTED}, {@code TIMEOUT}, {@code FALLBACK}, {@code LIMIT_CHANGED} or
	 * {@code INJECTED}
	 * @param detail what happened, for example {@code CLOSED -> OPEN}; for an event that repeated
	 * within a second, followed by how often, for example {@code call not permitted (37 calls)}
	 */
	public record Event(String time, String name, String kind, String type, String detail) {
	}

	private enum EventType {

		STATE_TRANSITION("circuitbreaker", "STATE_TRANSITION", "transitions", false),
		REJECTED("circuitbreaker", "REJECTED", "calls", true), RETRY("retry", "RETRY", "retries", true),
		BUDGET_EXHAUSTED("retry", "BUDGET_EXHAUSTED", "calls", true),
		TIMEOUT("timelimiter", "TIMEOUT", "calls", true), FALLBACK("fallback", "FALLBACK", "calls", true),
		LIMIT_REJECTED("concurrencylimit", "REJECTED", "calls", true),
		LIMIT_CHANGED("concurrencylimit", "LIMIT_CHANGED", "changes", false),
		RATE_REJECTED("ratelimiter", "REJECTED", "calls", true),
		HEDGE_BUDGET_EXHAUSTED("hedge", "BUDGET_EXHAUSTED", "hedges", true),
		LATENCY_INJECTED("fault", "INJECTED", "faults", true),
		EXCEPTION_INJECTED("fault", "INJECTED", "faults", true),
		STATUS_INJECTED("fault", "INJECTED", "faults", true);

		private final String kind;

		/** The type as the endpoint shows it; the kinds share some. */
		private final String shown;

		/** What the count of a folded event counts. */
		private final String counted;

		/** Whether repeats within a second are folded into the first. */
		private final boolean folds;

		EventType(String kind, String shown, String counted, boolean folds) {
			this.kind = kind;
			this.shown = shown;
			this.counted = counted;
			this.folds = folds;
		}

	}

	/**
	 * A reusable place for one event, written and copied under the buffer's lock.
	 */
	private static final class Slot {

		/** When the event was recorded, from {@link Clock#nanoTime()}. */
		private long nanos;

		/** When the event was recorded, from {@link Clock#currentTimeMillis()}. */
		private long time;

		/** How many events this one stands for: itself and those folded into it. */
		private long count;

		private EventType type = EventType.REJECTED;

		private String name = "";

		private CircuitBreaker.@Nullable State from;

		private CircuitBreaker.@Nullable State to;

		private int attempt;

		private long delayNanos;

		private @Nullable Class<?> failure;

		Slot copy() {
			Slot copy = new Slot();
			copy.nanos = this.nanos;
			copy.time = this.time;
			copy.count = this.count;
			copy.type = this.type;
			copy.name = this.name;
			copy.from = this.from;
			copy.to = this.to;
			copy.attempt = this.attempt;
			copy.delayNanos = this.delayNanos;
			copy.failure = this.failure;
			return copy;
		}

		Event toEvent() {
			return new Event(Instant.ofEpochMilli(this.time).toString(), this.name, this.type.kind, this.type.shown,
					detail());
		}

		private String detail() {
			String detail = firstDetail();
			return (this.count > 1) ? detail + " (" + this.count + " " + this.type.counted + ")" : detail;
		}

		private String firstDetail() {
			return switch (this.type) {
				case STATE_TRANSITION -> this.from + " -> " + this.to;
				case REJECTED -> "call not permitted";
				case RETRY -> "attempt " + this.attempt + " failed with " + className(this.failure) + ", retrying in "
						+ DelayFormat.format(this.delayNanos);
				case BUDGET_EXHAUSTED -> "attempt " + this.attempt + " failed; retry refused by the retry budget";
				case TIMEOUT -> "call timed out";
				case FALLBACK -> "fallback answered " + className(this.failure);
				case LIMIT_REJECTED -> "no slot free";
				case LIMIT_CHANGED -> this.attempt + " -> " + this.delayNanos;
				case RATE_REJECTED -> "no turn within the wait allowed";
				case HEDGE_BUDGET_EXHAUSTED -> "attempt " + this.attempt + " not sent: hedge refused by the hedge budget";
				case LATENCY_INJECTED -> "latency injected";
				case EXCEPTION_INJECTED -> "exception injected";
				case STATUS_INJECTED -> "status injected";
			};
		}

		private static String className(@Nullable Class<?> type) {
			return (type != null) ? type.getName() : "unknown";
		}

	}

}

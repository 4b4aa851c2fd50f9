package dev.resilience.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.resilience.core.CircuitBreaker.State;

/**
 * A listener for circuit breaker tests: keeps every transition and counts the calls by outcome.
 * Thread-safe.
 */
final class CircuitBreakerRecordingListener implements ResilienceListener {

	private final List<Transition> transitions = new ArrayList<>();

	private final List<String> events = new ArrayList<>();

	private final AtomicLongArray calls = new AtomicLongArray(CallOutcome.values().length);

	@Override
	public synchronized void onStateTransition(String name, State from, State to, String reason) {
		this.transitions.add(new Transition(name, from, to, reason));
		this.events.add(from + " -> " + to);
	}

	@Override
	public void onCircuitBreakerCall(String name, CallOutcome outcome, long durationNanos) {
		this.calls.incrementAndGet(outcome.ordinal());
		synchronized (this) {
			this.events.add(outcome + " " + durationNanos);
		}
	}

	/** Returns the transitions so far, in order. */
	synchronized List<Transition> transitions() {
		return List.copyOf(this.transitions);
	}

	/** Returns the transitions so far as {@code FROM -> TO}, in order. */
	synchronized List<String> transitionNames() {
		return this.transitions.stream().map((transition) -> transition.from() + " -> " + transition.to()).toList();
	}

	/** Returns the transitions and calls so far ({@code CLOSED -> OPEN}, {@code FAILURE 20}), in order. */
	synchronized List<String> events() {
		return List.copyOf(this.events);
	}

	/** Returns the number of calls reported with the outcome. */
	long calls(CallOutcome outcome) {
		return this.calls.get(outcome.ordinal());
	}

	record Transition(String name, State from, State to, String reason) {
	}

}

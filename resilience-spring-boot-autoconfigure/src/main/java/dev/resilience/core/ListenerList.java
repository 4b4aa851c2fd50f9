package dev.resilience.core;

import java.lang.System.Logger.Level;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Passes every event to each subscribed listener; a listener that throws is reported and never
 * fails the call or keeps the others from hearing the event.
 *
 * <p>Each method repeats the same loop rather than sharing one that takes a lambda: a capturing
 * lambda would allocate on every guarded call.
 */
final class ListenerList implements ResilienceListener {

	private static final System.Logger logger = System.getLogger(ListenerList.class.getName());

	private final CopyOnWriteArrayList<ResilienceListener> listeners = new CopyOnWriteArrayList<>();

	void add(ResilienceListener listener) {
		this.listeners.add(listener);
	}

	@Override
	public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onStateTransition(name, from, to, reason);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onCircuitBreakerCall(String name, CallOutcome outcome, long durationNanos) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onCircuitBreakerCall(name, outcome, durationNanos);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onRetry(name, attempt, delayNanos, failure);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onRetryCompleted(String name, RetryOutcome outcome, int attempts) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onRetryCompleted(name, outcome, attempts);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onTimeLimiterCall(name, outcome);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onFallback(String name, Throwable failure) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onFallback(name, failure);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	private static void report(ResilienceListener listener, RuntimeException ex) {
		logger.log(Level.WARNING, "Resilience listener " + listener + " failed; the call goes on", ex);
	}

}

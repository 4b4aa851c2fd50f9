package dev.resilience.core;

import java.lang.System.Logger.Level;
import java.util.Arrays;

/**
 * Passes every event to each subscribed listener; a listener that throws is reported and never
 * fails the call or keeps the others from hearing the event.
 *
 * <p>Each method repeats the same loop rather than sharing one that takes a lambda: a capturing
 * lambda would allocate on every guarded call. The listeners sit in an array replaced on each
 * subscription, so that a loop over them allocates no iterator either.
 */
final class ListenerList implements ResilienceListener {

	private static final System.Logger logger = System.getLogger(ListenerList.class.getName());

	private volatile ResilienceListener[] listeners = new ResilienceListener[0];

	private final Object lock = new Object();

	void add(ResilienceListener listener) {
		synchronized (this.lock) {
			ResilienceListener[] grown = Arrays.copyOf(this.listeners, this.listeners.length + 1);
			grown[grown.length - 1] = listener;
			this.listeners = grown;
		}
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
	public void onBudgetExhausted(String name, int attempt) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onBudgetExhausted(name, attempt);
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

	@Override
	public void onConcurrencyLimitCall(String name, LimitOutcome outcome) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onConcurrencyLimitCall(name, outcome);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onLimitChanged(String name, int from, int to) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onLimitChanged(name, from, to);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onRateLimiterCall(String name, LimitOutcome outcome) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onRateLimiterCall(name, outcome);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onHedgeCall(String name, HedgeOutcome outcome, int hedgesSent) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onHedgeCall(name, outcome, hedgesSent);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onHedgeBudgetExhausted(String name, int attempt) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onHedgeBudgetExhausted(name, attempt);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onFaultInjected(String name, Fault fault) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onFaultInjected(name, fault);
			}
			catch (RuntimeException ex) {
				report(listener, ex);
			}
		}
	}

	@Override
	public void onSharedStoreFallback(String name) {
		for (ResilienceListener listener : this.listeners) {
			try {
				listener.onSharedStoreFallback(name);
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

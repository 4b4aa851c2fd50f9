package dev.resilience.actuate;

import java.util.Locale;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceListener;

/**
 * Tells the observation in progress (a traced request, say) what the policies did to the call it
 * observes: a retry, a retry or hedge refused by its budget, a breaker that rejected the call or
 * changed state, a timeout, a fallback, a limit that refused the call or made it wait for its turn,
 * a hedge that answered, a fault injected. Each is an event of that observation, so that a trace
 * shows why a call took 4 s. When no observation is in progress, nothing is recorded and nothing
 * is allocated.
 *
 * <p>Thread-safe: stateless beyond the registry it reads. Events of asynchronous calls reach the
 * observation in progress on the thread that reports them.
 *
 * @since 0.3.0
 */
public final class ObservationEvents implements ResilienceListener {

	private final ObservationRegistry observations;

	/**
	 * Creates the listener.
	 * @param observations where the observation in progress is found
	 */
	public ObservationEvents(ObservationRegistry observations) {
		this.observations = observations;
	}

	@Override
	public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.retry", "'" + name + "' attempt " + attempt + " failed with "
					+ failure.getClass().getSimpleName() + ", retrying in " + DelayFormat.format(delayNanos));
		}
	}

	@Override
	public void onBudgetExhausted(String name, int attempt) {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.retry.budget_exhausted",
					"'" + name + "' attempt " + attempt + " failed; the retry budget refused a retry");
		}
	}

	@Override
	public void onCircuitBreakerCall(String name, CallOutcome outcome, long durationNanos) {
		if (outcome != CallOutcome.REJECTED) {
			return;
		}
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.circuitbreaker.rejected", "'" + name + "' is open: call not permitted");
		}
	}

	@Override
	public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.circuitbreaker.transition",
					"'" + name + "' " + from + " -> " + to + " (" + reason + ")");
		}
	}

	@Override
	public void onTimeLimiterCall(String name, TimeLimiterOutcome outcome) {
		if (outcome != TimeLimiterOutcome.TIMEOUT) {
			return;
		}
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.timelimiter.timeout", "'" + name + "' timed out");
		}
	}

	@Override
	public void onFallback(String name, Throwable failure) {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.fallback",
					"'" + name + "' answered by its fallback after " + failure.getClass().getSimpleName());
		}
	}

	@Override
	public void onConcurrencyLimitCall(String name, LimitOutcome outcome) {
		limitCall("resilience.concurrencylimit.", name, outcome, "no slot free", "waited for a slot");
	}

	@Override
	public void onRateLimiterCall(String name, LimitOutcome outcome) {
		limitCall("resilience.ratelimiter.", name, outcome, "no turn within the wait allowed", "waited for its turn");
	}

	@Override
	public void onHedgeCall(String name, HedgeOutcome outcome, int hedgesSent) {
		if (outcome != HedgeOutcome.HEDGE_WON) {
			return;
		}
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.hedge.won", "'" + name + "' answered by a hedge, " + hedgesSent + " sent");
		}
	}

	@Override
	public void onHedgeBudgetExhausted(String name, int attempt) {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.hedge.budget_exhausted",
					"'" + name + "' attempt " + attempt + " not sent: the hedge budget refused it");
		}
	}

	@Override
	public void onFaultInjected(String name, Fault fault) {
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			event(current, "resilience.fault", "'" + name + "' " + fault.name().toLowerCase(Locale.ROOT) + " injected");
		}
	}

	private void limitCall(String prefix, String name, LimitOutcome outcome, String rejected, String waited) {
		if (outcome == LimitOutcome.PERMITTED) {
			return;
		}
		Observation current = this.observations.getCurrentObservation();
		if (current != null) {
			boolean refused = outcome == LimitOutcome.REJECTED;
			event(current, prefix + (refused ? "rejected" : "waited"),
					"'" + name + "' " + (refused ? rejected : waited));
		}
	}

	private static void event(Observation observation, String name, String detail) {
		observation.event(Observation.Event.of(name, detail));
	}

}

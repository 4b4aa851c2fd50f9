package dev.resilience.actuate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceListener;

/**
 * Logs what operators need to hear of without asking: every circuit breaker state transition
 * once at {@code WARN} with its reason, for example
 * {@code Circuit breaker 'inventory' CLOSED -> OPEN (failure rate 60.0% >= 50.0%)}, every
 * retry at {@code DEBUG} with the attempt that failed, its exception class and the delay chosen,
 * every hedge its budget refused at {@code DEBUG}, and every change of an adaptive concurrency limit (at most one per second per instance) at
 * {@code INFO}, for example {@code Concurrency limit 'inbound' 25 -> 18}.
 * Exception messages are not logged: they may carry secrets or personal data.
 *
 * <p>Thread-safe and stateless; a retry builds its line only when {@code DEBUG} is on.
 *
 * @since 0.1.0
 */
public final class ResilienceEventLogger implements ResilienceListener {

	private static final Log logger = LogFactory.getLog(ResilienceEventLogger.class);

	@Override
	public void onStateTransition(String name, CircuitBreaker.State from, CircuitBreaker.State to, String reason) {
		String message = "Circuit breaker '" + name + "' " + from + " -> " + to + " (" + reason + ")";
		if (from == to) {
			// an operator reset the window of a breaker that stays in its state: not an alarm
			logger.info(message);
		}
		else {
			logger.warn(message);
		}
	}

	@Override
	public void onRetry(String name, int attempt, long delayNanos, Throwable failure) {
		if (logger.isDebugEnabled()) {
			logger.debug("Retry '" + name + "' attempt " + attempt + " failed with " + failure.getClass().getName()
					+ "; attempt " + (attempt + 1) + " in " + DelayFormat.format(delayNanos));
		}
	}

	@Override
	public void onLimitChanged(String name, int from, int to) {
		if (logger.isInfoEnabled()) {
			logger.info("Concurrency limit '" + name + "' " + from + " -> " + to);
		}
	}

	@Override
	public void onHedgeBudgetExhausted(String name, int attempt) {
		if (logger.isDebugEnabled()) {
			logger.debug("Hedge '" + name + "' attempt " + attempt + " not sent; the hedge budget refused it");
		}
	}

	@Override
	public void onBudgetExhausted(String name, int attempt) {
		if (logger.isDebugEnabled()) {
			logger.debug("Retry '" + name + "' attempt " + attempt + " failed; the retry budget refused a retry");
		}
	}

}

package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;
import org.jspecify.annotations.Nullable;

/**
 * Circuit breaker settings, bound to {@code resilience.circuit-breaker.defaults} and to each
 * {@code resilience.circuit-breaker.instances.<name>}. A value left unset ({@code null}) is taken
 * from the layer below.
 *
 * @since 0.1.0
 */
public class CircuitBreakerSettings {

	/**
	 * Failure rate, in percent, at which the breaker opens. Greater than 0 and at most 100.
	 */
	private @Nullable Double failureRateThreshold;

	/**
	 * Slow-call rate, in percent, at which the breaker opens. Greater than 0 and at most 100.
	 */
	private @Nullable Double slowCallRateThreshold;

	/**
	 * Duration from which a call counts as slow. Positive.
	 */
	private @Nullable Duration slowCallDuration;

	/**
	 * Whether the sliding window holds the last N calls (count-based) or the calls of the last N
	 * seconds (time-based).
	 */
	private @Nullable SlidingWindowType slidingWindowType;

	/**
	 * Size of the sliding window: calls when count-based, seconds when time-based. At least 1.
	 */
	private @Nullable Integer slidingWindowSize;

	/**
	 * Calls needed in the window before a failure rate is computed. At least 1.
	 */
	private @Nullable Integer minimumCalls;

	/**
	 * Time the breaker stays open before letting trial calls through. Positive.
	 */
	private @Nullable Duration waitInOpen;

	/**
	 * Trial calls let through in half-open state. At least 1.
	 */
	private @Nullable Integer halfOpenCalls;

	/**
	 * Failures recorded as failures (subclasses included); replaces the default
	 * classification of transient failures. Empty: the transient failures.
	 */
	private @Nullable List<Class<? extends Throwable>> recordOn;

	/**
	 * Failures that count as neither success nor failure (subclasses included); wins over
	 * record-on.
	 */
	private @Nullable List<Class<? extends Throwable>> ignore;

	/**
	 * Whether an open breaker makes the health contributor DOWN instead of UNKNOWN.
	 */
	private @Nullable Boolean healthFailsWhenOpen;

	/** Returns settings holding the built-in defaults, which the bound defaults start from. */
	static CircuitBreakerSettings withBuiltInDefaults() {
		CircuitBreakerSettings settings = new CircuitBreakerSettings();
		settings.failureRateThreshold = CircuitBreakerConfig.Builder.DEFAULT_FAILURE_RATE_THRESHOLD;
		settings.slowCallRateThreshold = CircuitBreakerConfig.Builder.DEFAULT_SLOW_CALL_RATE_THRESHOLD;
		settings.slowCallDuration = CircuitBreakerConfig.Builder.DEFAULT_SLOW_CALL_DURATION;
		settings.slidingWindowType = SlidingWindowType.COUNT_BASED;
		settings.slidingWindowSize = CircuitBreakerConfig.Builder.DEFAULT_SLIDING_WINDOW_SIZE;
		settings.minimumCalls = CircuitBreakerConfig.Builder.DEFAULT_MINIMUM_CALLS;
		settings.waitInOpen = CircuitBreakerConfig.Builder.DEFAULT_WAIT_IN_OPEN;
		settings.halfOpenCalls = CircuitBreakerConfig.Builder.DEFAULT_HALF_OPEN_CALLS;
		settings.recordOn = new ArrayList<>();
		settings.ignore = new ArrayList<>();
		settings.healthFailsWhenOpen = false;
		return settings;
	}

	public @Nullable Double getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(@Nullable Double failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	public @Nullable Double getSlowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	public void setSlowCallRateThreshold(@Nullable Double slowCallRateThreshold) {
		this.slowCallRateThreshold = slowCallRateThreshold;
	}

	public @Nullable Duration getSlowCallDuration() {
		return this.slowCallDuration;
	}

	public void setSlowCallDuration(@Nullable Duration slowCallDuration) {
		this.slowCallDuration = slowCallDuration;
	}

	public @Nullable SlidingWindowType getSlidingWindowType() {
		return this.slidingWindowType;
	}

	public void setSlidingWindowType(@Nullable SlidingWindowType slidingWindowType) {
		this.slidingWindowType = slidingWindowType;
	}

	public @Nullable Integer getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	public void setSlidingWindowSize(@Nullable Integer slidingWindowSize) {
		this.slidingWindowSize = slidingWindowSize;
	}

	public @Nullable Integer getMinimumCalls() {
		return this.minimumCalls;
	}

	public void setMinimumCalls(@Nullable Integer minimumCalls) {
		this.minimumCalls = minimumCalls;
	}

	public @Nullable Duration getWaitInOpen() {
		return this.waitInOpen;
	}

	public void setWaitInOpen(@Nullable Duration waitInOpen) {
		this.waitInOpen = waitInOpen;
	}

	public @Nullable Integer getHalfOpenCalls() {
		return this.halfOpenCalls;
	}

	public void setHalfOpenCalls(@Nullable Integer halfOpenCalls) {
		this.halfOpenCalls = halfOpenCalls;
	}

	public @Nullable List<Class<? extends Throwable>> getRecordOn() {
		return this.recordOn;
	}

	public void setRecordOn(@Nullable List<Class<? extends Throwable>> recordOn) {
		this.recordOn = recordOn;
	}

	public @Nullable List<Class<? extends Throwable>> getIgnore() {
		return this.ignore;
	}

	public void setIgnore(@Nullable List<Class<? extends Throwable>> ignore) {
		this.ignore = ignore;
	}

	public @Nullable Boolean getHealthFailsWhenOpen() {
		return this.healthFailsWhenOpen;
	}

	public void setHealthFailsWhenOpen(@Nullable Boolean healthFailsWhenOpen) {
		this.healthFailsWhenOpen = healthFailsWhenOpen;
	}

}

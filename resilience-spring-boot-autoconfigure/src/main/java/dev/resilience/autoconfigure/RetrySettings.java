package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.resilience.core.RetryConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Retry settings, bound to {@code resilience.retry.defaults} and to each
 * {@code resilience.retry.instances.<name>}. A value left unset ({@code null}) is taken from the
 * layer below.
 *
 * @since 0.1.0
 */
public class RetrySettings {

	/**
	 * Total attempts, the first call included. At least 1.
	 */
	private @Nullable Integer maxAttempts;

	/**
	 * Delay before the first retry. Zero or more.
	 */
	private @Nullable Duration delay;

	/**
	 * Factor applied to the delay after each retry. At least 1.
	 */
	private @Nullable Double multiplier;

	/**
	 * Upper bound of any single delay. Zero or more.
	 */
	private @Nullable Duration maxDelay;

	/**
	 * Random spread of each delay, 0 to 1: a delay is multiplied by a random factor in
	 * [1 - jitter, 1 + jitter].
	 */
	private @Nullable Double jitter;

	/**
	 * Bound on the whole retrying call; no delay is started that would end past it. Unset: no
	 * bound.
	 */
	private @Nullable Duration maxDuration;

	/**
	 * Failures to retry (subclasses included); replaces the default classification of
	 * transient failures. Empty: the transient failures.
	 */
	private @Nullable List<Class<? extends Throwable>> retryOn;

	/**
	 * Failures never retried (subclasses included); wins over retry-on.
	 */
	private @Nullable List<Class<? extends Throwable>> abortOn;

	/**
	 * Retry budget: caps retries relative to traffic so that they never turn into a storm.
	 */
	@NestedConfigurationProperty
	private RetryBudgetSettings budget = new RetryBudgetSettings();

	/** Returns settings holding the built-in defaults, which the bound defaults start from. */
	static RetrySettings withBuiltInDefaults() {
		RetrySettings settings = new RetrySettings();
		settings.maxAttempts = RetryConfig.Builder.DEFAULT_MAX_ATTEMPTS;
		settings.delay = RetryConfig.Builder.DEFAULT_DELAY;
		settings.multiplier = RetryConfig.Builder.DEFAULT_MULTIPLIER;
		settings.maxDelay = RetryConfig.Builder.DEFAULT_MAX_DELAY;
		settings.jitter = RetryConfig.Builder.DEFAULT_JITTER;
		settings.retryOn = new ArrayList<>();
		settings.abortOn = new ArrayList<>();
		settings.budget = RetryBudgetSettings.withBuiltInDefaults();
		return settings;
	}

	public @Nullable Integer getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(@Nullable Integer maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public @Nullable Duration getDelay() {
		return this.delay;
	}

	public void setDelay(@Nullable Duration delay) {
		this.delay = delay;
	}

	public @Nullable Double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(@Nullable Double multiplier) {
		this.multiplier = multiplier;
	}

	public @Nullable Duration getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(@Nullable Duration maxDelay) {
		this.maxDelay = maxDelay;
	}

	public @Nullable Double getJitter() {
		return this.jitter;
	}

	public void setJitter(@Nullable Double jitter) {
		this.jitter = jitter;
	}

	public @Nullable Duration getMaxDuration() {
		return this.maxDuration;
	}

	public void setMaxDuration(@Nullable Duration maxDuration) {
		this.maxDuration = maxDuration;
	}

	public @Nullable List<Class<? extends Throwable>> getRetryOn() {
		return this.retryOn;
	}

	public void setRetryOn(@Nullable List<Class<? extends Throwable>> retryOn) {
		this.retryOn = retryOn;
	}

	public @Nullable List<Class<? extends Throwable>> getAbortOn() {
		return this.abortOn;
	}

	public void setAbortOn(@Nullable List<Class<? extends Throwable>> abortOn) {
		this.abortOn = abortOn;
	}

	public RetryBudgetSettings getBudget() {
		return this.budget;
	}

}

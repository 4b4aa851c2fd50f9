package dev.resilience.aop;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.StringValueResolver;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.ConcurrencyLimited;
import dev.resilience.annotation.Hedged;
import dev.resilience.annotation.RateLimited;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.ConcurrencyLimitConfig;
import dev.resilience.core.HedgeConfig;
import dev.resilience.core.HedgeDelay;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.RateLimiterConfig;
import dev.resilience.core.RetryConfig;
import dev.resilience.core.TimeLimiterConfig;

/**
 * Turns the attributes set on an annotation into settings that the configuration layers apply
 * between the defaults and the instance's own properties. Unset attributes ({@code -1},
 * {@code ""}, empty arrays) set nothing; durations and booleans are resolved ({@code ${...}}) and
 * parsed once.
 */
final class AnnotationSettings {

	private static final int UNSET = -1;

	private final StringValueResolver resolver;

	AnnotationSettings(StringValueResolver resolver) {
		this.resolver = resolver;
	}

	Consumer<RetryConfig.Builder> retry(Retryable retryable) {
		Duration delay = duration("delay", retryable.delay());
		Duration maxDelay = duration("max-delay", retryable.maxDelay());
		Duration maxDuration = duration("max-duration", retryable.maxDuration());
		return (builder) -> {
			if (retryable.maxAttempts() != UNSET) {
				builder.maxAttempts(retryable.maxAttempts());
			}
			if (delay != null) {
				builder.delay(delay);
			}
			if (retryable.multiplier() != UNSET) {
				builder.multiplier(retryable.multiplier());
			}
			if (maxDelay != null) {
				builder.maxDelay(maxDelay);
			}
			if (retryable.jitter() != UNSET) {
				builder.jitter(retryable.jitter());
			}
			if (maxDuration != null) {
				builder.maxDuration(maxDuration);
			}
			if (retryable.retryOn().length > 0) {
				builder.retryOn(Arrays.asList(retryable.retryOn()));
			}
			if (retryable.abortOn().length > 0) {
				builder.abortOn(Arrays.asList(retryable.abortOn()));
			}
		};
	}

	Consumer<CircuitBreakerConfig.Builder> circuitBreaker(CircuitGuarded guarded) {
		Duration waitInOpen = duration("wait-in-open", guarded.waitInOpen());
		Duration slowCallDuration = duration("slow-call-duration", guarded.slowCallDuration());
		return (builder) -> {
			if (guarded.failureRateThreshold() != UNSET) {
				builder.failureRateThreshold(guarded.failureRateThreshold());
			}
			if (guarded.minimumCalls() != UNSET) {
				builder.minimumCalls(guarded.minimumCalls());
			}
			if (guarded.slidingWindowSize() != UNSET) {
				builder.slidingWindowSize(guarded.slidingWindowSize());
			}
			if (waitInOpen != null) {
				builder.waitInOpen(waitInOpen);
			}
			if (guarded.halfOpenCalls() != UNSET) {
				builder.halfOpenCalls(guarded.halfOpenCalls());
			}
			if (slowCallDuration != null) {
				builder.slowCallDuration(slowCallDuration);
			}
			if (guarded.slowCallRateThreshold() != UNSET) {
				builder.slowCallRateThreshold(guarded.slowCallRateThreshold());
			}
			if (guarded.recordOn().length > 0) {
				builder.recordOn(Arrays.asList(guarded.recordOn()));
			}
			if (guarded.ignore().length > 0) {
				builder.ignore(Arrays.asList(guarded.ignore()));
			}
		};
	}

	Consumer<TimeLimiterConfig.Builder> timeLimiter(TimeLimited timeLimited) {
		Duration timeout = duration("timeout", timeLimited.timeout());
		Boolean cancelRunning = bool("cancel-running", timeLimited.cancelRunning());
		return (builder) -> {
			if (timeout != null) {
				builder.timeout(timeout);
			}
			if (cancelRunning != null) {
				builder.cancelRunning(cancelRunning);
			}
		};
	}

	Consumer<ConcurrencyLimitConfig.Builder> concurrencyLimit(ConcurrencyLimited limited) {
		Duration maxWait = duration("max-wait", limited.maxWait());
		return (builder) -> {
			if (limited.limit() != UNSET) {
				builder.limit(limited.limit());
			}
			if (maxWait != null) {
				builder.maxWait(maxWait);
			}
		};
	}

	Consumer<RateLimiterConfig.Builder> rateLimiter(RateLimited limited) {
		Duration period = duration("period", limited.period());
		Duration maxWait = duration("max-wait", limited.maxWait());
		return (builder) -> {
			if (limited.limit() != UNSET) {
				builder.limit(limited.limit());
			}
			if (period != null) {
				builder.period(period);
			}
			if (maxWait != null) {
				builder.maxWait(maxWait);
			}
		};
	}

	Consumer<HedgeConfig.Builder> hedge(Hedged hedged) {
		HedgeDelay delay = hedgeDelay(hedged.delay());
		return (builder) -> {
			if (hedged.maxAttempts() != UNSET) {
				builder.maxAttempts(hedged.maxAttempts());
			}
			if (delay != null) {
				builder.delay(delay);
			}
		};
	}

	/**
	 * Returns the instance name: the attribute, with placeholders resolved, or the default.
	 */
	String name(String attribute, String defaultName) {
		String resolved = resolve(attribute);
		return (resolved == null || resolved.isBlank()) ? defaultName : resolved.strip();
	}

	private @Nullable Duration duration(String setting, String attribute) {
		String value = resolve(attribute);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException(setting, value,
					"a duration such as 500ms, 2s or PT1M");
		}
	}

	/** A hedge's delay: a percentile ({@code p95}) or a duration. */
	private @Nullable HedgeDelay hedgeDelay(String attribute) {
		String value = resolve(attribute);
		if (value == null || value.isBlank()) {
			return null;
		}
		return HedgeDelay.parse(value, DurationStyle::detectAndParse);
	}

	private @Nullable Boolean bool(String setting, String attribute) {
		String value = resolve(attribute);
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.equalsIgnoreCase("true") || stripped.equalsIgnoreCase("false")) {
			return Boolean.valueOf(stripped);
		}
		throw new InvalidConfigurationException(setting, value, "true or false");
	}

	private @Nullable String resolve(String attribute) {
		return attribute.isEmpty() ? attribute : this.resolver.resolveStringValue(attribute);
	}

}

package dev.resilience.core;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How long a hedged call waits for an attempt before it sends the next: a fixed duration, or a
 * percentile of the instance's own recent latency ({@code p90}, {@code p95}, {@code p99}), so
 * that the next attempt goes out when the current one is slower than that share of recent calls.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class HedgeDelay {

	private static final Pattern PERCENTILE = Pattern.compile("[pP](\\d{1,2}(\\.\\d+)?)");

	private static final String ALLOWED = "a duration of at least 0, or p followed by a percentile above 0 and below 100 (p90, p95, p99)";

	private final Duration fixed;

	private final double percentile;

	private HedgeDelay(Duration fixed, double percentile) {
		this.fixed = fixed;
		this.percentile = percentile;
	}

	/**
	 * Returns a fixed delay.
	 * @param delay the delay, zero to send every attempt at once
	 * @return the delay
	 */
	public static HedgeDelay of(Duration delay) {
		if (delay.isNegative()) {
			throw new InvalidConfigurationException("delay", delay, ALLOWED);
		}
		return new HedgeDelay(delay, Double.NaN);
	}

	/**
	 * Returns a delay that follows a percentile of the recent latency.
	 * @param percentile the percentile, above 0 and below 100
	 * @return the delay
	 */
	public static HedgeDelay percentile(double percentile) {
		if (!(percentile > 0 && percentile < 100)) {
			throw new InvalidConfigurationException("delay", "p" + percentile, ALLOWED);
		}
		return new HedgeDelay(Duration.ZERO, percentile);
	}

	/**
	 * Whether a text names a percentile ({@code p} and a number), rather than a duration.
	 * @param text the text of a delay
	 * @return true for {@code p95} and the like
	 */
	public static boolean isPercentile(String text) {
		return PERCENTILE.matcher(text.trim()).matches();
	}

	/**
	 * Parses a percentile delay such as {@code p95}.
	 * @param text the text
	 * @return the delay
	 * @throws InvalidConfigurationException if the text names no percentile above 0 and below 100
	 */
	public static HedgeDelay parsePercentile(String text) {
		java.util.regex.Matcher matcher = PERCENTILE.matcher(text.trim());
		if (!matcher.matches()) {
			throw new InvalidConfigurationException("delay", text, ALLOWED);
		}
		return percentile(Double.parseDouble(matcher.group(1)));
	}

	/**
	 * Parses a delay as it is written in configuration: a percentile such as {@code p95}, or a
	 * duration.
	 * @param text the text
	 * @param durations parses a duration, throwing {@link IllegalArgumentException} for text that
	 * is none
	 * @return the delay
	 * @throws InvalidConfigurationException if the text is neither a percentile above 0 and below
	 * 100 nor a duration of at least 0
	 */
	public static HedgeDelay parse(String text, Function<String, Duration> durations) {
		String stripped = text.strip();
		if (isPercentile(stripped)) {
			return parsePercentile(stripped);
		}
		Duration duration;
		try {
			duration = durations.apply(stripped);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationException("delay", text, ALLOWED);
		}
		return of(duration);
	}

	/** Whether the delay follows a percentile of the recent latency. */
	public boolean isPercentile() {
		return !Double.isNaN(this.percentile);
	}

	/** The percentile followed, or {@code NaN} for a fixed delay. */
	public double percentile() {
		return this.percentile;
	}

	/** The fixed delay, or zero for a percentile. */
	public Duration fixed() {
		return this.fixed;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof HedgeDelay that) && this.fixed.equals(that.fixed)
				&& Double.compare(this.percentile, that.percentile) == 0;
	}

	@Override
	public int hashCode() {
		return this.fixed.hashCode() * 31 + Double.hashCode(this.percentile);
	}

	@Override
	public String toString() {
		if (!isPercentile()) {
			return this.fixed.toString();
		}
		return (this.percentile == Math.rint(this.percentile)) ? "p" + (long) this.percentile
				: "p" + String.format(Locale.ROOT, "%s", this.percentile);
	}

}

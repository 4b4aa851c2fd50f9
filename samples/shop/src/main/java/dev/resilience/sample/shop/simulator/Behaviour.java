package dev.resilience.sample.shop.simulator;

import org.jspecify.annotations.Nullable;

/**
 * The behaviour of a simulated service, as set over HTTP, for example
 * {@code {"mode": "failing", "status": 500, "times": 2}}. Settings a mode does not use are ignored;
 * those left out take a default.
 *
 * @param mode what the service does
 * @param latencyMs delay of a slow answer (default 3000)
 * @param status status of a failure, 500 to 599 (default 503)
 * @param retryAfterSeconds {@code Retry-After} of a rate-limited answer (default 1)
 * @param failureRate share of failing requests when flapping, 0 to 1 (default 0.5)
 * @param times requests this behaviour applies to before the service is healthy again; 0 (the
 * default) until it is changed
 */
public record Behaviour(Mode mode, @Nullable Integer latencyMs, @Nullable Integer status,
		@Nullable Integer retryAfterSeconds, @Nullable Double failureRate, @Nullable Integer times) {

	public static final Behaviour HEALTHY = new Behaviour(Mode.HEALTHY, null, null, null, null, null);

	public Behaviour {
		if (mode == null) {
			throw new IllegalArgumentException("mode is required: one of healthy, slow, failing, rate-limited, down, flapping");
		}
		latencyMs = orDefault(latencyMs, 3000);
		status = orDefault(status, 503);
		retryAfterSeconds = orDefault(retryAfterSeconds, 1);
		failureRate = (failureRate != null) ? failureRate : 0.5;
		times = orDefault(times, 0);
		check(latencyMs >= 0, "latencyMs must be 0 or more");
		check(status >= 500 && status <= 599, "status must be a server error, 500 to 599");
		check(retryAfterSeconds >= 0, "retryAfterSeconds must be 0 or more");
		check(failureRate >= 0 && failureRate <= 1, "failureRate must be between 0 and 1");
		check(times >= 0, "times must be 0 (until changed) or more");
	}

	/** Returns the behaviour for the request after this one. */
	Behaviour afterOneRequest() {
		if (this.times == 0) {
			return this;
		}
		return (this.times == 1) ? HEALTHY
				: new Behaviour(this.mode, this.latencyMs, this.status, this.retryAfterSeconds, this.failureRate,
						this.times - 1);
	}

	private static int orDefault(@Nullable Integer value, int fallback) {
		return (value != null) ? value : fallback;
	}

	private static void check(boolean valid, String message) {
		if (!valid) {
			throw new IllegalArgumentException(message);
		}
	}

}

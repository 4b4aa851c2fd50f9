package dev.resilience.sample.shop.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The behaviour of a simulated service, as set over HTTP, for example
 * {@code {"mode": "failing", "status": 500, "times": 2}}. A setting the mode uses takes a default
 * when left out; a setting it does not use is dropped.
 *
 * @param mode what the service does
 * @param latencyMs {@code slow}: delay before answering (default 3000); {@code slow-tail}: delay
 * of a slow request (default 1000); {@code saturating}: the delay while at most {@code capacity}
 * requests are in flight (default 100)
 * @param status {@code failing} and {@code flapping}: status of a failure, 500 to 599 (default 503)
 * @param retryAfterSeconds {@code rate-limited}: value of {@code Retry-After} (default 1)
 * @param failureRate {@code flapping}: share of failing requests, 0 to 1 (default 0.5)
 * @param slowRate {@code slow-tail}: share of requests that take {@code latencyMs}, 0 to 1
 * (default 0.05)
 * @param capacity {@code saturating}: requests in flight that the service serves without
 * slowing down (default 4); with more, each takes {@code latencyMs} x in-flight / capacity
 * @param times requests this behaviour applies to before the service is healthy again; left out
 * (or 0), until it is changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Behaviour(Mode mode, @Nullable Integer latencyMs, @Nullable Integer status,
		@Nullable Integer retryAfterSeconds, @Nullable Double failureRate, @Nullable Double slowRate,
		@Nullable Integer capacity,
		@Nullable Integer times) {

	public static final Behaviour HEALTHY = new Behaviour(Mode.HEALTHY, null, null, null, null, null, null, null);

	public Behaviour {
		if (mode == null) {
			throw new IllegalArgumentException(
					"mode is required: one of healthy, slow, slow-tail, failing, rate-limited, down, flapping, hung, saturating");
		}
		latencyMs = switch (mode) {
			case SLOW -> orDefault(latencyMs, 3000);
			case SLOW_TAIL -> orDefault(latencyMs, 1000);
			case SATURATING -> orDefault(latencyMs, 100);
			default -> null;
		};
		status = (mode == Mode.FAILING || mode == Mode.FLAPPING) ? orDefault(status, 503) : null;
		retryAfterSeconds = (mode == Mode.RATE_LIMITED) ? orDefault(retryAfterSeconds, 1) : null;
		failureRate = (mode == Mode.FLAPPING) ? orDefault(failureRate, 0.5) : null;
		slowRate = (mode == Mode.SLOW_TAIL) ? orDefault(slowRate, 0.05) : null;
		capacity = (mode == Mode.SATURATING) ? orDefault(capacity, 4) : null;
		times = (times != null && times != 0) ? times : null;
		check(latencyMs == null || latencyMs >= 0, "latencyMs must be 0 or more");
		check(status == null || (status >= 500 && status <= 599), "status must be a server error, 500 to 599");
		check(retryAfterSeconds == null || retryAfterSeconds >= 0, "retryAfterSeconds must be 0 or more");
		check(failureRate == null || (failureRate >= 0 && failureRate <= 1), "failureRate must be between 0 and 1");
		check(slowRate == null || (slowRate >= 0 && slowRate <= 1), "slowRate must be between 0 and 1");
		check(capacity == null || capacity > 0, "capacity must be 1 or more");
		check(times == null || times > 0, "times must be 0 (until changed) or more");
	}

	/** Returns the behaviour for the request after this one. */
	Behaviour afterOneRequest() {
		if (this.times == null) {
			return this;
		}
		return (this.times == 1) ? HEALTHY
				: new Behaviour(this.mode, this.latencyMs, this.status, this.retryAfterSeconds, this.failureRate,
						this.slowRate, this.capacity, this.times - 1);
	}

	/**
	 * Returns the latency of a {@code saturating} request that arrives while the given number of
	 * requests, itself included, are in flight.
	 */
	long saturatedLatencyMs(int inFlight) {
		return (long) this.latencyMs * Math.max(inFlight, this.capacity) / this.capacity;
	}

	private static <T> T orDefault(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static void check(boolean valid, String message) {
		if (!valid) {
			throw new IllegalArgumentException(message);
		}
	}

}

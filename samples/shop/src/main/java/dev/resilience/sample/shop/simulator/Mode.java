package dev.resilience.sample.shop.simulator;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a simulated service treats the requests it receives.
 */
public enum Mode {

	/** Answers at once. */
	HEALTHY,

	/** Answers after a delay. */
	SLOW,

	/**
	 * Answers at once, except a share of the requests, chosen at random, that take a delay: a
	 * service whose slow calls have nothing to do with the request (a pause for garbage
	 * collection, a cold cache, one bad host), so that the same request sent again is most likely
	 * fast.
	 */
	SLOW_TAIL,

	/** Answers with a server error (503 unless told otherwise). */
	FAILING,

	/** Answers 429 Too Many Requests with a {@code Retry-After} header. */
	RATE_LIMITED,

	/** Closes the connection without answering, as when the process behind the port has died. */
	DOWN,

	/** Fails at random, at a given rate. */
	FLAPPING,

	/**
	 * Holds each request without answering, ignoring interruption, until the service's mode is
	 * next set, or for 60 seconds at most; then answers as if healthy. As a process stuck on a lock
	 * or on a call without a timeout: every request held holds a server thread.
	 */
	HUNG,

	/**
	 * Answers after a latency that grows with the requests in flight, as a server that has
	 * {@code capacity} workers and queues the rest: the base latency while at most
	 * {@code capacity} requests are in flight, then base x in-flight / capacity.
	 */
	SATURATING;

	/** Parses {@code rate-limited}, {@code RATE_LIMITED} and the like. */
	@JsonCreator
	public static Mode of(String name) {
		for (Mode mode : values()) {
			if (mode.toJson().equalsIgnoreCase(name.trim().replace('_', '-'))) {
				return mode;
			}
		}
		throw new IllegalArgumentException(
				"Unknown mode '" + name + "': one of healthy, slow, slow-tail, failing, rate-limited, down, flapping, hung, "
						+ "saturating");
	}

	@JsonValue
	public String toJson() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}

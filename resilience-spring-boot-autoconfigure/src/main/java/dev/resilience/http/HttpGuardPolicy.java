package dev.resilience.http;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.resilience.core.Deadline;
import dev.resilience.core.TimeLimitExceededException;

/**
 * What the HTTP client guard may retry and which headers it sends: the idempotent methods that
 * are retried after read errors and the listed statuses, the idempotency-key header added to
 * POST and PATCH, and the header that carries the remaining time of a deadline.
 *
 * @param methods the idempotent methods (RFC 9110)
 * @param statuses the statuses retried for idempotent requests
 * @param idempotencyKeyHeader the idempotency-key header, or {@code null} to never add one
 * @param deadlineHeader the header that carries the remaining time, or {@code null} to send none
 * @param deadlineFormat how that header writes the remaining time
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public record HttpGuardPolicy(Set<HttpMethod> methods, Set<Integer> statuses, @Nullable String idempotencyKeyHeader,
		@Nullable String deadlineHeader, DeadlineHeaderFormat deadlineFormat) {

	/**
	 * Creates a policy that sends the remaining time in milliseconds.
	 * @param methods the idempotent methods (RFC 9110)
	 * @param statuses the statuses retried for idempotent requests
	 * @param idempotencyKeyHeader the idempotency-key header, or {@code null} to never add one
	 * @param deadlineHeader the header that carries the remaining time, or {@code null} to send none
	 */
	public HttpGuardPolicy(Set<HttpMethod> methods, Set<Integer> statuses, @Nullable String idempotencyKeyHeader,
			@Nullable String deadlineHeader) {
		this(methods, statuses, idempotencyKeyHeader, deadlineHeader, DeadlineHeaderFormat.MILLIS);
	}

	/**
	 * Returns the defaults: GET, HEAD, OPTIONS, PUT, DELETE and TRACE retried on 408, 429, 502,
	 * 503 and 504; {@code Idempotency-Key} added; the remaining time sent as
	 * {@code X-Request-Timeout}.
	 * @return the default policy
	 */
	public static HttpGuardPolicy defaults() {
		return new HttpGuardPolicy(Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT,
				HttpMethod.DELETE, HttpMethod.TRACE), Set.of(408, 429, 502, 503, 504), "Idempotency-Key",
				"X-Request-Timeout");
	}

	public HttpGuardPolicy {
		methods = Set.copyOf(methods);
		statuses = Set.copyOf(statuses);
		idempotencyKeyHeader = (idempotencyKeyHeader == null || idempotencyKeyHeader.isBlank()) ? null
				: idempotencyKeyHeader;
		deadlineHeader = (deadlineHeader == null || deadlineHeader.isBlank()) ? null : deadlineHeader;
	}

	/**
	 * Whether a request may be sent again after its response was lost: its method is idempotent
	 * or it carries an idempotency key.
	 */
	boolean isRepeatable(HttpMethod method, HttpHeaders headers) {
		return this.methods.contains(method)
				|| (this.idempotencyKeyHeader != null && headers.containsHeader(this.idempotencyKeyHeader));
	}

	/** Whether the guard adds an idempotency key to a POST or PATCH request that has none. */
	boolean needsIdempotencyKey(HttpMethod method, HttpHeaders headers) {
		return this.idempotencyKeyHeader != null && (HttpMethod.POST.equals(method) || HttpMethod.PATCH.equals(method))
				&& !headers.containsHeader(this.idempotencyKeyHeader);
	}

	/** Whether a repeatable request is retried when it gets this status. */
	boolean retriesStatus(int status) {
		return this.statuses.contains(status);
	}

	/**
	 * Sets the remaining time of a deadline on the headers of an attempt about to be sent.
	 * @param deadline the deadline of the call, or {@code null}
	 * @param instance the instance name of the host, for the exception
	 * @param headers the headers of the attempt
	 * @throws TimeLimitExceededException if the deadline has passed: nothing must be sent
	 */
	void sendRemainingTime(@Nullable Deadline deadline, String instance, HttpHeaders headers) {
		if (deadline == null || this.deadlineHeader == null) {
			return;
		}
		if (deadline.isExpired()) {
			throw new TimeLimitExceededException(instance, Duration.ZERO);
		}
		headers.set(this.deadlineHeader, this.deadlineFormat.format(deadline.remaining()));
	}

}

package dev.resilience.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The faults of one instance name, bound to {@code resilience.faults.instances.<name>}: the
 * instance name of an annotated method's policies, or a guarded HTTP client's host
 * ({@code "[api.example.com]"}). A fault left unset is not injected; a rate left unset is 1.
 *
 * @since 0.3.0
 */
public class FaultSettings {

	/**
	 * Latency added before the call runs, up to 10m.
	 */
	private @Nullable Duration latency;

	/**
	 * Share of calls that get the latency, from 0 to 1.
	 */
	private @Nullable Double latencyRate;

	/**
	 * Exception thrown instead of running the call (no request is sent): a concrete Throwable
	 * with a public constructor taking a message, such as java.io.IOException.
	 */
	private @Nullable Class<? extends Throwable> exception;

	/**
	 * Share of calls that get the exception, from 0 to 1.
	 */
	private @Nullable Double exceptionRate;

	/**
	 * HTTP status, 400 to 599, that a guarded HTTP client's host answers without the request
	 * being sent.
	 */
	private @Nullable Integer status;

	/**
	 * Share of requests answered with the status, from 0 to 1.
	 */
	private @Nullable Double statusRate;

	/**
	 * Retry-After sent with the status, rounded up to whole seconds.
	 */
	private @Nullable Duration retryAfter;

	public @Nullable Duration getLatency() {
		return this.latency;
	}

	public void setLatency(@Nullable Duration latency) {
		this.latency = latency;
	}

	public @Nullable Double getLatencyRate() {
		return this.latencyRate;
	}

	public void setLatencyRate(@Nullable Double latencyRate) {
		this.latencyRate = latencyRate;
	}

	public @Nullable Class<? extends Throwable> getException() {
		return this.exception;
	}

	public void setException(@Nullable Class<? extends Throwable> exception) {
		this.exception = exception;
	}

	public @Nullable Double getExceptionRate() {
		return this.exceptionRate;
	}

	public void setExceptionRate(@Nullable Double exceptionRate) {
		this.exceptionRate = exceptionRate;
	}

	public @Nullable Integer getStatus() {
		return this.status;
	}

	public void setStatus(@Nullable Integer status) {
		this.status = status;
	}

	public @Nullable Double getStatusRate() {
		return this.statusRate;
	}

	public void setStatusRate(@Nullable Double statusRate) {
		this.statusRate = statusRate;
	}

	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	public void setRetryAfter(@Nullable Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

}

package dev.resilience.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.RetryContext;
import dev.resilience.core.TimeLimitExceededException;

/**
 * Guards the requests of a {@code RestClient} (or {@code RestTemplate}) without annotations: one
 * retry and one circuit breaker per downstream {@code host[:port]}, configured, shown and metered
 * like any other instance.
 *
 * <p>A connection that could not be made is retried for any method; a read error or a status of
 * {@link HttpGuardPolicy#statuses()} only when the request may be repeated (an idempotent method,
 * or an idempotency key, which POST and PATCH get added). {@code Retry-After} sets the next delay.
 * Inside an annotated retrying call it makes one attempt, leaving retrying to the outer call. An
 * open breaker answers {@link dev.resilience.core.CallNotPermittedException} without sending
 * anything. When retries end on a status, the last response goes back to the client.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ResilienceClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final ResilienceRegistry registry;

	private final HttpGuardPolicy policy;

	private final Clock clock;

	private final Map<String, HostGuard> hosts = new ConcurrentHashMap<>();

	/**
	 * Creates an interceptor.
	 * @param registry gives the retry and the circuit breaker of each host
	 * @param policy what may be retried and which headers are sent
	 */
	public ResilienceClientHttpRequestInterceptor(ResilienceRegistry registry, HttpGuardPolicy policy) {
		this.registry = registry;
		this.policy = policy;
		this.clock = registry.clock();
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HostGuard guard = this.hosts.computeIfAbsent(hostName(request.getURI()), this::guard);
		RetryContext outer = RetryContext.current();
		Exchange exchange = new Exchange(request, body, execution, guard, outer);
		try {
			return (outer != null) ? exchange.get() : guard.retry().execute(exchange);
		}
		catch (HttpAttemptFailure failure) {
			ClientHttpResponse response = failure.response();
			if (response != null) {
				return response;
			}
			throw failure.ioFailure();
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UncheckedIOException(new IOException(ex));
		}
	}

	/**
	 * Returns the instance name of a request's host: {@code host[:port]} as the URL writes it.
	 * @param uri the request's URI
	 * @return the instance name
	 */
	public static String hostName(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			host = String.valueOf(uri.getAuthority());
		}
		return (uri.getPort() != -1) ? host + ":" + uri.getPort() : host;
	}

	private HostGuard guard(String host) {
		Retry retry = this.registry.retry(host, (builder) -> builder.transientFailures(HttpAttemptFailure::isRetryable)
			.retryAfter(HttpAttemptFailure::retryAfterNanos));
		CircuitBreaker breaker = this.registry.circuitBreaker(host,
				(builder) -> builder.transientFailures(HttpAttemptFailure::isRecorded));
		return new HostGuard(host, retry, breaker);
	}

	private record HostGuard(String host, Retry retry, CircuitBreaker breaker) {
	}

	/**
	 * The attempts of one request, sharing one idempotency key. Each attempt sends the buffered
	 * body again through the rest of the chain, and closes the response of the attempt before.
	 */
	private final class Exchange extends RetryContext implements CheckedSupplier<ClientHttpResponse> {

		private final HttpRequest request;

		private final byte[] body;

		private final ClientHttpRequestExecution execution;

		private final HostGuard guard;

		private final boolean repeatable;

		private int attempt;

		private @Nullable ClientHttpResponse previous;

		Exchange(HttpRequest request, byte[] body, ClientHttpRequestExecution execution, HostGuard guard,
				@Nullable RetryContext outer) {
			this.request = request;
			this.body = body;
			this.execution = execution;
			this.guard = guard;
			HttpGuardPolicy policy = ResilienceClientHttpRequestInterceptor.this.policy;
			if (policy.needsIdempotencyKey(request)) {
				String key = (outer != null) ? outer.idempotencyKey() : idempotencyKey();
				request.getHeaders().set(policy.idempotencyKeyHeader(), key);
			}
			this.repeatable = policy.isRepeatable(request);
		}

		@Override
		public int attempt() {
			return this.attempt;
		}

		@Override
		public ClientHttpResponse get() throws IOException {
			closePrevious();
			this.attempt++;
			sendRemainingTime();
			CircuitBreaker.Permit permit = this.guard.breaker().acquirePermit();
			Clock clock = ResilienceClientHttpRequestInterceptor.this.clock;
			long start = clock.nanoTime();
			RetryContext before = enter(this);
			ClientHttpResponse response;
			try {
				response = this.execution.execute(this.request, this.body);
			}
			catch (IOException ex) {
				HttpAttemptFailure failure = HttpAttemptFailure.io(ex,
						this.repeatable || ConnectionFailures.beforeSending(ex));
				permit.onError(clock.nanoTime() - start, failure);
				throw failure;
			}
			finally {
				restore(before);
			}
			return classify(response, permit, clock.nanoTime() - start);
		}

		private ClientHttpResponse classify(ClientHttpResponse response, CircuitBreaker.Permit permit, long nanos)
				throws IOException {
			int status = response.getStatusCode().value();
			boolean recorded = status >= 500 || status == 429;
			boolean retryable = this.repeatable && ResilienceClientHttpRequestInterceptor.this.policy.statuses()
				.contains(status);
			if (!recorded && !retryable) {
				permit.onSuccess(nanos);
				return response;
			}
			HttpAttemptFailure failure = HttpAttemptFailure.status(response,
					response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), retryable, recorded);
			if (recorded) {
				permit.onError(nanos, failure);
			}
			else {
				permit.onSuccess(nanos);
			}
			if (!retryable) {
				return response;
			}
			this.previous = response;
			throw failure;
		}

		private void sendRemainingTime() {
			Deadline deadline = Deadline.current();
			String header = ResilienceClientHttpRequestInterceptor.this.policy.deadlineHeader();
			if (deadline == null || header == null) {
				return;
			}
			if (deadline.isExpired()) {
				throw new TimeLimitExceededException(this.guard.host(), Duration.ZERO);
			}
			this.request.getHeaders().set(header, RequestTimeoutHeader.format(deadline.remaining()));
		}

		private void closePrevious() {
			if (this.previous != null) {
				this.previous.close();
				this.previous = null;
			}
		}

	}

}

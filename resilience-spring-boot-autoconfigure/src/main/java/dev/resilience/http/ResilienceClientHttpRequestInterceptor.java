package dev.resilience.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;
import dev.resilience.core.FaultInjector;
import dev.resilience.core.Faults;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryContext;
import dev.resilience.http.HostGuards.HostGuard;
import dev.resilience.pipeline.CircuitBreakerStage;
import dev.resilience.pipeline.DeadlineStage;
import dev.resilience.pipeline.ProceedStage;
import dev.resilience.pipeline.RateLimiterStage;
import dev.resilience.pipeline.RetryStage;
import dev.resilience.pipeline.Stage;

/**
 * Guards the requests of a {@code RestClient} (or {@code RestTemplate}) without annotations: one
 * retry and one circuit breaker per downstream {@code host[:port]} (the host in lower case),
 * configured, shown and metered like any other instance, for a bounded number of hosts (see
 * {@link HostGuards}).
 *
 * <p>A connection that could not be made is retried for any method; a read error or a status of
 * {@link HttpGuardPolicy#statuses()} only when the request may be repeated (an idempotent method,
 * or an idempotency key, which POST and PATCH get added). {@code Retry-After} sets the next delay.
 * Inside an annotated retrying call it makes one attempt, leaving retrying to the outer call. An
 * open breaker answers {@link dev.resilience.core.CallNotPermittedException} without sending
 * anything. When retries end on a status, the last response goes back to the client. Every
 * attempt that got a permit reports exactly one outcome to the breaker, including an I/O error
 * raised while the status is read (some request factories send the body and wait for the
 * response only then), which is a transport failure like one raised by the request itself.
 *
 * <p>Given {@link Faults}, each attempt to a host with faults set under its name
 * ({@code resilience.faults.instances."[api.example.com]"}) draws them where the request would be
 * executed, after the breaker's permit and the rate limiter, so that every policy above sees them
 * as the dependency's own misbehaviour: injected latency is spent first on the calling thread,
 * then an injected exception is thrown as if executing the request threw it (a checked exception
 * other than an {@link IOException} as the cause of one), then an injected status is answered
 * with an empty body and its {@code Retry-After}, without sending anything, and classified as a
 * real response. A host without faults costs one map lookup per attempt; no faults, none.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ResilienceClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final HostGuards guards;

	private final HttpGuardPolicy policy;

	private static final Stage<HttpCall> PROCEED = new ProceedStage<>(HttpCall.ATTEMPTS);

	private final Clock clock;

	private final @Nullable Faults faults;

	/**
	 * Creates an interceptor that keeps the instances of at most
	 * {@value HostGuards#DEFAULT_MAX_HOSTS} hosts of its own.
	 * @param registry gives the retry and the circuit breaker of each host
	 * @param policy what may be retried and which headers are sent
	 */
	public ResilienceClientHttpRequestInterceptor(ResilienceRegistry registry, HttpGuardPolicy policy) {
		this(registry, policy, null);
	}

	/**
	 * Creates an interceptor that keeps the instances of at most
	 * {@value HostGuards#DEFAULT_MAX_HOSTS} hosts of its own and injects the faults of each host.
	 * @param registry gives the retry and the circuit breaker of each host
	 * @param policy what may be retried and which headers are sent
	 * @param faults the faults of each host, or {@code null} to inject none
	 */
	public ResilienceClientHttpRequestInterceptor(ResilienceRegistry registry, HttpGuardPolicy policy,
			@Nullable Faults faults) {
		this(new HostGuards(registry, HostGuards.DEFAULT_MAX_HOSTS), policy, faults);
	}

	/**
	 * Creates an interceptor that shares the hosts of other guards.
	 * @param guards the retry and the circuit breaker of each host, with their bound
	 * @param policy what may be retried and which headers are sent
	 */
	public ResilienceClientHttpRequestInterceptor(HostGuards guards, HttpGuardPolicy policy) {
		this(guards, policy, null);
	}

	/**
	 * Creates an interceptor that shares the hosts of other guards and injects the faults of each
	 * host.
	 * @param guards the retry and the circuit breaker of each host, with their bound
	 * @param policy what may be retried and which headers are sent
	 * @param faults the faults of each host, or {@code null} to inject none
	 */
	public ResilienceClientHttpRequestInterceptor(HostGuards guards, HttpGuardPolicy policy, @Nullable Faults faults) {
		this.guards = guards;
		this.policy = policy;
		this.clock = guards.registry().clock();
		this.faults = faults;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		HostGuard guard = this.guards.forUri(request.getURI());
		RetryContext outer = RetryContext.current();
		Exchange exchange = new Exchange(request, body, execution, guard, outer);
		try {
			return (ClientHttpResponse) pipeline(guard, outer == null).invoke(exchange);
		}
		catch (HttpAttemptFailure failure) {
			Object response = failure.response();
			if (response != null) {
				return (ClientHttpResponse) response;
			}
			// a transport failure: the I/O error as it was, checked or not
			Throwable cause = failure.getCause();
			if (cause instanceof RuntimeException unchecked) {
				throw unchecked;
			}
			throw (IOException) cause;
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UncheckedIOException(new IOException(ex));
		}
	}

	/**
	 * Returns the stages of a request to a host: the breaker of the host over each attempt (and
	 * the host's rate limiter, where one is configured, inside it), within the deadline when its
	 * remaining time is sent, and the retry of the host around them unless an enclosing call
	 * retries.
	 */
	private Stage<HttpCall> pipeline(HostGuard guard, boolean retrying) {
		RateLimiter rateLimiter = guard.rateLimiter();
		Stage<HttpCall> send = (rateLimiter != null) ? new RateLimiterStage<>(rateLimiter, HttpCall.ATTEMPTS, PROCEED)
				: PROCEED;
		Stage<HttpCall> attempt = new CircuitBreakerStage<>(guard.breaker(), this.clock, HttpCall.ATTEMPTS, send);
		if (this.policy.deadlineHeader() != null) {
			attempt = new DeadlineStage<>(guard.host(), HttpCall.ATTEMPTS, attempt);
		}
		return retrying ? new RetryStage<>(guard.retry(), HttpCall.ATTEMPTS, attempt) : attempt;
	}

	/** Closes the response of an attempt that failed; its failure is the one that matters. */
	private static void closeQuietly(@Nullable ClientHttpResponse response) {
		if (response != null) {
			try {
				response.close();
			}
			catch (RuntimeException ex) {
				// ignored: the attempt has failed already
			}
		}
	}

	/**
	 * The attempts of one request, sharing one idempotency key. Each attempt sends the buffered
	 * body again through the rest of the chain, and closes the response of the attempt before.
	 */
	private final class Exchange extends RetryContext implements HttpCall {

		private final HttpRequest request;

		private final byte[] body;

		private final ClientHttpRequestExecution execution;

		private final HostGuard guard;

		private final boolean repeatable;

		private final @Nullable Deadline deadline;

		private int attempt;

		private @Nullable ClientHttpResponse previous;

		private @Nullable HttpAttemptFailure answered;

		Exchange(HttpRequest request, byte[] body, ClientHttpRequestExecution execution, HostGuard guard,
				@Nullable RetryContext outer) {
			this.request = request;
			this.body = body;
			this.execution = execution;
			this.guard = guard;
			this.deadline = Deadline.current();
			HttpGuardPolicy policy = ResilienceClientHttpRequestInterceptor.this.policy;
			HttpHeaders headers = request.getHeaders();
			if (policy.needsIdempotencyKey(request.getMethod(), headers)) {
				String key = (outer != null) ? outer.idempotencyKey() : idempotencyKey();
				headers.set(policy.idempotencyKeyHeader(), key);
			}
			this.repeatable = policy.isRepeatable(request.getMethod(), headers);
		}

		@Override
		public int attempt() {
			return this.attempt;
		}

		@Override
		public @Nullable Deadline deadline() {
			return this.deadline;
		}

		@Override
		public @Nullable HttpAttemptFailure answered() {
			return this.answered;
		}

		@Override
		public void release(Object response) {
			closeQuietly((ClientHttpResponse) response);
		}

		@Override
		public ClientHttpResponse send() throws IOException {
			closePrevious();
			this.attempt++;
			this.answered = null;
			HttpGuardPolicy policy = ResilienceClientHttpRequestInterceptor.this.policy;
			policy.sendRemainingTime(this.deadline, this.guard.host(), this.request.getHeaders());
			RetryContext before = enter(this);
			ClientHttpResponse response = null;
			int status;
			@Nullable String retryAfter;
			try {
				response = execute();
				// some request factories send the body and wait for the response only here
				status = response.getStatusCode().value();
				retryAfter = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
			}
			catch (IOException | RuntimeException ex) {
				closeQuietly(response);
				if (ex instanceof RuntimeException unchecked && !ConnectionFailures.isTransport(unchecked)) {
					throw unchecked;
				}
				throw HttpAttemptFailure.transport(ex, this.repeatable);
			}
			catch (Error ex) {
				closeQuietly(response);
				throw ex;
			}
			finally {
				restore(before);
			}
			HttpAttemptFailure failure = HttpAttemptFailure.status(status, response, retryAfter,
					this.repeatable && policy.retriesStatus(status));
			if (failure != null && HttpAttemptFailure.isRetryable(failure)) {
				this.previous = response;
				throw failure;
			}
			this.answered = failure;
			return response;
		}

		/** Executes the request, unless an injected fault answers for its host. */
		private ClientHttpResponse execute() throws IOException {
			Faults faults = ResilienceClientHttpRequestInterceptor.this.faults;
			FaultInjector injector = (faults != null) ? faults.find(this.guard.host()) : null;
			if (injector != null) {
				ClientHttpResponse injected = inject(injector);
				if (injected != null) {
					return injected;
				}
			}
			return this.execution.execute(this.request, this.body);
		}

		/**
		 * Draws the faults of the host for this attempt: spends the latency, throws the exception,
		 * or returns the status's response.
		 * @return the injected response, or {@code null} to send the request
		 */
		private @Nullable ClientHttpResponse inject(FaultInjector injector) throws IOException {
			try {
				injector.spendLatency();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				InterruptedIOException interrupted = new InterruptedIOException(
						"Interrupted during the latency injected for '" + injector.name() + "'");
				interrupted.initCause(ex);
				throw interrupted;
			}
			Throwable exception = injector.exception();
			if (exception instanceof IOException io) {
				throw io;
			}
			if (exception instanceof RuntimeException unchecked) {
				throw unchecked;
			}
			if (exception instanceof Error error) {
				throw error;
			}
			if (exception != null) {
				// executing a request throws nothing else checked
				throw new IOException(exception.getMessage(), exception);
			}
			int status = injector.status();
			return (status != 0) ? new InjectedResponse(status, injector.config().retryAfter()) : null;
		}

		private void closePrevious() {
			if (this.previous != null) {
				this.previous.close();
				this.previous = null;
			}
		}

	}

}

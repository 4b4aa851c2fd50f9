package dev.resilience.http;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.FaultInjector;
import dev.resilience.core.Faults;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryContext;
import dev.resilience.http.HostGuards.HostGuard;
import dev.resilience.pipeline.AsyncCircuitBreakerStage;
import dev.resilience.pipeline.AsyncProceedStage;
import dev.resilience.pipeline.AsyncRateLimiterStage;
import dev.resilience.pipeline.AsyncRetryStage;
import dev.resilience.pipeline.AsyncType;
import dev.resilience.pipeline.DeadlineStage;
import dev.resilience.pipeline.ReactorType;
import dev.resilience.pipeline.Stage;

/**
 * Guards the requests of a {@code WebClient} without annotations, as
 * {@link ResilienceClientHttpRequestInterceptor} guards those of a {@code RestClient}: the same
 * retry and circuit breaker per downstream {@code host[:port]}, the same classification, headers
 * and {@code Retry-After}, without blocking a thread. Delays between attempts run on the
 * registry's {@link DelayScheduler}.
 *
 * <p>Each subscription is one guarded call with one idempotency key, run by the same asynchronous
 * stages as an annotated {@code Mono} method: the retry of the host over its breaker over each
 * attempt. Each attempt sends the request again with its body inserter; the body of a response
 * that is retried is released before the delay.
 * Cancelling the call cancels a pending delay and hands the breaker's permit back. An open
 * breaker answers {@link dev.resilience.core.CallNotPermittedException}, as it is, without
 * sending anything; when retries end on a status, the last response goes back to the client.
 * Inside an annotated retrying call (one whose {@link RetryContext} is current when the request
 * is subscribed to) it makes one attempt, leaving retrying to the outer call.
 *
 * <p>Given {@link Faults}, each attempt to a host with faults set under its name
 * ({@code resilience.faults.instances."[api.example.com]"}) draws them where the request would be
 * exchanged, after the breaker's permit and the rate limiter, so that every policy above sees them
 * as the dependency's own misbehaviour: injected latency first delays the attempt on the
 * {@link DelayScheduler}, blocking no thread; then the attempt fails with an injected exception,
 * or an injected status answers with an empty body and its {@code Retry-After}, without sending
 * anything, and is classified as a real response. A host without faults costs one map lookup per
 * attempt; no faults, none.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ResilienceExchangeFilterFunction implements ExchangeFilterFunction {

	/** Captures the caller's thread-local context for the attempts after the first. */
	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private final HostGuards guards;

	private final HttpGuardPolicy policy;

	private final Clock clock;

	private final AsyncType type;

	private final Stage<HttpCall> proceed;

	private final @Nullable Faults faults;

	/**
	 * Creates a filter that keeps the instances of at most {@value HostGuards#DEFAULT_MAX_HOSTS}
	 * hosts of its own.
	 * @param registry gives the retry and the circuit breaker of each host, the clock and the
	 * scheduler of delays
	 * @param policy what may be retried and which headers are sent
	 */
	public ResilienceExchangeFilterFunction(ResilienceRegistry registry, HttpGuardPolicy policy) {
		this(registry, policy, null);
	}

	/**
	 * Creates a filter that keeps the instances of at most {@value HostGuards#DEFAULT_MAX_HOSTS}
	 * hosts of its own and injects the faults of each host.
	 * @param registry gives the retry and the circuit breaker of each host, the clock and the
	 * scheduler of delays
	 * @param policy what may be retried and which headers are sent
	 * @param faults the faults of each host, or {@code null} to inject none
	 */
	public ResilienceExchangeFilterFunction(ResilienceRegistry registry, HttpGuardPolicy policy,
			@Nullable Faults faults) {
		this(new HostGuards(registry, HostGuards.DEFAULT_MAX_HOSTS), policy, faults);
	}

	/**
	 * Creates a filter that shares the hosts of other guards.
	 * @param guards the retry and the circuit breaker of each host, with their bound; their
	 * registry gives the clock and the scheduler of delays
	 * @param policy what may be retried and which headers are sent
	 */
	public ResilienceExchangeFilterFunction(HostGuards guards, HttpGuardPolicy policy) {
		this(guards, policy, null);
	}

	/**
	 * Creates a filter that shares the hosts of other guards and injects the faults of each host.
	 * @param guards the retry and the circuit breaker of each host, with their bound; their
	 * registry gives the clock and the scheduler of delays
	 * @param policy what may be retried and which headers are sent
	 * @param faults the faults of each host, or {@code null} to inject none
	 */
	public ResilienceExchangeFilterFunction(HostGuards guards, HttpGuardPolicy policy, @Nullable Faults faults) {
		ResilienceRegistry registry = guards.registry();
		this.faults = faults;
		this.guards = guards;
		this.policy = policy;
		this.clock = registry.clock();
		this.type = ReactorType.mono(registry.scheduler());
		this.proceed = new AsyncProceedStage<>(this.type, HttpCall.ATTEMPTS, "The exchange returned null");
	}

	@Override
	@SuppressWarnings("unchecked")
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		HostGuard guard = this.guards.forUri(request.url());
		RetryContext current = RetryContext.current();
		// the exchange may run after the enclosing attempt moved on: keep what it is now
		RetryContext outer = (current != null) ? current.snapshot() : null;
		Deadline onThread = Deadline.current();
		return Mono.deferContextual((context) -> {
			Deadline deadline = context.getOrDefault(Deadline.CONTEXT_KEY, onThread);
			Call call = new Call(request, next, guard, outer, deadline);
			Object result;
			try {
				result = pipeline(guard, outer == null).invoke(call);
			}
			catch (Throwable ex) {
				result = this.type.failed(ex);
			}
			return ((Mono<ClientResponse>) this.type.toReturnType(result))
				.onErrorResume(ResilienceExchangeFilterFunction::end);
		});
	}

	/**
	 * Returns the stages of a request to a host: the breaker of the host over each attempt (and
	 * the host's rate limiter, where one is configured, inside it), within the deadline when its
	 * remaining time is sent, and the retry of the host around them unless an enclosing call
	 * retries.
	 */
	private Stage<HttpCall> pipeline(HostGuard guard, boolean retrying) {
		RateLimiter rateLimiter = guard.rateLimiter();
		Stage<HttpCall> send = (rateLimiter != null)
				? new AsyncRateLimiterStage<>(this.type, rateLimiter, HttpCall.ATTEMPTS, SNAPSHOTS, this.proceed)
				: this.proceed;
		Stage<HttpCall> attempt = new AsyncCircuitBreakerStage<>(this.type, guard.breaker(), this.clock,
				HttpCall.ATTEMPTS, send);
		if (this.policy.deadlineHeader() != null) {
			attempt = new DeadlineStage<>(guard.host(), HttpCall.ATTEMPTS, attempt);
		}
		return retrying ? new AsyncRetryStage<>(this.type, guard.retry(), HttpCall.ATTEMPTS, SNAPSHOTS, attempt)
				: attempt;
	}

	/** Ends a call with the last response, or with the failure as it was. */
	private static Mono<ClientResponse> end(Throwable failure) {
		if (failure instanceof HttpAttemptFailure attempt) {
			Object response = attempt.response();
			return (response != null) ? Mono.just((ClientResponse) response) : Mono.error(attempt.getCause());
		}
		return Mono.error(failure);
	}

	/**
	 * Returns the answer of an injected status to a request that was never sent: the status, its
	 * {@code Retry-After} when the fault sets one, and an empty body.
	 */
	private static ClientResponse injectedResponse(ClientRequest request, int status, FaultInjector injector) {
		ClientResponse.Builder response = ClientResponse.create(HttpStatusCode.valueOf(status))
			.request(new SentRequest(request));
		String retryAfter = InjectedResponse.retryAfterHeader(injector.config().retryAfter());
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return response.build();
	}

	/** Whether a failure of the exchange is a transport error: no response came. */
	private static boolean isTransportFailure(Throwable failure) {
		return failure instanceof WebClientRequestException || ConnectionFailures.isTransport(failure);
	}

	/**
	 * The attempts of one subscription, sharing one idempotency key.
	 */
	private final class Call extends RetryContext implements HttpCall {

		private final ClientRequest request;

		private final ExchangeFunction next;

		private final HostGuard guard;

		private final boolean repeatable;

		private final @Nullable Deadline deadline;

		private volatile int attempt;

		private volatile @Nullable HttpAttemptFailure answered;

		Call(ClientRequest request, ExchangeFunction next, HostGuard guard, @Nullable RetryContext outer,
				@Nullable Deadline deadline) {
			HttpGuardPolicy policy = ResilienceExchangeFilterFunction.this.policy;
			String keyHeader = policy.idempotencyKeyHeader();
			if (keyHeader != null && policy.needsIdempotencyKey(request.method(), request.headers())) {
				String key = (outer != null) ? outer.idempotencyKey() : idempotencyKey();
				request = ClientRequest.from(request).headers((headers) -> headers.set(keyHeader, key)).build();
			}
			this.request = request;
			this.next = next;
			this.guard = guard;
			this.repeatable = policy.isRepeatable(request.method(), request.headers());
			this.deadline = deadline;
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
			((ClientResponse) response).releaseBody().onErrorComplete().subscribe();
		}

		/**
		 * Sends the request once, after the latency injected for its host, if any; a response that
		 * could not be read fails as it was.
		 */
		@Override
		@SuppressWarnings("unchecked")
		public Mono<ClientResponse> send() {
			this.attempt++;
			this.answered = null;
			ClientRequest sent = this.request;
			if (this.deadline != null && ResilienceExchangeFilterFunction.this.policy.deadlineHeader() != null) {
				sent = ClientRequest.from(sent).headers(this::sendRemainingTime).build();
			}
			Faults faults = ResilienceExchangeFilterFunction.this.faults;
			FaultInjector injector = (faults != null) ? faults.find(this.guard.host()) : null;
			long latencyNanos = (injector != null) ? injector.latencyNanos() : 0;
			if (latencyNanos <= 0) {
				return exchange(sent, injector);
			}
			AsyncType type = ResilienceExchangeFilterFunction.this.type;
			// the exchange runs on a worker of the scheduler: with the caller's thread-local context
			ContextSnapshot context = SNAPSHOTS.captureAll();
			ClientRequest delayed = sent;
			Object delayedExchange = type.delayWith(context, latencyNanos,
					() -> type.adapt(exchange(delayed, injector)));
			return (Mono<ClientResponse>) type.toReturnType(delayedExchange);
		}

		/** Exchanges the request once, or answers with the exception or status injected for its host. */
		private Mono<ClientResponse> exchange(ClientRequest sent, @Nullable FaultInjector injector) {
			RetryContext before = enter(this);
			try {
				return respond(sent, injector).flatMap(this::classify).onErrorMap(this::classifyError);
			}
			catch (RuntimeException ex) {
				return Mono.error(classifyError(ex));
			}
			finally {
				restore(before);
			}
		}

		private Mono<ClientResponse> respond(ClientRequest sent, @Nullable FaultInjector injector) {
			if (injector != null) {
				Throwable exception = injector.exception();
				if (exception != null) {
					return Mono.error(asExchangeWouldFail(sent, exception));
				}
				int status = injector.status();
				if (status != 0) {
					return Mono.just(injectedResponse(sent, status, injector));
				}
			}
			return this.next.exchange(sent);
		}

		/**
		 * An injected checked exception arrives as the exchange's own I/O failures do, in a
		 * {@link WebClientRequestException}; an unchecked one as it is.
		 */
		private Throwable asExchangeWouldFail(ClientRequest sent, Throwable injected) {
			if (injected instanceof RuntimeException || injected instanceof Error) {
				return injected;
			}
			return new WebClientRequestException(injected, sent.method(), sent.url(), sent.headers());
		}

		private void sendRemainingTime(HttpHeaders headers) {
			ResilienceExchangeFilterFunction.this.policy.sendRemainingTime(this.deadline, this.guard.host(), headers);
		}

		private Throwable classifyError(Throwable failure) {
			if (failure instanceof HttpAttemptFailure || !isTransportFailure(failure)) {
				return failure;
			}
			return HttpAttemptFailure.transport(failure, this.repeatable);
		}

		private Mono<ClientResponse> classify(ClientResponse response) {
			HttpAttemptFailure failure;
			try {
				int status = response.statusCode().value();
				failure = HttpAttemptFailure.status(status, response,
						response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER),
						this.repeatable && ResilienceExchangeFilterFunction.this.policy.retriesStatus(status));
			}
			catch (RuntimeException ex) {
				return response.releaseBody().onErrorComplete().then(Mono.error(ex));
			}
			if (failure != null && HttpAttemptFailure.isRetryable(failure)) {
				return Mono.error(failure);
			}
			this.answered = failure;
			return Mono.just(response);
		}

	}

	/** The request a response answers, as the client's error messages and status handlers read it. */
	private record SentRequest(ClientRequest request) implements HttpRequest {

		@Override
		public HttpMethod getMethod() {
			return this.request.method();
		}

		@Override
		public URI getURI() {
			return this.request.url();
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.request.attributes();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.request.headers();
		}

	}

}

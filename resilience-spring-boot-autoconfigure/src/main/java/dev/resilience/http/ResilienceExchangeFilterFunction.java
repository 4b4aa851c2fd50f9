package dev.resilience.http;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.RetryContext;
import dev.resilience.http.HostGuards.HostGuard;

/**
 * Guards the requests of a {@code WebClient} without annotations, as
 * {@link ResilienceClientHttpRequestInterceptor} guards those of a {@code RestClient}: the same
 * retry and circuit breaker per downstream {@code host[:port]}, the same classification, headers
 * and {@code Retry-After}, without blocking a thread. Delays between attempts run on the
 * registry's {@link DelayScheduler}.
 *
 * <p>Each subscription is one guarded call with one idempotency key; each attempt sends the
 * request again with its body inserter, and releases the body of the response it retries.
 * Cancelling the call cancels a pending delay and hands the breaker's permit back. An open
 * breaker answers {@link dev.resilience.core.CallNotPermittedException}, as it is, without
 * sending anything; when retries end on a status, the last response goes back to the client.
 * Inside an annotated retrying call (one whose {@link RetryContext} is current when the request
 * is subscribed to) it makes one attempt, leaving retrying to the outer call.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class ResilienceExchangeFilterFunction implements ExchangeFilterFunction {

	private final HostGuards guards;

	private final HttpGuardPolicy policy;

	private final Clock clock;

	private final DelayScheduler scheduler;

	/**
	 * Creates a filter that keeps the instances of at most {@value HostGuards#DEFAULT_MAX_HOSTS}
	 * hosts of its own.
	 * @param registry gives the retry and the circuit breaker of each host, the clock and the
	 * scheduler of delays
	 * @param policy what may be retried and which headers are sent
	 */
	public ResilienceExchangeFilterFunction(ResilienceRegistry registry, HttpGuardPolicy policy) {
		this(new HostGuards(registry, HostGuards.DEFAULT_MAX_HOSTS), policy);
	}

	/**
	 * Creates a filter that shares the hosts of other guards.
	 * @param guards the retry and the circuit breaker of each host, with their bound; their
	 * registry gives the clock and the scheduler of delays
	 * @param policy what may be retried and which headers are sent
	 */
	public ResilienceExchangeFilterFunction(HostGuards guards, HttpGuardPolicy policy) {
		ResilienceRegistry registry = guards.registry();
		this.guards = guards;
		this.policy = policy;
		this.clock = registry.clock();
		this.scheduler = registry.scheduler();
	}

	/**
	 * Returns what this filter may retry and which headers it sends.
	 * @return the policy
	 */
	public HttpGuardPolicy policy() {
		return this.policy;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		HostGuard guard = this.guards.forUri(request.url());
		RetryContext current = RetryContext.current();
		// the exchange may run after the enclosing attempt moved on: keep what it is now
		RetryContext outer = (current != null) ? current.snapshot() : null;
		Deadline onThread = Deadline.current();
		return Mono.deferContextual((context) -> {
			Deadline deadline = context.getOrDefault(Deadline.class, onThread);
			Call call = new Call(request, next, guard, outer, deadline);
			return (outer != null) ? call.exchangeOnce().onErrorResume(ResilienceExchangeFilterFunction::end)
					: call.retrying(guard.retry().plan());
		});
	}

	/** Ends a call with the last response, or with the failure as it was. */
	private static Mono<ClientResponse> end(Throwable failure) {
		if (failure instanceof HttpAttemptFailure attempt) {
			Object response = attempt.response();
			return (response != null) ? Mono.just((ClientResponse) response) : Mono.error(attempt.getCause());
		}
		return Mono.error(failure);
	}

	/** Whether a failure of the exchange is a transport error: no response came. */
	private static boolean isTransportFailure(Throwable failure) {
		return failure instanceof WebClientRequestException || ConnectionFailures.isTransport(failure);
	}

	/**
	 * The attempts of one subscription, sharing one idempotency key.
	 */
	private final class Call extends RetryContext {

		private final ClientRequest request;

		private final ExchangeFunction next;

		private final HostGuard guard;

		private final boolean repeatable;

		private final @Nullable Deadline deadline;

		private int attempt;

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

		/** Runs attempts until one succeeds or the retry of the host stops. */
		Mono<ClientResponse> retrying(Retry.Plan plan) {
			return exchangeOnce().doOnNext((response) -> plan.onSuccess())
				.onErrorResume((failure) -> recover(plan, failure));
		}

		/** Runs one attempt; a failure the guard classified comes as an {@link HttpAttemptFailure}. */
		Mono<ClientResponse> exchangeOnce() {
			return Mono.defer(() -> {
				this.attempt++;
				ClientRequest sent = this.request;
				if (this.deadline != null && ResilienceExchangeFilterFunction.this.policy.deadlineHeader() != null) {
					sent = ClientRequest.from(sent).headers(this::sendRemainingTime).build();
				}
				Outcome outcome = new Outcome(this.guard.breaker().acquirePermit());
				RetryContext before = enter(this);
				try {
					// a failure to read the response is reported as the failure it is
					return this.next.exchange(sent)
						.flatMap(outcome::classify)
						.onErrorMap(outcome::transport)
						.doOnSuccess(outcome::completed)
						.doOnCancel(outcome::cancel);
				}
				catch (RuntimeException ex) {
					return Mono.error(outcome.transport(ex));
				}
				finally {
					restore(before);
				}
			});
		}

		private void sendRemainingTime(HttpHeaders headers) {
			ResilienceExchangeFilterFunction.this.policy.sendRemainingTime(this.deadline, this.guard.host(), headers);
		}

		private Mono<ClientResponse> recover(Retry.Plan plan, Throwable failure) {
			long delay = plan.onFailure(failure);
			if (delay == Retry.Plan.STOP) {
				return end(failure);
			}
			Object response = (failure instanceof HttpAttemptFailure attempt) ? attempt.response() : null;
			Mono<Void> released = (response != null) ? ((ClientResponse) response).releaseBody().onErrorComplete()
					: Mono.empty();
			return released.then(delay(delay)).then(Mono.defer(() -> plan.onRetry() ? retrying(plan) : end(failure)));
		}

		/** Completes after the delay, on the scheduler; cancelling cancels the scheduled task. */
		private Mono<Void> delay(long delayNanos) {
			return Mono.create((sink) -> {
				DelayScheduler.Cancellable task = ResilienceExchangeFilterFunction.this.scheduler
					.schedule(sink::success, delayNanos);
				sink.onCancel(task::cancel);
			});
		}

		/**
		 * The breaker's permit of one attempt, reported exactly once: with the attempt's outcome
		 * (a response, a transport error, or any other failure, such as a response that could
		 * not be read), or handed back when the attempt is cancelled or ends without a response.
		 */
		private final class Outcome extends AtomicBoolean {

			private static final long serialVersionUID = 1L;

			private final transient CircuitBreaker.Permit permit;

			private final long start;

			Outcome(CircuitBreaker.Permit permit) {
				this.permit = permit;
				this.start = ResilienceExchangeFilterFunction.this.clock.nanoTime();
			}

			Throwable transport(Throwable failure) {
				if (failure instanceof HttpAttemptFailure) {
					return failure;
				}
				if (!isTransportFailure(failure)) {
					if (compareAndSet(false, true)) {
						this.permit.onError(elapsed(), failure);
					}
					return failure;
				}
				HttpAttemptFailure classified = HttpAttemptFailure.transport(failure, Call.this.repeatable);
				report(classified);
				return classified;
			}

			Mono<ClientResponse> classify(ClientResponse response) {
				HttpAttemptFailure failure;
				try {
					int status = response.statusCode().value();
					failure = HttpAttemptFailure.status(status, response,
							response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), Call.this.repeatable
									&& ResilienceExchangeFilterFunction.this.policy.retriesStatus(status));
				}
				catch (RuntimeException ex) {
					return response.releaseBody().onErrorComplete().then(Mono.error(ex));
				}
				report(failure);
				return (failure != null && HttpAttemptFailure.isRetryable(failure)) ? Mono.error(failure)
						: Mono.just(response);
			}

			/** The exchange completed, with a response that was reported, or empty: no outcome. */
			void completed(@Nullable ClientResponse response) {
				if (response == null) {
					cancel();
				}
			}

			void cancel() {
				if (compareAndSet(false, true)) {
					this.permit.release();
				}
			}

			private void report(@Nullable HttpAttemptFailure failure) {
				if (compareAndSet(false, true)) {
					HttpAttemptFailure.report(this.permit, elapsed(), failure);
				}
			}

			private long elapsed() {
				return ResilienceExchangeFilterFunction.this.clock.nanoTime() - this.start;
			}

		}

	}

}

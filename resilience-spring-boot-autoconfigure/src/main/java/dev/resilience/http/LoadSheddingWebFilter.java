package dev.resilience.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.resilience.core.ConcurrencyLimit;
import dev.resilience.core.Deadline;
import dev.resilience.core.LimitExceededException;
import dev.resilience.pipeline.GateClaim;

/**
 * The WebFlux counterpart of {@link LoadSheddingFilter}: each served request passes a
 * {@link ConcurrencyLimit}, waiting for a slot without blocking a thread at most the limit's
 * {@code max-wait} and never past the request's deadline (the {@link Deadline} in the subscriber
 * context). A request that gets no slot is answered {@code 503 Service Unavailable} with a
 * {@code Retry-After} in whole seconds and a problem-detail body, and the rest of the chain does
 * not run. Requests to excluded paths never pass the limit.
 *
 * <p>The slot is taken at subscription and held until the rest of the chain completes, fails or
 * is cancelled; a request cancelled while it waits gives its wait up.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public class LoadSheddingWebFilter implements WebFilter {

	private final ConcurrencyLimit limit;

	private final LoadSheddingRules rules;

	/**
	 * Creates a filter.
	 * @param limit the concurrency limit every request passes
	 * @param exclude path patterns ({@link org.springframework.web.util.pattern.PathPattern}
	 * syntax, within the application) never shed
	 * @param retryAfter sent with a 503, rounded up to whole seconds, at least 1
	 */
	public LoadSheddingWebFilter(ConcurrencyLimit limit, List<String> exclude, Duration retryAfter) {
		this.limit = limit;
		this.rules = new LoadSheddingRules(limit.name(), exclude, retryAfter);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.rules.excludesAny()
				&& this.rules.isExcluded(exchange.getRequest().getPath().pathWithinApplication())) {
			return chain.filter(exchange);
		}
		return Mono.deferContextual((context) -> {
			long token = this.limit.tryAcquire();
			if (token != ConcurrencyLimit.REFUSED) {
				return inSlot(exchange, chain, token);
			}
			return awaitSlot(exchange, chain, context.getOrDefault(Deadline.CONTEXT_KEY, null));
		});
	}

	private Mono<Void> inSlot(ServerWebExchange exchange, WebFilterChain chain, long token) {
		return Mono.defer(() -> chain.filter(exchange)).doFinally((signal) -> this.limit.release(token));
	}

	private Mono<Void> awaitSlot(ServerWebExchange exchange, WebFilterChain chain, @Nullable Deadline deadline) {
		CompletableFuture<Long> wait = this.limit.acquireAsync(deadline);
		GateClaim<Long> claim = new GateClaim<>(wait, this.limit::release);
		// the claim, not the operator, cancels the wait: a slot granted at that moment must be given back;
		// and only once the operator is cancelled, so that it ignores the cancelled future
		return Mono.fromFuture(wait, true)
			.onErrorReturn(LimitExceededException.class, ConcurrencyLimit.REFUSED)
			.flatMap((token) -> {
				if (token == ConcurrencyLimit.REFUSED) {
					return shed(exchange);
				}
				// claimed when the request is subscribed, not before: a cancel in between leaves the
				// claim to giveUp, which gives the slot back
				return Mono.defer(() -> claim.claimForWork() ? inSlot(exchange, chain, token) : Mono.empty());
			})
			.doFinally((signal) -> {
				if (signal == SignalType.CANCEL) {
					claim.giveUp();
				}
			});
	}

	private Mono<Void> shed(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		byte[] body = this.rules.body();
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, this.rules.retryAfter());
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(body.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

}

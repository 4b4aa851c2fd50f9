package dev.resilience.cloud;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.server.ResponseStatusException;

import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.TimeLimitExceededException;

/**
 * Spring Cloud Gateway's {@code CircuitBreaker} route filter on the starter's breakers: a route's
 * {@code CircuitBreaker=inventory} passes the registry's circuit breaker named {@code inventory}
 * (and its time limiter where one is configured). Without a fallback URI, a rejected call answers
 * 503 Service Unavailable and a timed-out one 504 Gateway Timeout, as Gateway's Resilience4J
 * filter does; other failures pass on, or are swallowed with {@code resumeWithoutError}.
 *
 * @since 0.3.0
 */
public final class ResilienceCircuitBreakerFilterFactory extends SpringCloudCircuitBreakerFilterFactory {

	/**
	 * Creates the filter factory.
	 * @param circuitBreakers creates the breaker of each route
	 * @param dispatcherHandler forwards to a fallback URI
	 */
	public ResilienceCircuitBreakerFilterFactory(ReactiveCircuitBreakerFactory<?, ?> circuitBreakers,
			ObjectProvider<DispatcherHandler> dispatcherHandler) {
		super(circuitBreakers, dispatcherHandler);
	}

	@Override
	protected Mono<Void> handleErrorWithoutFallback(Throwable failure, boolean resumeWithoutError) {
		if (failure instanceof TimeLimitExceededException) {
			return Mono.error(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, failure.getMessage(), failure));
		}
		if (failure instanceof CallNotPermittedException) {
			return Mono.error(new ServiceUnavailableException());
		}
		return resumeWithoutError ? Mono.empty() : Mono.error(failure);
	}

}

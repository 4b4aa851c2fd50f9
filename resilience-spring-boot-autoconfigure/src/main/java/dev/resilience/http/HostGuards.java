package dev.resilience.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;

/**
 * The retry and the circuit breaker of each downstream {@code host[:port]}, taken from the
 * registry under that name and set up with the HTTP classification of {@link HttpAttemptFailure},
 * so that every guarded client (blocking or reactive) shares one pair per host.
 *
 * <p>Thread-safe.
 */
final class HostGuards {

	private final ResilienceRegistry registry;

	private final Map<String, HostGuard> guards = new ConcurrentHashMap<>();

	HostGuards(ResilienceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Returns the guard of the host a request goes to.
	 * @param uri the request's URI
	 * @return the guard of its host
	 */
	HostGuard forUri(URI uri) {
		return this.guards.computeIfAbsent(hostName(uri), this::create);
	}

	/**
	 * Returns the instance name of a request's host: {@code host[:port]} as the URL writes it.
	 * @param uri the request's URI
	 * @return the instance name
	 */
	static String hostName(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			host = String.valueOf(uri.getAuthority());
		}
		return (uri.getPort() != -1) ? host + ":" + uri.getPort() : host;
	}

	private HostGuard create(String host) {
		// the HTTP rules replace the failure classes of the defaults, which are meant for annotated
		// methods; an instance configured for this host may still set its own
		Retry retry = this.registry.retry(host, (builder) -> builder.retryOn(List.of())
			.abortOn(List.of())
			.transientFailures(HttpAttemptFailure::isRetryable)
			.retryAfter(HttpAttemptFailure::retryAfterNanos));
		CircuitBreaker breaker = this.registry.circuitBreaker(host, (builder) -> builder.recordOn(List.of())
			.ignore(List.of())
			.transientFailures(HttpAttemptFailure::isRecorded));
		return new HostGuard(host, retry, breaker);
	}

	/**
	 * The retry and the circuit breaker of one host.
	 *
	 * @param host the instance name, {@code host[:port]}
	 * @param retry the retry of the host
	 * @param breaker the circuit breaker of the host
	 */
	record HostGuard(String host, Retry retry, CircuitBreaker breaker) {
	}

}

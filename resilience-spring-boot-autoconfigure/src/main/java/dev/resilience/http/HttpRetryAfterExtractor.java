package dev.resilience.http;

import dev.resilience.core.RetryAfterExtractor;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Reads the HTTP {@code Retry-After} header of a response that a Spring HTTP client turned into
 * an exception: {@link RestClientResponseException} ({@code RestClient}, {@code RestTemplate})
 * and {@link WebClientResponseException} ({@code WebClient}).
 *
 * <p>The value is parsed by {@link RetryAfter#parseNanos(String, long)}: delta-seconds or an
 * HTTP-date; a date in the past gives 0; an absent, negative or malformed value gives -1. Each
 * client library is optional: its types are only loaded when it is present.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpRetryAfterExtractor implements RetryAfterExtractor {

	private static final ClassLoader CLASS_LOADER = HttpRetryAfterExtractor.class.getClassLoader();

	private static final boolean WEB_PRESENT = ClassUtils
		.isPresent("org.springframework.web.client.RestClientResponseException", CLASS_LOADER);

	private static final boolean WEBFLUX_PRESENT = ClassUtils
		.isPresent("org.springframework.web.reactive.function.client.WebClientResponseException", CLASS_LOADER);

	@Override
	public long retryAfterNanos(Throwable failure, long nowMillis) {
		String value = null;
		if (WEB_PRESENT) {
			value = RestClientHeaders.retryAfter(failure);
		}
		if (value == null && WEBFLUX_PRESENT) {
			value = WebClientHeaders.retryAfter(failure);
		}
		return RetryAfter.parseNanos(value, nowMillis);
	}

	/**
	 * Reads headers of spring-web's exceptions; loaded only when spring-web is present.
	 */
	private static final class RestClientHeaders {

		static @Nullable String retryAfter(Throwable failure) {
			return (failure instanceof RestClientResponseException response)
					? response.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER) : null;
		}

	}

	/**
	 * Reads headers of spring-webflux's exceptions; loaded only when spring-webflux is present.
	 */
	private static final class WebClientHeaders {

		static @Nullable String retryAfter(Throwable failure) {
			return (failure instanceof WebClientResponseException response)
					? response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER) : null;
		}

	}

}

package dev.resilience.http;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.resilience.core.RetryAfterExtractor;
import feign.FeignException;
import feign.RetryableException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Reads the HTTP {@code Retry-After} header of a response that a Spring HTTP client turned into
 * an exception: {@link RestClientResponseException} ({@code RestClient}, {@code RestTemplate}),
 * {@link WebClientResponseException} ({@code WebClient}) and OpenFeign's {@code FeignException}
 * (or the time its {@code RetryableException} was told to retry after).
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

	private static final boolean FEIGN_PRESENT = ClassUtils.isPresent("feign.FeignException", CLASS_LOADER);

	@Override
	public long retryAfterNanos(Throwable failure, long nowMillis) {
		String value = null;
		if (WEB_PRESENT) {
			value = RestClientHeaders.retryAfter(failure);
		}
		if (value == null && WEBFLUX_PRESENT) {
			value = WebClientHeaders.retryAfter(failure);
		}
		if (value == null && FEIGN_PRESENT) {
			value = FeignHeaders.retryAfter(failure);
			if (value == null) {
				// the time Feign worked out from the header on the system clock: only when the header is gone
				long retryAt = FeignHeaders.retryAtMillis(failure);
				if (retryAt >= 0) {
					return TimeUnit.MILLISECONDS.toNanos(Math.max(0, retryAt - nowMillis));
				}
			}
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

	/**
	 * Reads OpenFeign's exceptions; loaded only when OpenFeign is present.
	 */
	private static final class FeignHeaders {

		/** The epoch millis a {@code RetryableException} was told to retry at, or -1. */
		static long retryAtMillis(Throwable failure) {
			Long retryAfter = (failure instanceof RetryableException retryable) ? retryable.retryAfter() : null;
			return (retryAfter != null) ? retryAfter : -1;
		}

		/**
		 * The Retry-After header of the exception, or of the one it wraps: Feign's default error
		 * decoder wraps the response's exception in a {@code RetryableException} without headers.
		 */
		static @Nullable String retryAfter(Throwable failure) {
			Throwable current = failure;
			for (int depth = 0; depth < 2 && current instanceof FeignException feign; depth++) {
				for (Map.Entry<String, Collection<String>> header : feign.responseHeaders().entrySet()) {
					if (HttpHeaders.RETRY_AFTER.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
						return header.getValue().iterator().next();
					}
				}
				current = feign.getCause();
			}
			return null;
		}

	}

}

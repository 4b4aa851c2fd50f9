package dev.resilience.http;

import java.util.function.Predicate;

import dev.resilience.core.Causes;
import dev.resilience.core.TransientFailures;

import feign.FeignException;

import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The default classification of transient failures, those retried and recorded unless
 * configured otherwise: the core's I/O errors and timeouts plus the transient failures of the
 * Spring libraries on the class path, found in the failure or in one of its causes (a cycle of
 * causes ends the walk).
 *
 * <p>Added to {@link TransientFailures#types()}:
 * <ul>
 * <li>spring-web: {@link ResourceAccessException} (an I/O error of a {@code RestClient} or
 * {@code RestTemplate}) and {@link RestClientResponseException} with status 429, 502, 503 or
 * 504;</li>
 * <li>spring-webflux: {@link WebClientRequestException} (the request could not be sent or
 * answered) and {@link WebClientResponseException} with status 429, 502, 503 or 504;</li>
 * <li>spring-tx: {@link TransientDataAccessException} (lock acquisition, deadlock loser,
 * optimistic locking, query timeout, transient resource failures) and
 * {@link RecoverableDataAccessException} (the connection was lost; the operation may succeed
 * when the whole unit of work runs again, which is what a retry of the guarded method does).</li>
 * <li>OpenFeign: {@code FeignException} with status 429, 502, 503 or 504 (its I/O errors carry
 * the {@code IOException} as their cause).</li>
 * </ul>
 *
 * <p>Each library is optional: its types are only loaded when it is present. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SpringTransientFailures {

	private static final ClassLoader CLASS_LOADER = SpringTransientFailures.class.getClassLoader();

	private static final boolean WEB_PRESENT = ClassUtils
		.isPresent("org.springframework.web.client.RestClientResponseException", CLASS_LOADER);

	private static final boolean WEBFLUX_PRESENT = ClassUtils
		.isPresent("org.springframework.web.reactive.function.client.WebClientResponseException", CLASS_LOADER);

	private static final boolean TX_PRESENT = ClassUtils
		.isPresent("org.springframework.dao.TransientDataAccessException", CLASS_LOADER);

	private static final boolean FEIGN_PRESENT = ClassUtils.isPresent("feign.FeignException", CLASS_LOADER);

	private static final Predicate<Throwable> INSTANCE = create();

	private SpringTransientFailures() {
	}

	/**
	 * Returns the default classification: the core's transient failures and those of the Spring
	 * libraries present.
	 * @return the predicate that accepts transient failures
	 */
	public static Predicate<Throwable> defaults() {
		return INSTANCE;
	}

	/**
	 * Whether an HTTP status asks to try again later: 429 (Too Many Requests), 502 (Bad Gateway),
	 * 503 (Service Unavailable) or 504 (Gateway Timeout).
	 * @param status the HTTP status code
	 * @return true if a later attempt may succeed
	 */
	public static boolean isTransientStatus(int status) {
		return status == 429 || status == 502 || status == 503 || status == 504;
	}

	private static Predicate<Throwable> create() {
		Predicate<Throwable> predicate = TransientFailures.types();
		if (WEB_PRESENT) {
			predicate = predicate.or(RestClientFailures::isTransient);
		}
		if (WEBFLUX_PRESENT) {
			predicate = predicate.or(WebClientFailures::isTransient);
		}
		if (TX_PRESENT) {
			predicate = predicate.or(DataAccessFailures::isTransient);
		}
		if (FEIGN_PRESENT) {
			predicate = predicate.or(FeignFailures::isTransient);
		}
		return Causes.anyMatch(predicate);
	}

	/**
	 * Failures of spring-web's blocking clients; loaded only when spring-web is present.
	 */
	private static final class RestClientFailures {

		static boolean isTransient(Throwable failure) {
			if (failure instanceof ResourceAccessException) {
				return true;
			}
			return failure instanceof RestClientResponseException response
					&& isTransientStatus(response.getStatusCode().value());
		}

	}

	/**
	 * Failures of spring-webflux's {@code WebClient}; loaded only when spring-webflux is present.
	 */
	private static final class WebClientFailures {

		static boolean isTransient(Throwable failure) {
			if (failure instanceof WebClientRequestException) {
				return true;
			}
			return failure instanceof WebClientResponseException response
					&& isTransientStatus(response.getStatusCode().value());
		}

	}

	/**
	 * Failures of spring-tx's data-access hierarchy; loaded only when spring-tx is present.
	 */
	private static final class DataAccessFailures {

		static boolean isTransient(Throwable failure) {
			return failure instanceof TransientDataAccessException
					|| failure instanceof RecoverableDataAccessException;
		}

	}

	/**
	 * Failures of OpenFeign's clients; loaded only when OpenFeign is present.
	 */
	private static final class FeignFailures {

		static boolean isTransient(Throwable failure) {
			return failure instanceof FeignException feign && isTransientStatus(feign.status());
		}

	}

}

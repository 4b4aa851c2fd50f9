package dev.resilience.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;

/**
 * The {@code retries} endpoint: how the calls of every retry ended since start-up, and how many
 * retries they took.
 *
 * <p>Thread-safe: every operation reads the registry afresh and answers with an immutable
 * snapshot.
 *
 * @since 0.1.0
 */
@Endpoint(id = "retries")
public class RetriesEndpoint {

	private final ResilienceRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose retries it shows
	 */
	public RetriesEndpoint(ResilienceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Returns every retry, ordered by name.
	 * @return the retries
	 */
	@ReadOperation
	public RetriesDescriptor retries() {
		Map<String, RetryDescriptor> retries = new LinkedHashMap<>();
		for (Retry retry : this.registry.retries()) {
			retries.put(retry.name(), RetryDescriptor.of(retry));
		}
		return new RetriesDescriptor(Collections.unmodifiableMap(retries));
	}

	/**
	 * Returns one retry.
	 * @param name the instance name
	 * @return the retry, or {@code null} (404 on the web) if there is none of that name
	 */
	@ReadOperation
	public @Nullable RetryDescriptor retry(@Selector String name) {
		return this.registry.findRetry(name).map(RetryDescriptor::of).orElse(null);
	}

	/**
	 * Every retry of the application.
	 *
	 * @param retries the retries by name
	 */
	public record RetriesDescriptor(Map<String, RetryDescriptor> retries) implements OperationResponseBody {
	}

	/**
	 * The counts of one retry since start-up.
	 *
	 * @param successfulWithoutRetry calls that succeeded at the first attempt
	 * @param successfulWithRetry calls that succeeded after one or more retries
	 * @param failedWithRetry calls that failed after one or more retries
	 * @param failedWithoutRetry calls that failed at the first attempt and were not retried
	 * @param retryAttempts retries performed, first attempts not included
	 * @param budgetExhausted retries the retry budget refused
	 * @param store where the retry budget decides now: {@code local}, {@code redis} or
	 * {@code local (redis unavailable)}
	 */
	public record RetryDescriptor(long successfulWithoutRetry, long successfulWithRetry, long failedWithRetry,
			long failedWithoutRetry, long retryAttempts, long budgetExhausted, String store)
			implements OperationResponseBody {

		static RetryDescriptor of(Retry retry) {
			Retry.Metrics metrics = retry.metrics();
			return new RetryDescriptor(metrics.successfulWithoutRetry(), metrics.successfulWithRetry(),
					metrics.failedWithRetry(), metrics.failedWithoutRetry(), metrics.retryAttempts(),
					metrics.budgetExhausted(), retry.budgetStore());
		}

	}

}

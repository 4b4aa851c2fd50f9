package dev.resilience.cloud;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;

import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimiter;
import dev.resilience.pipeline.CircuitBreakerStage;
import dev.resilience.pipeline.FallbackStage;
import dev.resilience.pipeline.ProceedStage;
import dev.resilience.pipeline.Stage;
import dev.resilience.pipeline.TimeLimiterStage;

/**
 * A Spring Cloud {@link CircuitBreaker} that runs each supplier through the stages an annotated
 * method of the same name would pass: the fallback function, the registry's circuit breaker, and
 * where one applies its time limiter (the supplier then runs on a worker thread). Immutable and
 * thread-safe.
 */
final class ResilienceCloudCircuitBreaker implements CircuitBreaker {

	private final Stage<CloudCall> guarded;

	private final Stage<CloudCall> withFallback;

	ResilienceCloudCircuitBreaker(String id, dev.resilience.core.CircuitBreaker circuitBreaker,
			@Nullable TimeLimiter timeLimiter, ResilienceRegistry registry) {
		Stage<CloudCall> call = new ProceedStage<>(CloudCall.ATTEMPTS);
		Stage<CloudCall> limited = (timeLimiter != null) ? new TimeLimiterStage<>(timeLimiter, call) : call;
		this.guarded = new CircuitBreakerStage<>(circuitBreaker, registry.clock(), CloudCall.ATTEMPTS, limited);
		this.withFallback = new FallbackStage<>(CloudCall.FALLBACK, id, registry.events(), this.guarded);
	}

	@Override
	public <T> T run(Supplier<T> toRun) {
		try {
			return result(this.guarded.invoke(new CloudCall(toRun::get, null)));
		}
		catch (Throwable failure) {
			// what Spring Cloud's callers (OpenFeign) expect of a breaker run without a fallback
			throw new NoFallbackAvailableException("No fallback available.", failure);
		}
	}

	@Override
	public <T> T run(Supplier<T> toRun, Function<@Nullable Throwable, T> fallback) {
		try {
			return result(this.withFallback.invoke(new CloudCall(toRun::get, fallback)));
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// only a fallback function that throws a checked exception in disguise gets here
			throw new UndeclaredThrowableException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T result(@Nullable Object result) {
		return (T) result;
	}

}

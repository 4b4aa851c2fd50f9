package dev.resilience.cloud;

import java.util.function.Function;

import io.micrometer.context.ContextSnapshotFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimiter;
import dev.resilience.pipeline.AsyncCircuitBreakerStage;
import dev.resilience.pipeline.AsyncEntryStage;
import dev.resilience.pipeline.AsyncFallbackStage;
import dev.resilience.pipeline.AsyncProceedStage;
import dev.resilience.pipeline.AsyncTimeLimiterStage;
import dev.resilience.pipeline.ReactorType;
import dev.resilience.pipeline.Stage;

/**
 * A Spring Cloud {@link ReactiveCircuitBreaker} that runs each publisher through the stages an
 * annotated method returning {@code Mono} or {@code Flux} would pass: nothing starts before
 * subscription, each subscription is one call that asks the registry's circuit breaker for a
 * permit and settles it when the publisher completes, fails or is cancelled (a cancelled call hands
 * its permit back), and a time limit, where one applies, runs on the scheduler without blocking.
 * Immutable and thread-safe.
 */
final class ReactiveResilienceCloudCircuitBreaker implements ReactiveCircuitBreaker {

	private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

	private final Pipelines mono;

	private final Pipelines flux;

	ReactiveResilienceCloudCircuitBreaker(String id, CircuitBreaker circuitBreaker, @Nullable TimeLimiter timeLimiter,
			ResilienceRegistry registry) {
		this.mono = new Pipelines(ReactorType.mono(registry.scheduler()), id, circuitBreaker, timeLimiter, registry);
		this.flux = new Pipelines(ReactorType.flux(registry.scheduler()), id, circuitBreaker, timeLimiter, registry);
	}

	@Override
	public <T> Mono<T> run(Mono<T> toRun) {
		Mono<T> guarded = cast(this.mono.guarded.invoke(new CloudCall(() -> toRun, null)));
		return guarded.onErrorMap(ReactiveResilienceCloudCircuitBreaker::noFallback);
	}

	@Override
	public <T> Mono<T> run(Mono<T> toRun, Function<Throwable, Mono<T>> fallback) {
		return cast(this.mono.withFallback.invoke(new CloudCall(() -> toRun, fallback)));
	}

	@Override
	public <T> Flux<T> run(Flux<T> toRun) {
		Flux<T> guarded = cast(this.flux.guarded.invoke(new CloudCall(() -> toRun, null)));
		return guarded.onErrorMap(ReactiveResilienceCloudCircuitBreaker::noFallback);
	}

	@Override
	public <T> Flux<T> run(Flux<T> toRun, Function<Throwable, Flux<T>> fallback) {
		return cast(this.flux.withFallback.invoke(new CloudCall(() -> toRun, fallback)));
	}

	private static Throwable noFallback(Throwable failure) {
		// what Spring Cloud's callers expect of a breaker run without a fallback
		return new NoFallbackAvailableException("No fallback available.", failure);
	}

	@SuppressWarnings("unchecked")
	private static <P> P cast(Object publisher) {
		return (P) publisher;
	}

	/**
	 * The two pipelines of one publisher type: with and without a fallback stage.
	 */
	private static final class Pipelines {

		private final AsyncEntryStage<CloudCall> guarded;

		private final AsyncEntryStage<CloudCall> withFallback;

		Pipelines(ReactorType type, String id, CircuitBreaker circuitBreaker, @Nullable TimeLimiter timeLimiter,
				ResilienceRegistry registry) {
			Stage<CloudCall> call = new AsyncProceedStage<>(type, CloudCall.ATTEMPTS,
					"The circuit breaker '" + id + "' was given no publisher");
			Stage<CloudCall> limited = (timeLimiter != null) ? new AsyncTimeLimiterStage<>(type, timeLimiter, call)
					: call;
			Stage<CloudCall> breaker = new AsyncCircuitBreakerStage<>(type, circuitBreaker, registry.clock(),
					CloudCall.ATTEMPTS, limited);
			this.guarded = new AsyncEntryStage<>(type, CloudCall.ATTEMPTS, breaker);
			this.withFallback = new AsyncEntryStage<>(type, CloudCall.ATTEMPTS,
					new AsyncFallbackStage<>(type, CloudCall.FALLBACK, id, registry.events(), SNAPSHOTS, breaker));
		}

	}

}

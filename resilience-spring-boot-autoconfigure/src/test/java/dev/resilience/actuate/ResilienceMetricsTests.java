package dev.resilience.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.Hedge;
import dev.resilience.core.ManualClock;
import dev.resilience.core.RateLimiter;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.Retry;
import dev.resilience.core.TimeLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ResilienceMetrics} against a {@link SimpleMeterRegistry}.
 */
class ResilienceMetricsTests {

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void bindRegistersTheMetersOfExistingInstancesAtZero() {
		this.registry.circuitBreaker("inventory");
		this.registry.retry("inventory");
		this.registry.timeLimiter("inventory");
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		assertThat(gauge("resilience.circuitbreaker.state", "state", "closed")).isEqualTo(1);
		for (String state : new String[] { "open", "half_open", "forced_open", "disabled" }) {
			assertThat(gauge("resilience.circuitbreaker.state", "state", state)).as(state).isZero();
		}
		assertThat(gauge("resilience.circuitbreaker.failure.rate")).isEqualTo(-1);
		for (String outcome : new String[] { "success", "failure", "ignored", "rejected" }) {
			assertThat(this.meters.get("resilience.circuitbreaker.calls").tags("name", "inventory", "outcome", outcome)
				.timer()
				.count()).as(outcome).isZero();
		}
		for (String kind : new String[] { "successful_without_retry", "successful_with_retry", "failed_with_retry",
				"failed_without_retry" }) {
			assertThat(counter("resilience.retry.calls", "kind", kind)).as(kind).isZero();
		}
		assertThat(this.meters.get("resilience.retry.attempts").tags("name", "inventory").counter().count()).isZero();
		for (String outcome : new String[] { "success", "failure", "timeout" }) {
			assertThat(counter("resilience.timelimiter.calls", "outcome", outcome)).as(outcome).isZero();
		}
	}

	@Test
	void decisionsMadeLocallyForAnUnavailableSharedStoreAreCountedByName() {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		this.registry.events().onSharedStoreFallback("geocoder");
		this.registry.events().onSharedStoreFallback("geocoder");
		assertThat(this.meters.get("resilience.redis.fallbacks").tag("name", "geocoder").counter().count())
			.isEqualTo(2);
	}

	@Test
	void countOfLocalDecisionsGoesWithTheInstanceOfItsName() {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		RateLimiter limiter = this.registry.rateLimiter("api.example.com");
		this.registry.events().onSharedStoreFallback("api.example.com");
		assertThat(this.meters.find("resilience.redis.fallbacks").tag("name", "api.example.com").counter()).isNotNull();
		this.registry.removeRateLimiter(limiter);
		assertThat(this.meters.find("resilience.redis.fallbacks").tag("name", "api.example.com").counter()).isNull();
	}

	@Test
	void bindRegistersTheMetersOfInstancesCreatedLater() {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		this.registry.circuitBreaker("inventory");
		this.registry.retry("inventory");
		this.registry.timeLimiter("inventory");
		assertThat(gauge("resilience.circuitbreaker.state", "state", "closed")).isEqualTo(1);
		assertThat(counter("resilience.retry.calls", "kind", "successful_without_retry")).isZero();
		assertThat(counter("resilience.timelimiter.calls", "outcome", "timeout")).isZero();
	}

	@Test
	void circuitBreakerCallsTransitionsAndGaugesFollowTheBreaker() throws Throwable {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		CircuitBreaker breaker = this.registry.circuitBreaker("inventory",
				(builder) -> builder.minimumCalls(2).slidingWindowSize(2));
		breaker.execute(() -> {
			this.clock.advance(Duration.ofMillis(30));
			return "ok";
		});
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> breaker.execute(() -> {
			throw new IOException("down");
		}));
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> breaker.execute(() -> "rejected"));
		assertThat(this.meters.get("resilience.circuitbreaker.calls").tags("name", "inventory", "outcome", "success")
			.timer()
			.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(30);
		assertThat(timerCount("failure")).isEqualTo(1);
		assertThat(timerCount("rejected")).isEqualTo(1);
		assertThat(gauge("resilience.circuitbreaker.state", "state", "open")).isEqualTo(1);
		assertThat(gauge("resilience.circuitbreaker.state", "state", "closed")).isZero();
		assertThat(gauge("resilience.circuitbreaker.failure.rate")).isEqualTo(50);
		assertThat(this.meters.get("resilience.circuitbreaker.transitions")
			.tags("name", "inventory", "from", "closed", "to", "open")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void retryCountsOutcomesAndAttempts() throws Throwable {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		Retry retry = this.registry.retry("inventory", (builder) -> builder.maxAttempts(3).delay(Duration.ofMillis(10)));
		int[] calls = new int[1];
		retry.execute(() -> {
			if (calls[0]++ < 2) {
				throw new IOException("down");
			}
			return "ok";
		});
		retry.execute(() -> "ok");
		assertThat(counter("resilience.retry.calls", "kind", "successful_with_retry")).isEqualTo(1);
		assertThat(counter("resilience.retry.calls", "kind", "successful_without_retry")).isEqualTo(1);
		assertThat(this.meters.get("resilience.retry.attempts").tags("name", "inventory").counter().count())
			.isEqualTo(2);
	}

	@Test
	void timeLimiterCountsOutcomes() throws Throwable {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		TimeLimiter limiter = this.registry.timeLimiter("inventory");
		limiter.execute(() -> "ok");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> limiter.execute(() -> {
			throw new IllegalStateException();
		}));
		assertThat(counter("resilience.timelimiter.calls", "outcome", "success")).isEqualTo(1);
		assertThat(counter("resilience.timelimiter.calls", "outcome", "failure")).isEqualTo(1);
		assertThat(counter("resilience.timelimiter.calls", "outcome", "timeout")).isZero();
	}

	@Test
	void hedgesAreMeteredAtZeroWhenBoundAndCountedByOutcome() {
		this.registry.hedge("prices");
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		for (String outcome : new String[] { "first_won", "hedge_won", "failed" }) {
			assertThat(this.meters.get("resilience.hedge.calls").tags("name", "prices", "outcome", outcome)
				.counter()
				.count()).as(outcome).isZero();
		}
		Hedge quotes = this.registry.hedge("quotes");
		CompletableFuture<String> first = quotes.executeAsync((attempt) -> CompletableFuture.completedFuture("a"));
		assertThat(first).isCompletedWithValue("a");
		CompletableFuture<String> failed = quotes
			.executeAsync((attempt) -> CompletableFuture.failedFuture(new IOException("down")));
		assertThat(failed).isCompletedExceptionally();
		assertThat(this.meters.get("resilience.hedge.calls").tags("name", "quotes", "outcome", "first_won")
			.counter()
			.count()).isOne();
		assertThat(this.meters.get("resilience.hedge.calls").tags("name", "quotes", "outcome", "failed")
			.counter()
			.count()).isOne();
		assertThat(this.meters.get("resilience.hedge.calls").tags("name", "quotes", "outcome", "hedge_won")
			.counter()
			.count()).isZero();
	}

	@Test
	void fallbacksAreCountedByCause() {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		this.registry.events().onFallback("Catalog.load", new IOException("password=hunter2"));
		this.registry.events().onFallback("Catalog.load", new IOException());
		this.registry.events().onFallback("Catalog.load", new IllegalStateException());
		assertThat(this.meters.get("resilience.fallback.calls").tags("name", "Catalog.load", "cause", "IOException")
			.counter()
			.count()).isEqualTo(2);
		assertThat(this.meters.get("resilience.fallback.calls")
			.tags("name", "Catalog.load", "cause", "IllegalStateException")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void removedInstancesLoseTheirMetersAndOthersKeepTheirs() throws Throwable {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		CircuitBreaker breaker = this.registry.circuitBreaker("inventory",
				(builder) -> builder.minimumCalls(1).slidingWindowSize(1));
		Retry retry = this.registry.retry("inventory");
		TimeLimiter limiter = this.registry.timeLimiter("inventory");
		this.registry.circuitBreaker("pricing");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> breaker.execute(() -> {
			throw new IOException("down");
		}));
		assertThat(metersNamed("inventory")).isNotEmpty()
			.anySatisfy((id) -> assertThat(id.getName()).isEqualTo("resilience.circuitbreaker.transitions"));
		this.registry.removeCircuitBreaker(breaker);
		this.registry.removeRetry(retry);
		this.registry.removeTimeLimiter(limiter);
		assertThat(metersNamed("inventory")).isEmpty();
		assertThat(metersNamed("pricing")).hasSize(10);
	}

	@Test
	void removedInstanceThatIsStillUsedBringsNoMeterBack() throws Throwable {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		CircuitBreaker breaker = this.registry.circuitBreaker("inventory",
				(builder) -> builder.minimumCalls(1).slidingWindowSize(1));
		Retry retry = this.registry.retry("inventory");
		this.registry.removeCircuitBreaker(breaker);
		this.registry.removeRetry(retry);
		retry.execute(() -> breaker.execute(() -> "ok"));
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> breaker.execute(() -> {
			throw new IOException("down");
		}));
		assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(metersNamed("inventory")).isEmpty();
	}

	@Test
	void newInstanceOfARemovedNameGetsMetersOfItsOwn() throws Throwable {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		CircuitBreaker first = this.registry.circuitBreaker("inventory");
		first.transitionTo(CircuitBreaker.State.FORCED_OPEN);
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> first.execute(() -> "rejected"));
		this.registry.removeCircuitBreaker(first);
		this.registry.circuitBreaker("inventory").execute(() -> "ok");
		assertThat(gauge("resilience.circuitbreaker.state", "state", "closed")).isEqualTo(1);
		assertThat(gauge("resilience.circuitbreaker.state", "state", "forced_open")).isZero();
		assertThat(timerCount("rejected")).isZero();
		assertThat(timerCount("success")).isEqualTo(1);
		assertThat(metersNamed("inventory")).hasSize(10);
	}

	private List<Meter.Id> metersNamed(String name) {
		return this.meters.getMeters()
			.stream()
			.map(Meter::getId)
			.filter((id) -> name.equals(id.getTag("name")))
			.toList();
	}

	private double gauge(String name, String... tags) {
		return this.meters.get(name).tag("name", "inventory").tags(tags).gauge().value();
	}

	private double counter(String name, String key, String value) {
		return this.meters.get(name).tags("name", "inventory", key, value).counter().count();
	}

	private long timerCount(String outcome) {
		return this.meters.get("resilience.circuitbreaker.calls")
			.tags("name", "inventory", "outcome", outcome)
			.timer()
			.count();
	}

	@Test
	void faultCountersOfNamesSetAndClearedAtRunTimeAreBoundedOldestFirst() {
		new ResilienceMetrics(this.registry).bindTo(this.meters);
		ResilienceListener events = this.registry.events();
		for (int name = 0; name <= ResilienceMeters.MAX_FAULT_NAMES; name++) {
			events.onFaultInjected("host-" + name, ResilienceListener.Fault.STATUS);
		}

		assertThat(this.meters.find("resilience.faults.injected").counters())
			.hasSize(ResilienceMeters.MAX_FAULT_NAMES * ResilienceListener.Fault.values().length);
		assertThat(this.meters.find("resilience.faults.injected").tag("name", "host-0").counters()).isEmpty();
		assertThat(this.meters.get("resilience.faults.injected")
			.tags("name", "host-" + ResilienceMeters.MAX_FAULT_NAMES, "fault", "status")
			.counter()
			.count()).isEqualTo(1);
	}

}

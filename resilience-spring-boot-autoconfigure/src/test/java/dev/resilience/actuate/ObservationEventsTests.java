package dev.resilience.actuate;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceObservationAutoConfiguration;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the policies do to a call that runs inside an observation shows as events of that
 * observation; without one, nothing is recorded. With {@code resilience.observations.enabled},
 * each call is an observation of its own.
 */
class ObservationEventsTests {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final List<String> stopped = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceObservationAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(Quotes.class)
		.withBean(ObservationRegistry.class, this::recordingRegistry)
		.withPropertyValues("resilience.circuit-breaker.instances.quotes.minimum-calls=2",
				"resilience.circuit-breaker.instances.quotes.sliding-window-size=2");

	@Test
	void retriesAFallbackAndAnOpenBreakerAreEventsOfTheObservationInProgress() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			ObservationRegistry observations = context.getBean(ObservationRegistry.class);
			quotes.failNext(10);

			Observation request = Observation.start("http.server.requests", observations);
			try (Observation.Scope scope = request.openScope()) {
				assertThat(quotes.quote()).isEqualTo("no quote");
				assertThat(quotes.quote()).isEqualTo("no quote");
			}
			finally {
				request.stop();
			}

			assertThat(this.events).as("the story of two calls: retried, opened the breaker, answered by the fallback")
				.containsExactly("resilience.retry: 'quotes' attempt 1 failed with IOException, retrying in 500ms",
						"resilience.circuitbreaker.transition: 'quotes' CLOSED -> OPEN (failure rate 100.0% >= 50.0%)",
						"resilience.retry: 'quotes' attempt 2 failed with IOException, retrying in 1000ms",
						"resilience.circuitbreaker.rejected: 'quotes' is open: call not permitted",
						"resilience.fallback: 'Quotes.quote' answered by its fallback after CallNotPermittedException",
						"resilience.circuitbreaker.rejected: 'quotes' is open: call not permitted",
						"resilience.fallback: 'Quotes.quote' answered by its fallback after CallNotPermittedException");
		});
	}

	@Test
	void withoutAnObservationInProgressNothingIsRecorded() {
		this.runner.run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			quotes.failNext(10);

			assertThat(quotes.quote()).isEqualTo("no quote");

			assertThat(this.events).isEmpty();
		});
	}

	@Test
	void withoutAnObservationRegistryThereIsNoListener() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
					ResilienceObservationAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ObservationEvents.class));
	}

	@Test
	void withObservationsEnabledEachCallIsAnObservationWithItsKeysAndItsEvents() {
		this.runner.withPropertyValues("resilience.observations.enabled=true").run((context) -> {
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.quote()).isEqualTo("quote");
			quotes.failNext(10);
			assertThat(quotes.quote()).isEqualTo("no quote");
			assertThat(quotes.reactiveQuote().block()).isEqualTo("quote");
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> quotes.failingQuote().block());

			assertThat(this.stopped).containsExactly(
					"resilience.call kind=fallback+retryable+circuitguarded name=Quotes.quote outcome=success",
					"resilience.call kind=fallback+retryable+circuitguarded name=Quotes.quote outcome=success",
					"resilience.call kind=retryable name=Quotes.reactiveQuote outcome=success",
					"resilience.call kind=retryable name=Quotes.failingQuote outcome=failure");
			assertThat(this.events).as("the second call's story, on its own observation")
				.contains("resilience.retry: 'quotes' attempt 1 failed with IOException, retrying in 500ms",
						"resilience.fallback: 'Quotes.quote' answered by its fallback after CallNotPermittedException");
		});
	}

	@Test
	void withoutObservationsEnabledNoCallIsObserved() {
		this.runner.run((context) -> {
			assertThat(context.getBean(Quotes.class).quote()).isEqualTo("quote");
			assertThat(this.stopped).isEmpty();
		});
	}

	private ObservationRegistry recordingRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				StringBuilder described = new StringBuilder(context.getName());
				context.getLowCardinalityKeyValues()
					.forEach((key) -> described.append(' ').append(key.getKey()).append('=').append(key.getValue()));
				ObservationEventsTests.this.stopped.add(described.toString());
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				ObservationEventsTests.this.events.add(event.getName() + ": " + event.getContextualName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		return registry;
	}

	static class Quotes {

		private final AtomicInteger failing = new AtomicInteger();

		void failNext(int calls) {
			this.failing.set(calls);
		}

		@Retryable(name = "quotes", jitter = 0)
		@CircuitGuarded(name = "quotes")
		@Fallback(method = "noQuote")
		public String quote() throws IOException {
			if (this.failing.getAndDecrement() > 0) {
				throw new IOException("unavailable");
			}
			return "quote";
		}

		String noQuote(Throwable failure) {
			return "no quote";
		}

		@Retryable(maxAttempts = 1)
		public Mono<String> reactiveQuote() {
			return Mono.just("quote");
		}

		@Retryable(maxAttempts = 1)
		public Mono<String> failingQuote() {
			return Mono.error(new IllegalStateException("no quotes today"));
		}

	}

}

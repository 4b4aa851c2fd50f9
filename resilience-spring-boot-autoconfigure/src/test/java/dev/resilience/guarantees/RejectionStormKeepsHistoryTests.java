package dev.resilience.guarantees;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.actuate.ResilienceEventBuffer.Event;
import dev.resilience.actuate.ResilienceEventsEndpoint;
import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceEndpointsAutoConfiguration;
import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An outage does not flush the history that explains it: a {@code @CircuitGuarded} bean's breaker
 * opens, then eight threads make 2,000 calls that it rejects, within one second of the
 * {@link ManualClock}; the {@code resilienceevents} endpoint still shows the
 * {@code CLOSED -> OPEN} transition, followed by one {@code REJECTED} event that counts the 2,000
 * calls.
 */
@Timeout(60)
class RejectionStormKeepsHistoryTests {

	private static final int THREADS = 8;

	private static final int REJECTED_CALLS = 2_000;

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceEndpointsAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=resilienceevents")
		.withBean(ManualClock.class)
		.withBean(Dependency.class);

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void rejectionsOfAnOpenBreakerFoldIntoOneCountedEventAndKeepTheTransition() {
		this.runner.run((context) -> {
			Dependency dependency = context.getBean(Dependency.class);
			for (int i = 0; i < 2; i++) {
				assertThat(catchThrowable(dependency::call)).isInstanceOf(IOException.class);
			}
			List<Future<Integer>> futures = new ArrayList<>();
			CountDownLatch go = new CountDownLatch(1);
			for (int thread = 0; thread < THREADS; thread++) {
				futures.add(this.executor.submit(rejectedCalls(dependency, REJECTED_CALLS / THREADS, go)));
			}
			go.countDown();
			int rejected = 0;
			for (Future<Integer> future : futures) {
				rejected += future.get(30, TimeUnit.SECONDS);
			}
			assertThat(rejected).isEqualTo(REJECTED_CALLS);

			List<Event> events = context.getBean(ResilienceEventsEndpoint.class).events(null).events();
			assertThat(events).extracting(Event::name, Event::kind, Event::type, Event::detail)
				.containsExactly(
						tuple("dependency", "circuitbreaker", "STATE_TRANSITION", "CLOSED -> OPEN"),
						tuple("dependency", "circuitbreaker", "REJECTED", "call not permitted (2000 calls)"));
		});
	}

	private static Callable<Integer> rejectedCalls(Dependency dependency, int calls, CountDownLatch go) {
		return () -> {
			go.await();
			int rejected = 0;
			for (int i = 0; i < calls; i++) {
				assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(dependency::call);
				rejected++;
			}
			return rejected;
		};
	}

	/**
	 * A dependency that is down; its breaker opens after two failed calls and stays open for a
	 * minute.
	 */
	static class Dependency {

		@CircuitGuarded(name = "dependency", slidingWindowSize = 2, minimumCalls = 2, waitInOpen = "1m")
		public String call() throws IOException {
			throw new IOException("down");
		}

	}

}

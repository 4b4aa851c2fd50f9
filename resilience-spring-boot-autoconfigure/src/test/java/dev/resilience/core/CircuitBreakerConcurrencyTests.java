package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.Permit;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;
import dev.resilience.core.ResilienceListener.CallOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of one breaker under many threads, released together by a start gate: exact counts, exact
 * trial permits and exactly one event per transition.
 */
@Timeout(60)
class CircuitBreakerConcurrencyTests {

	private static final int THREADS = 32;

	private static final int ROUNDS = 200;

	private static final Duration WAIT = Duration.ofSeconds(5);

	private static final IOException FAILURE = new IOException("connection refused");

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	private final ManualClock clock = new ManualClock();

	private final CircuitBreakerRecordingListener listener = new CircuitBreakerRecordingListener();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@ParameterizedTest
	@EnumSource(SlidingWindowType.class)
	void closedStateKeepsExactCounts(SlidingWindowType type) throws Exception {
		int threads = 16;
		int callsPerThread = 2_000;
		int total = threads * callsPerThread;
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder()
					.slidingWindowType(type)
					.slidingWindowSize(total + 1)
					.minimumCalls(total + 1)
					.slowCallDuration(Duration.ofMillis(100))
					.build(),
				this.clock, this.listener);
		runTogether(threads, () -> {
			for (int i = 0; i < callsPerThread; i++) {
				Permit permit = breaker.acquirePermit();
				long duration = (i % 8 == 1) ? Duration.ofMillis(100).toNanos() : 1_000;
				if (i % 4 == 0) {
					permit.onError(duration, FAILURE);
				}
				else {
					permit.onSuccess(duration);
				}
			}
			return null;
		});
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
		assertThat(breaker.metrics()).isEqualTo(new Metrics(-1, -1, total, total / 4, total / 8, 0));
		assertThat(this.listener.calls(CallOutcome.FAILURE)).isEqualTo(total / 4);
		assertThat(this.listener.calls(CallOutcome.SUCCESS)).isEqualTo(total - total / 4);
	}

	@Test
	void halfOpenStateGrantsExactlyTheTrialPermits() throws Exception {
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder()
					.slidingWindowSize(2)
					.minimumCalls(2)
					.waitInOpen(WAIT)
					.halfOpenCalls(3)
					.build(),
				this.clock, this.listener);
		open(breaker);
		for (int round = 0; round < ROUNDS; round++) {
			boolean trialsSucceed = round % 2 == 0;
			this.clock.advance(WAIT);
			int transitionsBefore = this.listener.transitions().size();
			CyclicBarrier allAsked = new CyclicBarrier(THREADS);
			List<@Nullable Permit> permits = runTogether(THREADS, () -> {
				Permit permit = Permits.tryAcquire(breaker);
				allAsked.await();
				if (permit != null) {
					if (trialsSucceed) {
						permit.onSuccess(1);
					}
					else {
						permit.onError(1, FAILURE);
					}
				}
				return permit;
			});
			assertThat(permits).as("round %d", round).filteredOn((permit) -> permit != null).hasSize(3);
			List<String> transitions = this.listener.transitionNames();
			if (trialsSucceed) {
				assertThat(transitions.subList(transitionsBefore, transitions.size())).as("round %d", round)
					.containsExactly("OPEN -> HALF_OPEN", "HALF_OPEN -> CLOSED");
				open(breaker);
			}
			else {
				assertThat(transitions.subList(transitionsBefore, transitions.size())).as("round %d", round)
					.containsExactly("OPEN -> HALF_OPEN", "HALF_OPEN -> OPEN");
			}
			assertThat(breaker.state()).isEqualTo(State.OPEN);
		}
		assertThat(this.listener.calls(CallOutcome.REJECTED)).isEqualTo((long) ROUNDS * (THREADS - 3));
	}

	@Test
	void rejectedTrialsAreCountedInHalfOpen() throws Exception {
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder().waitInOpen(WAIT).halfOpenCalls(3).build(), this.clock, this.listener);
		breaker.transitionTo(State.OPEN);
		this.clock.advance(WAIT);
		runTogether(THREADS, () -> Permits.tryAcquire(breaker));
		assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
		assertThat(breaker.metrics().notPermittedCalls()).isEqualTo(THREADS - 3);
	}

	@Test
	void closedStateOpensExactlyOnceUnderContention() throws Exception {
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder().slidingWindowSize(100).minimumCalls(10).failureRateThreshold(50).build(),
				this.clock, this.listener);
		for (int round = 0; round < ROUNDS; round++) {
			breaker.transitionTo(State.CLOSED);
			runTogether(THREADS, () -> {
				for (int i = 0; i < 4; i++) {
					Permit permit = Permits.tryAcquire(breaker);
					if (permit != null) {
						permit.onError(1, FAILURE);
					}
				}
				return null;
			});
			assertThat(breaker.state()).isEqualTo(State.OPEN);
		}
		assertThat(this.listener.transitions()).filteredOn((transition) -> transition.to() == State.OPEN)
			.hasSize(ROUNDS)
			.allSatisfy((transition) -> assertThat(transition.from()).isEqualTo(State.CLOSED));
	}

	private void open(CircuitBreaker breaker) {
		breaker.acquirePermit().onError(1, FAILURE);
		breaker.acquirePermit().onError(1, FAILURE);
		assertThat(breaker.state()).isEqualTo(State.OPEN);
	}

	private <T> List<T> runTogether(int threads, Callable<T> task) throws Exception {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			futures.add(this.executor.submit(() -> {
				ready.countDown();
				start.await();
				return task.call();
			}));
		}
		ready.await();
		start.countDown();
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			results.add(future.get());
		}
		return results;
	}

}

package dev.resilience.guarantees;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.TimeLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The time limiter imposes no limit of its own: many more synchronous time-limited calls than
 * processors run at once, on the auto-configured workers, and none is refused. Should the
 * machine truly refuse a thread, the breaker around the time limiter counts a failure, never a
 * success.
 */
@Timeout(60)
class TimeLimiterImposesNoLimitTests {

	/** Far more than any fixed pool sized from two processors would hold. */
	private static final int CONCURRENT_CALLS = 200;

	private final ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT_CALLS);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@AfterEach
	void shutdown() {
		this.callers.shutdownNow();
	}

	@Test
	void callsThatAllRunAtOnceAreNeverRefused() {
		this.runner.withBean(Meeting.class).run((context) -> {
			Meeting meeting = context.getBean(Meeting.class);
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < CONCURRENT_CALLS; i++) {
				calls.add(this.callers.submit(meeting::attend));
			}
			List<Throwable> failures = new ArrayList<>();
			for (Future<Integer> call : calls) {
				Throwable failure = catchThrowable(() -> call.get(30, TimeUnit.SECONDS));
				if (failure != null) {
					failures.add(failure);
				}
			}
			assertThat(failures).isEmpty();
			TimeLimiter limiter = context.getBean(ResilienceRegistry.class).findTimeLimiter("meeting").get();
			assertThat(limiter.metrics()).isEqualTo(new TimeLimiter.Metrics(CONCURRENT_CALLS, 0, 0));
		});
	}

	@Test
	void aThreadTheMachineRefusesIsAFailureForTheBreaker() {
		this.runner.withBean(Refusing.class)
			.withBean("resilienceTimeLimiterExecutor", ExecutorService.class,
					RefusingExecutor::new)
			.withPropertyValues("resilience.circuit-breaker.instances.refused.minimum-calls=4",
					"resilience.circuit-breaker.instances.refused.sliding-window-size=4")
			.run((context) -> {
				Refusing refusing = context.getBean(Refusing.class);
				for (int i = 0; i < 4; i++) {
					assertThat(catchThrowable(refusing::call)).isInstanceOf(RejectedExecutionException.class);
				}
				CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).findCircuitBreaker("refused").get();
				assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
				assertThat(refusing.calls).isZero();
			});
	}

	/**
	 * A method that returns only when {@link #CONCURRENT_CALLS} calls are inside it at once.
	 */
	static class Meeting {

		private final CyclicBarrier everyone = new CyclicBarrier(CONCURRENT_CALLS);

		@TimeLimited(name = "meeting", timeout = "15s")
		public int attend() throws Exception {
			return this.everyone.await(10, TimeUnit.SECONDS);
		}

	}

	static class Refusing {

		volatile int calls;

		@CircuitGuarded(name = "refused")
		@TimeLimited(name = "refused", timeout = "1s")
		public String call() {
			this.calls++;
			return "ran";
		}

	}

	/**
	 * An executor whose every thread the machine refuses.
	 */
	static class RefusingExecutor extends java.util.concurrent.AbstractExecutorService {

		@Override
		public void execute(Runnable command) {
			throw new RejectedExecutionException("no thread");
		}

		@Override
		public void shutdown() {
		}

		@Override
		public List<Runnable> shutdownNow() {
			return List.of();
		}

		@Override
		public boolean isShutdown() {
			return false;
		}

		@Override
		public boolean isTerminated() {
			return false;
		}

		@Override
		public boolean awaitTermination(long timeout, TimeUnit unit) {
			return true;
		}

	}

}

package dev.resilience.guarantees;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.actuate.CircuitBreakersEndpoint;
import dev.resilience.actuate.CircuitBreakersEndpoint.CircuitBreakerDescriptor;
import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceEndpointsAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceMetricsAutoConfiguration;
import dev.resilience.core.CallNotPermittedException;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sixteen threads hammer one {@code @CircuitGuarded} bean through closed, open and half-open for
 * 1,000 rounds, the downstream failing in one round and healthy in the next; the breaker's time
 * is a {@link ManualClock}. Every round has one half-open period, in which all sixteen threads
 * ask at once and the trial calls wait in the method until every thread has asked, so that the
 * trials admitted can be counted while the breaker is still half-open.
 *
 * <p>Proves: the counts of the {@code circuitbreakers} endpoint and of the
 * {@code resilience.circuitbreaker.*} meters equal the calls made; exactly
 * {@code half-open-calls} trials reach the method per half-open period; no exception other than
 * {@link CallNotPermittedException} and the method's own failure reaches the callers.
 */
@Timeout(60)
class CircuitBreakerUnderContentionTests {

	private static final int THREADS = 16;

	private static final int ROUNDS = 1_000;

	private static final int CALLS_PER_THREAD = 20;

	private static final int HALF_OPEN_CALLS = 3;

	private static final Duration WAIT_IN_OPEN = Duration.ofSeconds(10);

	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceEndpointsAutoConfiguration.class, ResilienceMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers")
		.withBean(ManualClock.class)
		.withBean(Downstream.class);

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
	}

	@Test
	void countsAndTrialsStayExactThroughAThousandRoundsOfSixteenThreads() {
		this.runner.run((context) -> {
			ManualClock clock = context.getBean(ManualClock.class);
			Downstream downstream = context.getBean(Downstream.class);
			CircuitBreakersEndpoint endpoint = context.getBean(CircuitBreakersEndpoint.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class).findCircuitBreaker("hammered").get();
			downstream.watch(breaker);
			Tally total = new Tally();
			for (int round = 0; round < ROUNDS; round++) {
				boolean failing = round % 2 == 0;
				downstream.failing(failing);
				if (failing) {
					assertThat(breaker.state()).as("round %d", round).isEqualTo(State.CLOSED);
					Tally hammered = total.add(hammer(downstream));
					assertThat(endpoint.circuitBreaker("hammered")).as("round %d", round).satisfies((open) -> {
						assertThat(open.state()).isEqualTo(State.OPEN);
						assertThat(open.notPermittedCalls()).isEqualTo(hammered.rejected);
					});
					clock.advance(WAIT_IN_OPEN);
					total.add(halfOpenPeriod(downstream, endpoint, round));
					assertThat(breaker.state()).as("round %d", round).isEqualTo(State.OPEN);
				}
				else {
					assertThat(breaker.state()).as("round %d", round).isEqualTo(State.OPEN);
					clock.advance(WAIT_IN_OPEN);
					total.add(halfOpenPeriod(downstream, endpoint, round));
					assertThat(breaker.state()).as("round %d", round).isEqualTo(State.CLOSED);
					Tally hammered = total.add(hammer(downstream));
					assertThat(hammered.succeeded).isEqualTo(THREADS * CALLS_PER_THREAD);
					assertThat(endpoint.circuitBreaker("hammered")).as("round %d", round)
						.isEqualTo(new CircuitBreakerDescriptor(State.CLOSED, 0, 0, THREADS * CALLS_PER_THREAD, 0, 0, 0));
				}
			}
			assertThat(total.unexpected).isEmpty();
			assertThat(downstream.halfOpenEntries()).isEqualTo(ROUNDS * HALF_OPEN_CALLS);
			assertThat(downstream.invocations()).isEqualTo(total.succeeded + total.failed);
			assertThat(calls(meters, "success")).isEqualTo(total.succeeded);
			assertThat(calls(meters, "failure")).isEqualTo(total.failed);
			assertThat(calls(meters, "rejected")).isEqualTo(total.rejected);
			assertThat(calls(meters, "ignored")).isZero();
			assertThat(total.succeeded + total.failed + total.rejected).isEqualTo(total.made);
			assertThat(transitions(meters, "closed", "open")).isEqualTo(ROUNDS / 2);
			assertThat(transitions(meters, "open", "half_open")).isEqualTo(ROUNDS);
			assertThat(transitions(meters, "half_open", "open")).isEqualTo(ROUNDS / 2);
			assertThat(transitions(meters, "half_open", "closed")).isEqualTo(ROUNDS / 2);
		});
	}

	/**
	 * Every thread calls the bean {@link #CALLS_PER_THREAD} times, all starting together.
	 */
	private Tally hammer(Downstream downstream) throws Exception {
		return runTogether(() -> {
			Tally tally = new Tally();
			for (int i = 0; i < CALLS_PER_THREAD; i++) {
				tally.call(downstream);
			}
			return tally;
		});
	}

	/**
	 * Every thread calls the bean once, all starting together; the trials admitted wait in the
	 * method until every thread has been admitted or rejected, then end as the downstream does.
	 */
	private Tally halfOpenPeriod(Downstream downstream, CircuitBreakersEndpoint endpoint, int round) throws Exception {
		CountDownLatch asked = new CountDownLatch(THREADS);
		CountDownLatch release = new CountDownLatch(1);
		int entriesBefore = downstream.halfOpenEntries();
		downstream.holdTrials(asked, release);
		List<Future<Tally>> futures = start(() -> {
			Tally tally = new Tally();
			tally.call(downstream, asked);
			return tally;
		});
		assertThat(asked.await(10, TimeUnit.SECONDS)).as("round %d: every thread asked", round).isTrue();
		assertThat(downstream.halfOpenEntries() - entriesBefore).as("round %d: trials", round)
			.isEqualTo(HALF_OPEN_CALLS);
		assertThat(endpoint.circuitBreaker("hammered")).as("round %d", round).satisfies((halfOpen) -> {
			assertThat(halfOpen.state()).isEqualTo(State.HALF_OPEN);
			assertThat(halfOpen.notPermittedCalls()).isEqualTo(THREADS - HALF_OPEN_CALLS);
		});
		downstream.holdTrials(null, null);
		release.countDown();
		Tally tally = join(futures);
		assertThat(tally.rejected).as("round %d", round).isEqualTo(THREADS - HALF_OPEN_CALLS);
		return tally;
	}

	private Tally runTogether(Callable<Tally> task) throws Exception {
		return join(start(task));
	}

	private List<Future<Tally>> start(Callable<Tally> task) throws InterruptedException {
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Tally>> futures = new ArrayList<>(THREADS);
		for (int i = 0; i < THREADS; i++) {
			futures.add(this.executor.submit(() -> {
				ready.countDown();
				go.await();
				return task.call();
			}));
		}
		ready.await();
		go.countDown();
		return futures;
	}

	private static Tally join(List<Future<Tally>> futures) throws Exception {
		Tally sum = new Tally();
		for (Future<Tally> future : futures) {
			sum.add(future.get(10, TimeUnit.SECONDS));
		}
		return sum;
	}

	private static long calls(MeterRegistry meters, String outcome) {
		return meters.get("resilience.circuitbreaker.calls").tags("name", "hammered", "outcome", outcome).timer().count();
	}

	private static double transitions(MeterRegistry meters, String from, String to) {
		return meters.get("resilience.circuitbreaker.transitions")
			.tags("name", "hammered", "from", from, "to", to)
			.counter()
			.count();
	}

	/**
	 * What the callers saw.
	 */
	private static final class Tally {

		private long made;

		private long succeeded;

		private long failed;

		private long rejected;

		private final List<Throwable> unexpected = new ArrayList<>();

		void call(Downstream downstream) {
			call(downstream, null);
		}

		/**
		 * Calls once; a rejected call counts down {@code asked} itself, an admitted one in the
		 * method.
		 */
		void call(Downstream downstream, @Nullable CountDownLatch asked) {
			this.made++;
			try {
				downstream.call();
				this.succeeded++;
			}
			catch (CallNotPermittedException ex) {
				this.rejected++;
				if (asked != null) {
					asked.countDown();
				}
			}
			catch (IOException ex) {
				this.failed++;
			}
			catch (Throwable ex) {
				this.unexpected.add(ex);
			}
		}

		Tally add(Tally other) {
			this.made += other.made;
			this.succeeded += other.succeeded;
			this.failed += other.failed;
			this.rejected += other.rejected;
			this.unexpected.addAll(other.unexpected);
			return other;
		}

	}

	/**
	 * A downstream that fails or answers as told, counts what reaches it and can hold the calls
	 * that reach it while the breaker is half-open. Tests talk to it through methods only: the
	 * bean they get is a proxy, whose own fields are not the target's.
	 */
	static class Downstream {

		private final LongAdder invocations = new LongAdder();

		private final AtomicInteger halfOpenEntries = new AtomicInteger();

		private volatile boolean failing;

		private volatile @Nullable CircuitBreaker breaker;

		private volatile @Nullable CountDownLatch asked;

		private volatile @Nullable CountDownLatch release;

		@CircuitGuarded(name = "hammered", slidingWindowSize = 1_000, minimumCalls = 10, failureRateThreshold = 50,
				waitInOpen = "10s", halfOpenCalls = HALF_OPEN_CALLS)
		public String call() throws IOException, InterruptedException {
			this.invocations.increment();
			CircuitBreaker breaker = this.breaker;
			if (breaker != null && breaker.state() == State.HALF_OPEN) {
				this.halfOpenEntries.incrementAndGet();
			}
			CountDownLatch asked = this.asked;
			CountDownLatch release = this.release;
			if (asked != null && release != null) {
				asked.countDown();
				release.await();
			}
			if (this.failing) {
				throw new IOException("downstream failed");
			}
			return "ok";
		}

		public void failing(boolean failing) {
			this.failing = failing;
		}

		public int halfOpenEntries() {
			return this.halfOpenEntries.get();
		}

		public long invocations() {
			return this.invocations.sum();
		}

		public void watch(CircuitBreaker breaker) {
			this.breaker = breaker;
		}

		public void holdTrials(@Nullable CountDownLatch asked, @Nullable CountDownLatch release) {
			this.asked = asked;
			this.release = release;
		}

	}

}

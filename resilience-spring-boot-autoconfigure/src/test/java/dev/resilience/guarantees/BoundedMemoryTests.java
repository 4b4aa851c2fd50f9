package dev.resilience.guarantees;

import java.io.IOException;
import java.lang.ref.Reference;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import dev.resilience.actuate.ResilienceEventBuffer;
import dev.resilience.actuate.ResilienceMetrics;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.CircuitBreaker.Permit;
import dev.resilience.core.CircuitBreaker.State;
import dev.resilience.core.CircuitBreakerConfig;
import dev.resilience.core.CircuitBreakerConfig.SlidingWindowType;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceListener;
import dev.resilience.core.ResilienceListener.CallOutcome;
import dev.resilience.core.ResilienceListener.TimeLimiterOutcome;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.HostGuards;
import dev.resilience.http.HttpGuardPolicy;
import dev.resilience.http.ResilienceClientHttpRequestInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing the starter keeps grows with the number of calls: the event ring buffer keeps its
 * capacity under a million events, the sliding windows of circuit breakers keep their fixed
 * arrays under a million calls, the HTTP guards keep the instances of at most
 * {@code resilience.http.max-hosts} hosts however many hosts are called, and a circuit breaker
 * instance (or a host kept) costs a small, fixed number of bytes, which this test measures (heap
 * in use after garbage collection, divided by the number of instances) and prints for the README.
 */
@Timeout(60)
class BoundedMemoryTests {

	private static final int MILLION = 1_000_000;

	/** What the heap may grow by while a bounded structure takes a million more entries. */
	private static final long HEAP_TOLERANCE = 1024 * 1024;

	private static final int INSTANCES = 10_000;

	private static final IOException FAILURE = new IOException("down");

	private static final ResilienceListener NO_LISTENER = new ResilienceListener() {
	};

	private final ManualClock clock = new ManualClock();

	@Test
	void eventBufferKeepsItsCapacityUnderAMillionEvents() {
		ResilienceEventBuffer buffer = new ResilienceEventBuffer(this.clock);
		recordEvents(buffer, ResilienceEventBuffer.DEFAULT_CAPACITY);
		long heapWhenFull = Heap.usedAfterGc();
		recordEvents(buffer, MILLION);
		assertThat(Heap.usedAfterGc()).isLessThan(heapWhenFull + HEAP_TOLERANCE);
		List<ResilienceEventBuffer.Event> events = buffer.events(null);
		assertThat(events).hasSize(ResilienceEventBuffer.DEFAULT_CAPACITY);
		assertThat(events.get(events.size() - 1).name()).isEqualTo("instance-" + (MILLION - 1) % 7);
		Reference.reachabilityFence(buffer);
	}

	@Test
	void timeBasedWindowKeepsItsBucketsUnderAMillionCalls() {
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder()
					.slidingWindowType(SlidingWindowType.TIME_BASED)
					.slidingWindowSize(10)
					.minimumCalls(1)
					.build(),
				this.clock, NO_LISTENER);
		recordCalls(breaker, 20_000);
		long heapWhenFull = Heap.usedAfterGc();
		int mostBuffered = recordCalls(breaker, MILLION);
		assertThat(Heap.usedAfterGc()).isLessThan(heapWhenFull + HEAP_TOLERANCE);
		// One call per millisecond in a window of ten one-second buckets.
		assertThat(mostBuffered).isBetween(9_001, 10_000);
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
		assertThat(breaker.metrics().bufferedCalls()).isBetween(9_001, 10_000);
	}

	@Test
	void countBasedWindowKeepsItsSizeUnderAMillionCalls() {
		CircuitBreaker breaker = CircuitBreaker.of("inventory",
				CircuitBreakerConfig.builder().slidingWindowSize(100).minimumCalls(1).build(), this.clock,
				NO_LISTENER);
		recordCalls(breaker, 1_000);
		long heapWhenFull = Heap.usedAfterGc();
		int mostBuffered = recordCalls(breaker, MILLION);
		assertThat(Heap.usedAfterGc()).isLessThan(heapWhenFull + HEAP_TOLERANCE);
		assertThat(mostBuffered).isEqualTo(100);
		assertThat(breaker.state()).isEqualTo(State.CLOSED);
	}

	@Test
	void circuitBreakerInstanceCostsAFewHundredBytes() {
		ResilienceRegistry registry = registry();
		long bytes = bytesPerBreaker(registry);
		System.out.printf("Bytes per circuit breaker instance (default settings, no meters): %d%n", bytes);
		assertThat(bytes).isLessThan(1024);
		assertThat(registry.circuitBreakers()).hasSize(INSTANCES);
	}

	@Test
	void circuitBreakerInstanceWithItsMetersCostsAFewKilobytes() {
		ResilienceRegistry registry = registry();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new ResilienceMetrics(registry).bindTo(meters);
		long bytes = bytesPerBreaker(registry);
		System.out.printf("Bytes per circuit breaker instance (default settings, with meters): %d%n", bytes);
		assertThat(bytes).isLessThan(32 * 1024);
		Reference.reachabilityFence(meters);
	}

	@Test
	void hostInstancesOfTheHttpGuardsStayBoundedWhateverTheNumberOfHosts() throws IOException {
		ResilienceRegistry registry = registry();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new ResilienceMetrics(registry).bindTo(meters);
		ResilienceClientHttpRequestInterceptor guard = new ResilienceClientHttpRequestInterceptor(
				new HostGuards(registry, HostGuards.DEFAULT_MAX_HOSTS), HttpGuardPolicy.defaults());
		long before = Heap.usedAfterGc();
		callHosts(guard, 0, HostGuards.DEFAULT_MAX_HOSTS);
		long full = Heap.usedAfterGc();
		System.out.printf("Bytes per HTTP host kept (retry, circuit breaker, their meters and the guard's entry): %d%n",
				(full - before) / HostGuards.DEFAULT_MAX_HOSTS);
		callHosts(guard, HostGuards.DEFAULT_MAX_HOSTS, 10 * HostGuards.DEFAULT_MAX_HOSTS);
		assertThat(Heap.usedAfterGc()).isLessThan(full + HEAP_TOLERANCE);
		assertThat(registry.circuitBreakers()).hasSize(HostGuards.DEFAULT_MAX_HOSTS);
		assertThat(registry.retries()).hasSize(HostGuards.DEFAULT_MAX_HOSTS);
		assertThat(meters.getMeters()).hasSize(16 * HostGuards.DEFAULT_MAX_HOSTS);
		Reference.reachabilityFence(guard);
	}

	/** Sends one GET through the guard to each host from {@code first} to {@code end}, answered 200. */
	private static void callHosts(ResilienceClientHttpRequestInterceptor guard, int first, int end)
			throws IOException {
		ClientHttpRequestExecution answer = (request, body) -> new MockClientHttpResponse(new byte[0], HttpStatus.OK);
		for (int i = first; i < end; i++) {
			MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET,
					URI.create("http://host-" + i + ".example.com/stock"));
			guard.intercept(request, new byte[0], answer).close();
		}
	}

	private ResilienceRegistry registry() {
		return new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock, Runnable::run);
	}

	/**
	 * Creates {@link #INSTANCES} breakers of default settings, each used once so that its
	 * window exists, and returns the heap they take divided by their number.
	 */
	private long bytesPerBreaker(ResilienceRegistry registry) {
		List<String> names = new ArrayList<>(INSTANCES);
		for (int i = 0; i < INSTANCES; i++) {
			names.add("instance-" + i);
		}
		long before = Heap.usedAfterGc();
		for (String name : names) {
			registry.circuitBreaker(name).acquirePermit().onSuccess(1);
		}
		long after = Heap.usedAfterGc();
		Reference.reachabilityFence(registry);
		Reference.reachabilityFence(names);
		return (after - before) / INSTANCES;
	}

	private void recordEvents(ResilienceEventBuffer buffer, int events) {
		for (int i = 0; i < events; i++) {
			String name = "instance-" + i % 7;
			switch (i % 5) {
				case 0 -> buffer.onStateTransition(name, State.CLOSED, State.OPEN, "failure rate 60.0% >= 50.0%");
				case 1 -> buffer.onCircuitBreakerCall(name, CallOutcome.REJECTED, 0);
				case 2 -> buffer.onRetry(name, 1, 1_000_000, FAILURE);
				case 3 -> buffer.onTimeLimiterCall(name, TimeLimiterOutcome.TIMEOUT);
				default -> buffer.onFallback(name, FAILURE);
			}
		}
	}

	/**
	 * Records calls one millisecond apart, one in four a failure (below the threshold).
	 * @return the most calls the window held at any time
	 */
	private int recordCalls(CircuitBreaker breaker, int calls) {
		int mostBuffered = 0;
		for (int i = 0; i < calls; i++) {
			this.clock.advance(Duration.ofMillis(1));
			Permit permit = breaker.acquirePermit();
			if (i % 4 == 3) {
				permit.onError(1, FAILURE);
			}
			else {
				permit.onSuccess(1);
			}
			if (i % 100 == 0) {
				mostBuffered = Math.max(mostBuffered, breaker.metrics().bufferedCalls());
			}
		}
		return mostBuffered;
	}

}

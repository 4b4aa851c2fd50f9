package dev.resilience.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ConfigSource;
import dev.resilience.core.InvalidConfigurationException;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.http.HostGuards.HostGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HostGuards}: which host is dropped past the bound, guards that share a
 * registry, and the bound under concurrent requests.
 */
class HostGuardsTests {

	private final ManualClock clock = new ManualClock();

	private final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run);

	@Test
	void leastRecentlyUsedHostIsDroppedWhateverTheOrderOfCreation() {
		HostGuards guards = new HostGuards(this.registry, 3);
		use(guards, "a", "b", "c", "a", "b", "a", "d");
		assertThat(hosts()).containsExactly("a", "b", "d");
		use(guards, "b", "e");
		assertThat(hosts()).containsExactly("b", "d", "e");
		assertThat(guards.size()).isEqualTo(3);
	}

	@Test
	void repeatedUseOfOneHostKeepsItMostRecentlyUsed() {
		HostGuards guards = new HostGuards(this.registry, 2);
		use(guards, "a", "b", "b", "b", "a", "a", "c");
		assertThat(hosts()).containsExactly("a", "c");
	}

	@Test
	void hostIsMatchedIgnoringCaseAndNamedInLowerCase() {
		HostGuards guards = new HostGuards(this.registry, 2);
		HostGuard upper = guards.forUri(URI.create("https://API.Example.COM:8443/stock"));
		HostGuard lower = guards.forUri(URI.create("https://api.example.com:8443/prices"));
		assertThat(upper).isSameAs(lower);
		assertThat(upper.host()).isEqualTo("api.example.com:8443");
		assertThat(guards.size()).isEqualTo(1);
	}

	@Test
	void guardThatSharesAHostLetsGoWhenItsOwnerDropsIt() {
		HostGuards owner = new HostGuards(this.registry, 1);
		HostGuards sharing = new HostGuards(this.registry, 10);
		HostGuard first = guard(owner, "a");
		assertThat(guard(sharing, "a")).isEqualTo(first);
		guard(owner, "b");
		assertThat(this.registry.findCircuitBreaker("a")).isEmpty();
		assertThat(sharing.size()).isZero();
		HostGuard again = guard(sharing, "a");
		assertThat(again.breaker()).isNotSameAs(first.breaker());
		assertThat(this.registry.findCircuitBreaker("a")).containsSame(again.breaker());
		assertThat(this.registry.findRetry("a")).containsSame(again.retry());
	}

	@Test
	void boundHoldsUnderConcurrentRequestsToMoreHostsThanKept() throws Exception {
		HostGuards guards = new HostGuards(this.registry, 10);
		int threads = 8;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int offset = t;
				done.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 20_000; i++) {
						HostGuard guard = guard(guards, "host-" + ((i * 7 + offset) % 50));
						guard.breaker().acquirePermit().onSuccess(1);
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(guards.size()).isLessThanOrEqualTo(10);
		assertThat(this.registry.circuitBreakers()).hasSize(guards.size());
		assertThat(this.registry.retries()).hasSize(guards.size());
		for (CircuitBreaker breaker : this.registry.circuitBreakers()) {
			assertThat(guard(guards, breaker.name()).breaker()).isSameAs(breaker);
		}
	}

	@Test
	void boundBelowOneIsRejected() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> new HostGuards(this.registry, 0))
			.withMessage("Invalid value '0' for maxHosts: must be an integer of at least 1");
	}

	private void use(HostGuards guards, String... hosts) {
		for (String host : hosts) {
			guard(guards, host);
		}
	}

	private static HostGuard guard(HostGuards guards, String host) {
		return guards.forUri(URI.create("http://" + host + "/"));
	}

	private List<String> hosts() {
		return this.registry.circuitBreakers().stream().map(CircuitBreaker::name).toList();
	}

}

package dev.resilience.core;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.resilience.core.CircuitBreaker.Metrics;
import dev.resilience.core.CircuitBreaker.State;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the disabled state an operator chooses.
 */
class DisabledStateTests {

	private final CircuitBreakerRecordingListener listener = new CircuitBreakerRecordingListener();

	private final CircuitBreaker breaker = CircuitBreaker.of("inventory",
			CircuitBreakerConfig.builder().slidingWindowSize(2).minimumCalls(2).build(), new ManualClock(),
			this.listener);

	@Test
	void permitsEveryCallAndRecordsNothing() throws Throwable {
		this.breaker.transitionTo(State.DISABLED);
		for (int i = 0; i < 100; i++) {
			this.breaker.acquirePermit().onError(1, new IOException());
		}
		assertThat(this.breaker.execute(() -> "done")).isEqualTo("done");
		assertThat(this.breaker.state()).isEqualTo(State.DISABLED);
		assertThat(this.breaker.metrics()).isEqualTo(new Metrics(-1, -1, 0, 0, 0, 0));
		assertThat(this.listener.events()).containsExactly("CLOSED -> DISABLED");
	}

	@Test
	void resumesWithAFreshWindowWhenClosed() {
		this.breaker.transitionTo(State.DISABLED);
		CircuitBreaker.Permit disabled = this.breaker.acquirePermit();
		this.breaker.transitionTo(State.CLOSED);
		disabled.onError(1, new IOException());
		assertThat(this.breaker.metrics().bufferedCalls()).isZero();
		this.breaker.acquirePermit().onError(1, new IOException());
		this.breaker.acquirePermit().onError(1, new IOException());
		assertThat(this.breaker.state()).isEqualTo(State.OPEN);
	}

}

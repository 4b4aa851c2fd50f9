package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Retry#plan()}: asynchronous callers get the same decisions, counts and events
 * as {@link Retry#execute}.
 */
class RetryPlanTests {

	private final ManualClock clock = new ManualClock();

	private final RetryTests.RecordingListener listener = new RetryTests.RecordingListener();

	@Test
	void transientFailuresAreRetriedWithTheBackoffOfSynchronousCalls() {
		Retry retry = retry(RetryConfig.builder().jitter(0.0).build());
		Retry.Plan plan = retry.plan();
		assertThat(plan.attempt()).isEqualTo(1);
		assertThat(plan.onFailure(new IOException("1"))).isEqualTo(Duration.ofMillis(500).toNanos());
		plan.onRetry();
		assertThat(plan.attempt()).isEqualTo(2);
		assertThat(plan.onFailure(new IOException("2"))).isEqualTo(Duration.ofSeconds(1).toNanos());
		plan.onRetry();
		plan.onSuccess();
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 1, 0, 0, 2, 0));
		assertThat(this.listener.events).containsExactly("retry after 1 in 500000000ns: IOException",
				"retry after 2 in 1000000000ns: IOException", "completed SUCCESSFUL_WITH_RETRY after 3");
		assertThat(this.clock.sleeps()).isEmpty();
	}

	@Test
	void lastAttemptStopsAndRecordsAFailureWithRetry() {
		Retry retry = retry(RetryConfig.builder().maxAttempts(2).build());
		Retry.Plan plan = retry.plan();
		assertThat(plan.onFailure(new IOException("1"))).isNotNegative();
		plan.onRetry();
		assertThat(plan.onFailure(new IOException("2"))).isEqualTo(Retry.Plan.STOP);
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 1, 0, 1, 0));
	}

	@Test
	void nonTransientFailureStopsAtOnce() {
		Retry retry = retry(RetryConfig.defaults());
		Retry.Plan plan = retry.plan();
		assertThat(plan.onFailure(new IllegalArgumentException())).isEqualTo(Retry.Plan.STOP);
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 0, 1, 0, 0));
		assertThat(this.listener.events).containsExactly("completed FAILED_WITHOUT_RETRY after 1");
	}

	@Test
	void successAtTheFirstAttemptIsCountedWithoutRetry() {
		Retry retry = retry(RetryConfig.defaults());
		retry.plan().onSuccess();
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(1, 0, 0, 0, 0, 0));
	}

	@Test
	void maxDurationCountsFromTheStartOfThePlan() {
		Retry retry = retry(RetryConfig.builder().jitter(0.0).maxAttempts(5).maxDuration(Duration.ofSeconds(1)).build());
		Retry.Plan plan = retry.plan();
		this.clock.advance(Duration.ofMillis(600));
		assertThat(plan.onFailure(new IOException())).isEqualTo(Retry.Plan.STOP);
	}

	private Retry retry(RetryConfig config) {
		return Retry.of("test", config, this.clock, this.clock, this.listener);
	}

}

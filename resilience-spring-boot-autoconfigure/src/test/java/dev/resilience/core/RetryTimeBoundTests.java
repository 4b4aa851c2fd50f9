package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.resilience.core.RetryTests.RecordingListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for the time bounds of {@link DefaultRetry}: {@code max-duration} and the delay a failure
 * asks for with {@code Retry-After}.
 */
class RetryTimeBoundTests {

	private final ManualClock clock = new ManualClock();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void maxDurationStopsBeforeADelayThatWouldEndPastIt() {
		// attempts take 1s each; delays 500ms, 1s, 2s; bound 4s:
		// 1s + 500ms, 2.5s + 1s, 4.5s > 4s: the third attempt is the last
		Retry retry = retry(RetryConfig.builder().maxAttempts(10).maxDuration(Duration.ofSeconds(4)));
		SlowFailures attempts = new SlowFailures(Duration.ofSeconds(1));
		Throwable thrown = catchThrowable(() -> retry.execute(attempts));
		assertThat(attempts.calls).isEqualTo(3);
		assertThat(thrown).isSameAs(attempts.last);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 1, 0, 2, 0));
	}

	@Test
	void maxDurationAllowsADelayThatEndsExactlyAtIt() {
		Retry retry = retry(RetryConfig.builder().maxAttempts(2).maxDuration(Duration.ofMillis(1500)));
		SlowFailures attempts = new SlowFailures(Duration.ofSeconds(1));
		catchThrowable(() -> retry.execute(attempts));
		assertThat(attempts.calls).isEqualTo(2);
	}

	@Test
	void firstAttemptThatAlreadyExceededMaxDurationIsNotRetried() {
		Retry retry = retry(RetryConfig.builder().maxDuration(Duration.ofSeconds(1)));
		SlowFailures attempts = new SlowFailures(Duration.ofSeconds(2));
		Throwable thrown = catchThrowable(() -> retry.execute(attempts));
		assertThat(thrown).isSameAs(attempts.last);
		assertThat(attempts.calls).isEqualTo(1);
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 0, 1, 0, 0));
	}

	@Test
	void retryAfterLongerThanTheBackoffIsUsed() throws Throwable {
		Retry retry = retry(RetryConfig.builder());
		RetryTests.Attempts attempts = new RetryTests.Attempts(new RetryAfterException(Duration.ofSeconds(3)));
		assertThat(retry.execute(attempts)).isEqualTo("ok");
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(3));
		assertThat(this.listener.events).first().isEqualTo("retry after 1 in 3000000000ns: RetryAfterException");
	}

	@Test
	void retryAfterShorterThanTheBackoffKeepsTheBackoff() throws Throwable {
		Retry retry = retry(RetryConfig.builder());
		retry.execute(new RetryTests.Attempts(new RetryAfterException(Duration.ofMillis(100))));
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void retryAfterAboveMaxDelayEndsTheRetryingAtOnce() {
		Retry retry = retry(RetryConfig.builder().maxDelay(Duration.ofSeconds(10)));
		RetryAfterException failure = new RetryAfterException(Duration.ofSeconds(11));
		RetryTests.Attempts attempts = new RetryTests.Attempts(failure);
		assertThat(catchThrowable(() -> retry.execute(attempts))).isSameAs(failure);
		assertThat(attempts.calls).isEqualTo(1);
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(this.listener.events).containsExactly("completed FAILED_WITHOUT_RETRY after 1");
	}

	@Test
	void retryAfterPastMaxDurationEndsTheRetryingAtOnce() {
		Retry retry = retry(RetryConfig.builder().maxDuration(Duration.ofSeconds(5)));
		RetryAfterException failure = new RetryAfterException(Duration.ofSeconds(6));
		assertThat(catchThrowable(() -> retry.execute(new RetryTests.Attempts(failure)))).isSameAs(failure);
		assertThat(this.clock.sleeps()).isEmpty();
	}

	@Test
	void retryAfterIsReadWithTheClocksWallTime() throws Throwable {
		long[] seen = new long[1];
		RetryConfig config = RetryConfig.builder().jitter(0.0).retryAfter((failure, nowMillis) -> {
			seen[0] = nowMillis;
			return -1;
		}).build();
		this.clock.advance(Duration.ofSeconds(7));
		Retry.of("test", config, this.clock, this.clock, this.listener).execute(new RetryTests.Attempts(new IOException()));
		assertThat(seen[0]).isEqualTo(this.clock.currentTimeMillis() - 500);
	}

	private Retry retry(RetryConfig.Builder config) {
		RetryConfig built = config.jitter(0.0).retryAfter(RetryAfterException::extract).build();
		return Retry.of("test", built, this.clock, this.clock, this.listener);
	}

	/**
	 * An I/O failure that asks for a delay before the next attempt, like an HTTP 503 with a
	 * {@code Retry-After} header.
	 */
	static final class RetryAfterException extends IOException {

		private static final long serialVersionUID = 1L;

		private final Duration retryAfter;

		RetryAfterException(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

		static long extract(Throwable failure, long nowMillis) {
			return (failure instanceof RetryAfterException ex) ? ex.retryAfter.toNanos() : -1;
		}

	}

	/**
	 * An attempt that takes a while on the manual clock, then fails.
	 */
	private final class SlowFailures implements CheckedSupplier<String> {

		private final Duration duration;

		int calls;

		IOException last = new IOException();

		SlowFailures(Duration duration) {
			this.duration = duration;
		}

		@Override
		public String get() throws IOException {
			this.calls++;
			RetryTimeBoundTests.this.clock.advance(this.duration);
			this.last = new IOException("attempt " + this.calls);
			throw this.last;
		}

	}

}

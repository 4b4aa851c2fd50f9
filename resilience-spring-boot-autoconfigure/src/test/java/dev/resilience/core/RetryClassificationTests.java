package dev.resilience.core;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.resilience.core.RetryTests.Attempts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for which failures {@link DefaultRetry} retries: the default classification,
 * {@code retry-on}, {@code abort-on} and the rejections of a circuit breaker.
 */
class RetryClassificationTests {

	private final ManualClock clock = new ManualClock();

	@Test
	void transientFailuresAreRetriedByDefault() throws Throwable {
		Retry retry = retry(RetryConfig.builder().maxAttempts(4));
		Attempts attempts = new Attempts(new IOException(), new TimeoutException(),
				new TimeLimitExceededException("test", Duration.ofSeconds(1)));
		assertThat(retry.execute(attempts)).isEqualTo("ok");
		assertThat(attempts.calls).isEqualTo(4);
	}

	@Test
	void nonRetryableFailureIsRethrownAfterOneAttempt() {
		Retry retry = retry(RetryConfig.builder());
		IllegalArgumentException failure = new IllegalArgumentException("bad input");
		Attempts attempts = new Attempts(failure);
		assertThat(catchThrowable(() -> retry.execute(attempts))).isSameAs(failure);
		assertThat(attempts.calls).isEqualTo(1);
		assertThat(this.clock.sleeps()).isEmpty();
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 0, 1, 0, 0));
	}

	@Test
	void retryOnMakesAListedFailureRetryable() throws Throwable {
		Retry retry = retry(RetryConfig.builder().retryOn(List.of(IllegalStateException.class)));
		Attempts attempts = new Attempts(new IllegalStateException());
		assertThat(retry.execute(attempts)).isEqualTo("ok");
		assertThat(attempts.calls).isEqualTo(2);
	}

	@Test
	void retryOnReplacesTheDefaultClassification() {
		Retry retry = retry(RetryConfig.builder().retryOn(List.of(IllegalStateException.class)));
		IOException failure = new IOException();
		Attempts attempts = new Attempts(failure);
		assertThat(catchThrowable(() -> retry.execute(attempts))).isSameAs(failure);
		assertThat(attempts.calls).isEqualTo(1);
	}

	@Test
	void abortOnWinsOverRetryOn() {
		Retry retry = retry(RetryConfig.builder()
			.retryOn(List.of(IOException.class))
			.abortOn(List.of(FileNotFoundException.class)));
		FileNotFoundException failure = new FileNotFoundException();
		Attempts attempts = new Attempts(failure);
		assertThat(catchThrowable(() -> retry.execute(attempts))).isSameAs(failure);
		assertThat(attempts.calls).isEqualTo(1);
	}

	@Test
	void abortOnAloneNarrowsTheDefaultClassification() throws Throwable {
		Retry retry = retry(RetryConfig.builder().abortOn(List.of(FileNotFoundException.class)));
		FileNotFoundException failure = new FileNotFoundException();
		assertThat(catchThrowable(() -> retry.execute(new Attempts(failure)))).isSameAs(failure);
		Attempts attempts = new Attempts(new IOException());
		assertThat(retry.execute(attempts)).isEqualTo("ok");
		assertThat(attempts.calls).isEqualTo(2);
	}

	@Test
	void callNotPermittedIsNeverRetriedEvenWhenRetryOnListsThrowable() {
		Retry retry = retry(RetryConfig.builder().retryOn(List.of(Throwable.class)));
		CallNotPermittedException rejection = new CallNotPermittedException("breaker", CircuitBreaker.State.OPEN);
		Attempts attempts = new Attempts(rejection);
		assertThat(catchThrowable(() -> retry.execute(attempts))).isSameAs(rejection);
		assertThat(attempts.calls).isEqualTo(1);
	}

	@Test
	void callNotPermittedAfterARetryEndsTheRetrying() {
		Retry retry = retry(RetryConfig.builder().maxAttempts(5));
		CallNotPermittedException rejection = new CallNotPermittedException("breaker", CircuitBreaker.State.OPEN);
		Attempts attempts = new Attempts(new IOException(), rejection);
		assertThat(catchThrowable(() -> retry.execute(attempts))).isSameAs(rejection);
		assertThat(attempts.calls).isEqualTo(2);
		assertThat(retry.metrics()).isEqualTo(new Retry.Metrics(0, 0, 1, 0, 1, 0));
	}

	@Test
	void errorsAreNotRetriedByDefault() {
		Retry retry = retry(RetryConfig.builder());
		StackOverflowError error = new StackOverflowError();
		Attempts attempts = new Attempts(error);
		assertThat(catchThrowable(() -> retry.execute(attempts))).isSameAs(error);
		assertThat(attempts.calls).isEqualTo(1);
	}

	@Test
	void errorsAreRetriedWhenListedExplicitly() throws Throwable {
		Retry retry = retry(RetryConfig.builder().retryOn(List.of(StackOverflowError.class)));
		Attempts attempts = new Attempts(new StackOverflowError());
		assertThat(retry.execute(attempts)).isEqualTo("ok");
		assertThat(attempts.calls).isEqualTo(2);
	}

	@Test
	void customTransientClassificationIsUsedWithoutRetryOn() throws Throwable {
		Retry retry = retry(RetryConfig.builder()
			.transientFailures((failure) -> failure instanceof UnsupportedOperationException));
		Attempts attempts = new Attempts(new UnsupportedOperationException());
		assertThat(retry.execute(attempts)).isEqualTo("ok");
		IOException failure = new IOException();
		assertThat(catchThrowable(() -> retry.execute(new Attempts(failure)))).isSameAs(failure);
	}

	private Retry retry(RetryConfig.Builder config) {
		return Retry.of("test", config.jitter(0.0).build(), this.clock, this.clock, new ResilienceListener() {
		});
	}

}

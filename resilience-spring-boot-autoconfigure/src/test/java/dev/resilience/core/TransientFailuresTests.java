package dev.resilience.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link TransientFailures}: the failure and its causes are looked at, and a cycle of
 * causes ends the walk.
 */
class TransientFailuresTests {

	private static final Duration BOUND = Duration.ofSeconds(5);

	private final Predicate<Throwable> transientFailures = TransientFailures.defaults();

	@Test
	void transientFailureItselfIsTransient() {
		assertThat(this.transientFailures).accepts(new IOException(), new SocketTimeoutException(),
				new TimeoutException(), new TimeLimitExceededException("inventory", Duration.ofSeconds(1)));
	}

	@Test
	void failureCausedByATransientFailureIsTransient() {
		assertThat(this.transientFailures).accepts(new UncheckedIOException(new IOException("reset")),
				new RuntimeException(new SocketTimeoutException("read timed out")),
				new CompletionException(new IllegalStateException(new TimeoutException())));
	}

	@Test
	void failureWithoutATransientCauseIsNot() {
		assertThat(this.transientFailures).rejects(new IllegalArgumentException(),
				new IllegalStateException(new IllegalArgumentException()),
				new CallNotPermittedException("inventory", CircuitBreaker.State.OPEN));
	}

	@Test
	void failureThatIsItsOwnCauseEndsTheWalk() {
		SelfCaused failure = new SelfCaused();
		assertThat(assertTimeoutPreemptively(BOUND, () -> this.transientFailures.test(failure))).isFalse();
	}

	@Test
	void cycleOfTwoCausesEndsTheWalk() {
		IllegalStateException a = new IllegalStateException("a");
		IllegalArgumentException b = new IllegalArgumentException("b");
		a.initCause(b);
		b.initCause(a);
		assertThat(assertTimeoutPreemptively(BOUND, () -> this.transientFailures.test(a))).isFalse();
		assertThat(assertTimeoutPreemptively(BOUND, () -> this.transientFailures.test(b))).isFalse();
	}

	@Test
	void cycleAfterAChainOfCausesEndsTheWalk() {
		RuntimeException head = new RuntimeException("head");
		RuntimeException last = head;
		for (int i = 0; i < 10; i++) {
			RuntimeException next = new RuntimeException("cause " + i);
			last.initCause(next);
			last = next;
		}
		RuntimeException loopStart = new RuntimeException("loop");
		last.initCause(loopStart);
		RuntimeException loopEnd = new RuntimeException("loop end");
		loopStart.initCause(new IllegalStateException(loopEnd));
		loopEnd.initCause(loopStart);
		assertThat(assertTimeoutPreemptively(BOUND, () -> this.transientFailures.test(head))).isFalse();
	}

	@Test
	void transientCauseInsideACycleIsFound() {
		IllegalStateException a = new IllegalStateException("a");
		IOException b = new IOException("b");
		a.initCause(b);
		b.initCause(a);
		assertThat(assertTimeoutPreemptively(BOUND, () -> this.transientFailures.test(a))).isTrue();
	}

	/** A failure whose {@code getCause()} returns itself, as some libraries' exceptions do. */
	private static final class SelfCaused extends RuntimeException {

		private static final long serialVersionUID = 1L;

		@Override
		public synchronized Throwable getCause() {
			return this;
		}

	}

}

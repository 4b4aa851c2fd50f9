package dev.resilience.core;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Deadline}, driven by a manual clock.
 */
class DeadlineTests {

	private final ManualClock clock = new ManualClock();

	@AfterEach
	void clear() {
		Deadline.set(null);
	}

	@Test
	void noDeadlineByDefault() {
		assertThat(Deadline.current()).isNull();
	}

	@Test
	void remainingTimeShrinksWithTheClock() {
		Deadline deadline = Deadline.within(Duration.ofSeconds(2), this.clock);
		this.clock.advance(Duration.ofMillis(500));
		assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(1500));
		assertThat(deadline.isExpired()).isFalse();
		this.clock.advance(Duration.ofMillis(1500));
		assertThat(deadline.isExpired()).isTrue();
		assertThat(deadline.remaining()).isZero();
	}

	@Test
	void attachedDeadlineIsCurrentUntilTheScopeCloses() {
		Deadline outer = Deadline.within(Duration.ofSeconds(5), this.clock);
		try (Deadline.Scope scope = outer.attach()) {
			assertThat(Deadline.current()).isSameAs(outer);
			Deadline inner = Deadline.within(Duration.ofSeconds(1), this.clock);
			try (Deadline.Scope innerScope = inner.attach()) {
				assertThat(Deadline.current()).isSameAs(inner);
			}
			assertThat(Deadline.current()).isSameAs(outer);
		}
		assertThat(Deadline.current()).isNull();
	}

	@Test
	void nestedBoundNeverOutlivesTheCurrentDeadline() {
		Deadline outer = Deadline.within(Duration.ofMillis(300), this.clock);
		try (Deadline.Scope scope = outer.attach()) {
			this.clock.advance(Duration.ofMillis(100));
			Deadline nested = Deadline.within(Duration.ofSeconds(10), this.clock);
			assertThat(nested).isSameAs(outer);
			assertThat(nested.remaining()).isEqualTo(Duration.ofMillis(200));
			assertThat(Deadline.within(Duration.ofMillis(50), this.clock).remaining())
				.isEqualTo(Duration.ofMillis(50));
		}
	}

	@Test
	void enormousBoundDoesNotOverflow() {
		Deadline deadline = Deadline.within(Duration.ofDays(365 * 1000L), this.clock);
		assertThat(deadline.isExpired()).isFalse();
		assertThat(deadline.remainingNanos()).isPositive();
	}

}

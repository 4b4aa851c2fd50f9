package dev.resilience.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RateLimiterConfig}: defaults, and setters that reject out-of-range values with a
 * message naming the setting and what is allowed.
 */
class RateLimiterConfigTests {

	@Test
	void defaultsAreAHundredCallsPerSecondWithoutWaiting() {
		RateLimiterConfig config = RateLimiterConfig.defaults();
		assertThat(config.limit()).isEqualTo(100);
		assertThat(config.period()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.maxWait()).isEqualTo(Duration.ZERO);
	}

	@Test
	void builderKeepsTheValuesSet() {
		RateLimiterConfig config = RateLimiterConfig.builder()
			.limit(7)
			.period(Duration.ofMinutes(1))
			.maxWait(Duration.ofMillis(250))
			.build();
		assertThat(config.limit()).isEqualTo(7);
		assertThat(config.period()).isEqualTo(Duration.ofMinutes(1));
		assertThat(config.maxWait()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void limitMustBePositive() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimiterConfig.builder().limit(0))
			.withMessage("Invalid value '0' for limit: must be an integer from 1 to 10000")
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("limit");
				assertThat(ex.getValue()).isEqualTo(0);
			});
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimiterConfig.builder().limit(-5));
	}

	@Test
	void limitIsAtMostTheDocumentedMaximum() {
		assertThat(RateLimiterConfig.Builder.MAX_LIMIT).isEqualTo(10_000);
		assertThat(RateLimiterConfig.builder().limit(10_000).build().limit()).isEqualTo(10_000);
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimiterConfig.builder().limit(10_001))
			.withMessage("Invalid value '10001' for limit: must be an integer from 1 to 10000");
	}

	@Test
	void periodMustBePositive() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimiterConfig.builder().period(Duration.ZERO))
			.withMessage("Invalid value 'PT0S' for period: must be a positive duration");
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimiterConfig.builder().period(Duration.ofSeconds(-1)))
			.withMessage("Invalid value 'PT-1S' for period: must be a positive duration");
		assertThat(RateLimiterConfig.builder().period(Duration.ofNanos(1)).build().period())
			.isEqualTo(Duration.ofNanos(1));
	}

	@Test
	void maxWaitMayBeZeroButNotNegative() {
		assertThat(RateLimiterConfig.builder().maxWait(Duration.ZERO).build().maxWait()).isEqualTo(Duration.ZERO);
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> RateLimiterConfig.builder().maxWait(Duration.ofMillis(-1)))
			.withMessage("Invalid value 'PT-0.001S' for max-wait: must be a duration of zero or more")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("max-wait"));
	}

}

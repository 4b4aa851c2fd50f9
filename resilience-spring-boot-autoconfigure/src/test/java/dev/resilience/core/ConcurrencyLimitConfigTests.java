package dev.resilience.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ConcurrencyLimitConfig}: defaults, and out-of-range settings rejected with a
 * message that names the setting.
 */
class ConcurrencyLimitConfigTests {

	@Test
	void defaultsAreAFixedLimitOf25ThatRefusesAtOnce() {
		ConcurrencyLimitConfig config = ConcurrencyLimitConfig.defaults();
		assertThat(config.limit()).isEqualTo(25);
		assertThat(config.maxWait()).isZero();
		assertThat(config.adaptive()).isFalse();
		assertThat(config.minLimit()).isOne();
		assertThat(config.maxLimit()).isEqualTo(200);
	}

	@Test
	void keepsWhatIsSet() {
		ConcurrencyLimitConfig config = ConcurrencyLimitConfig.builder()
			.limit(40)
			.maxWait(Duration.ofMillis(250))
			.adaptive(true)
			.minLimit(10)
			.maxLimit(80)
			.build();
		assertThat(config.limit()).isEqualTo(40);
		assertThat(config.maxWait()).isEqualTo(Duration.ofMillis(250));
		assertThat(config.adaptive()).isTrue();
		assertThat(config.minLimit()).isEqualTo(10);
		assertThat(config.maxLimit()).isEqualTo(80);
	}

	@Test
	void limitBelowOneIsRejected() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> ConcurrencyLimitConfig.builder().limit(0))
			.withMessage("Invalid value '0' for limit: must be an integer of at least 1")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("limit"));
	}

	@Test
	void negativeMaxWaitIsRejected() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> ConcurrencyLimitConfig.builder().maxWait(Duration.ofMillis(-1)))
			.withMessage("Invalid value 'PT-0.001S' for max-wait: must be a duration of zero or more");
	}

	@Test
	void minAndMaxLimitBelowOneAreRejected() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> ConcurrencyLimitConfig.builder().minLimit(0))
			.withMessage("Invalid value '0' for min-limit: must be an integer of at least 1");
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> ConcurrencyLimitConfig.builder().maxLimit(-3))
			.withMessage("Invalid value '-3' for max-limit: must be an integer of at least 1");
	}

	@Test
	void minLimitAboveMaxLimitIsRejected() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> ConcurrencyLimitConfig.builder().minLimit(50).maxLimit(20).build())
			.withMessage("Invalid value '50' for min-limit: must be at most max-limit (20)");
	}

	@Test
	void adaptiveLimitOutsideItsRangeIsRejected() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> ConcurrencyLimitConfig.builder().adaptive(true).limit(300).build())
			.withMessage("Invalid value '300' for limit: must be an integer from 1 to 200 (min-limit to max-limit)"
					+ " for an adaptive limit")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("limit"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> ConcurrencyLimitConfig.builder().adaptive(true).minLimit(30).build())
			.withMessageContaining("for limit: must be an integer from 30 to 200");
	}

	@Test
	void fixedLimitMayLieOutsideTheAdaptiveRange() {
		assertThat(ConcurrencyLimitConfig.builder().limit(300).build().limit()).isEqualTo(300);
	}

}

package dev.resilience.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.resilience.core.InvalidConfigurationException;

import static dev.resilience.autoconfigure.PropertiesConfigSourceTests.source;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A window is a fixed array allocated up front, so its size has an upper bound: a huge size fails
 * start-up instead of allocating gigabytes.
 */
class SlidingWindowBoundsTests {

	@Test
	void hugeCountBasedWindowNamesTheKey() {
		PropertiesConfigSource source = source(
				Map.of("resilience.circuit-breaker.instances.inventory.sliding-window-size", "2000000000"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.withMessageContaining("resilience.circuit-breaker.instances.inventory.sliding-window-size")
			.withMessageContaining("from 1 to 1000000");
	}

	@Test
	void timeBasedWindowLongerThanADayNamesTheKey() {
		PropertiesConfigSource source = source(Map.of("resilience.circuit-breaker.defaults.sliding-window-type",
				"time-based", "resilience.circuit-breaker.defaults.sliding-window-size", "100000"));
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(source::validate)
			.withMessageContaining("resilience.circuit-breaker.defaults.sliding-window-size")
			.withMessageContaining("at most 86400");
	}

}

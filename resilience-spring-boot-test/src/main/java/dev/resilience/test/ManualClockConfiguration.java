package dev.resilience.test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Puts a {@link ManualClock} in the application context, where the starter takes it as the
 * {@link dev.resilience.core.Clock} and the {@link dev.resilience.core.Sleeper} of every instance.
 * Imported by {@link ManualResilienceClock}, or by a test's own {@code @Import}.
 *
 * @since 0.3.0
 */
@Configuration(proxyBeanMethods = false)
public class ManualClockConfiguration {

	/**
	 * The clock and sleeper of the starter's instances; primary, so that it wins over a clock the
	 * application defines itself.
	 * @return a new manual clock
	 */
	@Bean
	@Primary
	ManualClock resilienceManualClock() {
		return new ManualClock();
	}

}

package dev.resilience.autoconfigure;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.resilience.actuate.ResilienceEventLogger;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ResilienceLoggingAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResilienceLoggingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ResilienceAutoConfiguration.class, ResilienceLoggingAutoConfiguration.class))
		.withBean(ManualClock.class);

	@Test
	void runShouldHaveEventLogger() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ResilienceEventLogger.class));
	}

	@Test
	void runWhenResilienceIsDisabledShouldNotHaveEventLogger() {
		this.runner.withPropertyValues("resilience.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ResilienceEventLogger.class));
	}

	@Test
	void runShouldLogStateTransitionsWithTheirReason(CapturedOutput output) {
		this.runner.run((context) -> {
			CircuitBreaker breaker = context.getBean(ResilienceRegistry.class)
				.circuitBreaker("inventory", (builder) -> builder.minimumCalls(2).slidingWindowSize(2));
			breaker.execute(() -> "ok");
			try {
				breaker.execute(() -> {
					throw new IOException("password=hunter2");
				});
			}
			catch (IOException expected) {
				// the breaker opens
			}
			assertThat(output)
				.containsOnlyOnce("Circuit breaker 'inventory' CLOSED -> OPEN (failure rate 50.0% >= 50.0%)")
				.doesNotContain("hunter2");
		});
	}

	@Test
	void runShouldLogChangesOfAnAdaptiveLimit(CapturedOutput output) {
		this.runner.run((context) -> {
			context.getBean(ResilienceRegistry.class).events().onLimitChanged("inbound", 25, 18);
			assertThat(output).containsOnlyOnce("Concurrency limit 'inbound' 25 -> 18");
		});
	}

	@Test
	void runShouldLogRetriesAtDebug(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(ResilienceEventLogger.class.getName(), LogLevel.DEBUG);
		try {
			this.runner.run((context) -> {
				ResilienceRegistry registry = context.getBean(ResilienceRegistry.class);
				int[] calls = new int[1];
				registry.retry("inventory", (builder) -> builder.delay(Duration.ofMillis(200)).jitter(0))
					.execute(() -> {
						if (calls[0]++ == 0) {
							throw new IOException("password=hunter2");
						}
						return "ok";
					});
				assertThat(output)
					.contains("Retry 'inventory' attempt 1 failed with java.io.IOException; attempt 2 in 200ms")
					.doesNotContain("hunter2");
			});
		}
		finally {
			logging.setLogLevel(ResilienceEventLogger.class.getName(), null);
		}
	}

}

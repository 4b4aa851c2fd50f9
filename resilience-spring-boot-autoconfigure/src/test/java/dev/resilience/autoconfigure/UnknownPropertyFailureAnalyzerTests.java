package dev.resilience.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link UnknownPropertyFailureAnalyzer}, over failures of {@link UnknownPropertiesCheck}.
 */
class UnknownPropertyFailureAnalyzerTests {

	private final UnknownPropertyFailureAnalyzer analyzer = new UnknownPropertyFailureAnalyzer();

	@Test
	void analyzeWhenDefaultsHaveAnUnknownKeyShouldNameItItsOriginAndTheKeysAllowed() {
		FailureAnalysis analysis = this.analyzer.analyze(checkFailure("resilience.retry.defaults.max-atempts", "5"));
		assertThat(analysis.getDescription())
			.isEqualTo("Unknown configuration property 'resilience.retry.defaults.max-atempts' "
					+ "(\"resilience.retry.defaults.max-atempts\" from property source \"test\"): resilience.retry.defaults has no key 'max-atempts'.");
		assertThat(analysis.getAction()).isEqualTo("Correct or remove resilience.retry.defaults.max-atempts in your "
				+ "configuration (application.yml or application.properties): the keys of resilience.retry.defaults are "
				+ "abort-on, budget, delay, jitter, max-attempts, max-delay, max-duration, multiplier, retry-on.");
	}

	@Test
	void analyzeWhenABracketedInstanceHasAnUnknownKeyShouldNameTheGroupAsWritten() {
		FailureAnalysis analysis = this.analyzer
			.analyze(checkFailure("resilience.circuit-breaker.instances[api.example.com].minimum-cals", "5"));
		assertThat(analysis.getDescription()).contains("resilience.circuit-breaker.instances[api.example.com] has no "
				+ "key 'minimum-cals'");
		assertThat(analysis.getAction()).contains("minimum-calls");
	}

	@Test
	void analyzeWhenTheBudgetHasAnUnknownKeyShouldListTheBudgetKeys() {
		FailureAnalysis analysis = this.analyzer
			.analyze(checkFailure("resilience.retry.instances.inventory.budget.limit", "10"));
		assertThat(analysis.getAction()).endsWith(
				"the keys of resilience.retry.instances.inventory.budget are enabled, min-per-second, ratio, store, window.");
	}

	@Test
	void checkWhenEveryKeyIsKnownShouldPass() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("resilience.retry.defaults.max-attempts", "5")
			.withProperty("resilience.retry.defaults.budget.ratio", "0.1")
			.withProperty("resilience.retry.instances[api.example.com].retry-on[0]", "java.io.IOException")
			.withProperty("resilience.circuit-breaker.defaults.wait-in-open", "10s")
			.withProperty("resilience.circuit-breaker.instances.inventory.health-fails-when-open", "true")
			.withProperty("resilience.time-limiter.defaults.cancel-running", "false")
			.withProperty("resilience.time-limiter.instances.inventory.timeout", "1s")
			.withProperty("resilience.http.a-key-of-another-group", "left to its own binding");
		UnknownPropertiesCheck.check(environment);
	}

	@Test
	void analyzeWhenPropertyIsNotTheStartersShouldReturnNull() {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		source.put("server.prot", "8080");
		BindException failure = catchThrowableOfType(BindException.class,
				() -> new Binder(source).bind("server", Bindable.of(Server.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT)));
		assertThat(this.analyzer.analyze(failure)).isNull();
	}

	private static BindException checkFailure(String key, String value) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(key, value)));
		return catchThrowableOfType(BindException.class, () -> UnknownPropertiesCheck.check(environment));
	}

	static class Server {

		private int port;

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

}

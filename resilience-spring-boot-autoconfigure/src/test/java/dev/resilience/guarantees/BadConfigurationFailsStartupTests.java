package dev.resilience.guarantees;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceDeadlineAutoConfiguration;
import dev.resilience.autoconfigure.ResilienceHttpClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property of the starter ({@code resilience.*}: retry with its budget, circuit breaker,
 * time limiter, hedge with its budget, deadline, the HTTP clients' bound on hosts), in its defaults and in a named
 * instance, given a value out of range or one that cannot be parsed, fails start-up; the report
 * Spring Boot prints, computed by the failure analyzers registered on the class path, names the
 * property and what is allowed.
 *
 * <p>Values out of range are also tested one level down, without start-up, in
 * {@code PropertiesConfigSourceValidationTests} and {@code RetryBudgetPropertiesTests}.
 */
class BadConfigurationFailsStartupTests {

	private static final String AT_LEAST_ONE = "an integer of at least 1";

	private static final String PERCENT = "a percentage greater than 0 and at most 100";

	private static final String POSITIVE = "a positive duration";

	private static final String NOT_NEGATIVE = "a duration of zero or more";

	private static final String DURATION = "a duration such as 500ms, 2s or PT1M";

	private static final String WHOLE_NUMBER = "a whole number";

	private static final String HEDGE_DELAY = "a duration of at least 0, or p followed by a percentile above 0 and below 100 (p90, p95, p99)";

	private static final String NUMBER = "a number";

	private static final String BOOLEAN = "true or false";

	private static final String THROWABLE = "a Throwable class";

	private static final String CLASS_NAMES = "fully qualified names of Throwable classes on the class path";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class,
				ResilienceDeadlineAutoConfiguration.class, ResilienceHttpClientAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1}")
	@MethodSource("badValues")
	void badValueFailsStartUpNamingThePropertyAndWhatIsAllowed(String property, String value, String reported,
			String allowed) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = StartupFailureReport.of(context.getStartupFailure());
			assertThat(analysis).as("analysis").isNotNull();
			assertThat(analysis.getDescription()).contains("'" + reported + "'").endsWith("it must be " + allowed + ".");
			assertThat(analysis.getAction()).startsWith("Update " + reported + " in your configuration")
				.endsWith("it must be " + allowed + ".");
		});
	}

	static Stream<Arguments> badValues() {
		List<Arguments> rows = new ArrayList<>();
		rows.add(row("resilience.enabled", "maybe", BOOLEAN));
		for (String layer : new String[] { "defaults", "instances.inventory" }) {
			String retry = "resilience.retry." + layer + ".";
			rows.add(row(retry + "max-attempts", "0", AT_LEAST_ONE));
			rows.add(row(retry + "max-attempts", "-3", AT_LEAST_ONE));
			rows.add(row(retry + "max-attempts", "lots", WHOLE_NUMBER));
			rows.add(row(retry + "delay", "-1ms", NOT_NEGATIVE));
			rows.add(row(retry + "delay", "soon", DURATION));
			rows.add(row(retry + "multiplier", "0.5", "a finite number of at least 1.0"));
			rows.add(row(retry + "multiplier", "double", NUMBER));
			rows.add(row(retry + "max-delay", "-1s", NOT_NEGATIVE));
			rows.add(row(retry + "max-delay", "later", DURATION));
			rows.add(row(retry + "jitter", "1.5", "a number from 0.0 to 1.0"));
			rows.add(row(retry + "jitter", "-0.1", "a number from 0.0 to 1.0"));
			rows.add(row(retry + "max-duration", "0s", POSITIVE));
			rows.add(row(retry + "max-duration", "-5s", POSITIVE));
			rows.add(row(retry + "max-duration", "forever", DURATION));
			rows.add(row(retry + "retry-on", "java.lang.String", retry + "retry-on[0]", THROWABLE));
			rows.add(row(retry + "retry-on", "com.example.NoSuchException", CLASS_NAMES));
			rows.add(row(retry + "abort-on", "java.lang.String", retry + "abort-on[0]", THROWABLE));
			rows.add(row(retry + "abort-on", "com.example.NoSuchException", CLASS_NAMES));
			rows.add(row(retry + "budget.enabled", "maybe", BOOLEAN));
			rows.add(row(retry + "budget.ratio", "-0.1", "a finite number of at least 0.0"));
			rows.add(row(retry + "budget.ratio", "some", NUMBER));
			rows.add(row(retry + "budget.min-per-second", "-1", "an integer of at least 0"));
			rows.add(row(retry + "budget.min-per-second", "ten", WHOLE_NUMBER));
			rows.add(row(retry + "budget.window", "5ms", "a duration of at least 10ms"));
			rows.add(row(retry + "budget.window", "long", DURATION));
			String breaker = "resilience.circuit-breaker." + layer + ".";
			rows.add(row(breaker + "failure-rate-threshold", "0", PERCENT));
			rows.add(row(breaker + "failure-rate-threshold", "120", PERCENT));
			rows.add(row(breaker + "failure-rate-threshold", "-5", PERCENT));
			rows.add(row(breaker + "failure-rate-threshold", "half", NUMBER));
			rows.add(row(breaker + "slow-call-rate-threshold", "0", PERCENT));
			rows.add(row(breaker + "slow-call-rate-threshold", "150", PERCENT));
			rows.add(row(breaker + "slow-call-duration", "0s", POSITIVE));
			rows.add(row(breaker + "slow-call-duration", "slow", DURATION));
			rows.add(row(breaker + "sliding-window-type", "sideways", "one of count-based, time-based"));
			rows.add(row(breaker + "sliding-window-size", "0", AT_LEAST_ONE));
			rows.add(row(breaker + "sliding-window-size", "-10", AT_LEAST_ONE));
			rows.add(row(breaker + "sliding-window-size", "big", WHOLE_NUMBER));
			rows.add(row(breaker + "minimum-calls", "0", AT_LEAST_ONE));
			rows.add(row(breaker + "minimum-calls", "-1", AT_LEAST_ONE));
			rows.add(row(breaker + "wait-in-open", "0s", POSITIVE));
			rows.add(row(breaker + "wait-in-open", "-1s", POSITIVE));
			rows.add(row(breaker + "wait-in-open", "a while", DURATION));
			rows.add(row(breaker + "half-open-calls", "0", AT_LEAST_ONE));
			rows.add(row(breaker + "half-open-calls", "-2", AT_LEAST_ONE));
			rows.add(row(breaker + "record-on", "java.lang.String", breaker + "record-on[0]", THROWABLE));
			rows.add(row(breaker + "record-on", "com.example.NoSuchException", CLASS_NAMES));
			rows.add(row(breaker + "ignore", "java.lang.String", breaker + "ignore[0]", THROWABLE));
			rows.add(row(breaker + "ignore", "com.example.NoSuchException", CLASS_NAMES));
			rows.add(row(breaker + "health-fails-when-open", "maybe", BOOLEAN));
			String timeLimiter = "resilience.time-limiter." + layer + ".";
			rows.add(row(timeLimiter + "timeout", "0s", POSITIVE));
			rows.add(row(timeLimiter + "timeout", "-1s", POSITIVE));
			rows.add(row(timeLimiter + "timeout", "soon", DURATION));
			rows.add(row(timeLimiter + "cancel-running", "maybe", BOOLEAN));
			String hedge = "resilience.hedge." + layer + ".";
			rows.add(row(hedge + "max-attempts", "1", "an integer from 2 to 10"));
			rows.add(row(hedge + "max-attempts", "11", "an integer from 2 to 10"));
			rows.add(row(hedge + "max-attempts", "twice", WHOLE_NUMBER));
			rows.add(row(hedge + "delay", "soon", HEDGE_DELAY));
			rows.add(row(hedge + "delay", "-5ms", HEDGE_DELAY));
			rows.add(row(hedge + "delay", "p100", HEDGE_DELAY));
			rows.add(row(hedge + "delay", "p0", HEDGE_DELAY));
			rows.add(row(hedge + "min-delay", "-1ms", NOT_NEGATIVE));
			rows.add(row(hedge + "min-delay", "soon", DURATION));
			rows.add(row(hedge + "budget.enabled", "maybe", BOOLEAN));
			rows.add(row(hedge + "budget.ratio", "-0.1", "a finite number of at least 0.0"));
			rows.add(row(hedge + "budget.min-per-second", "-1", "an integer of at least 0"));
			rows.add(row(hedge + "budget.window", "5ms", "a duration of at least 10ms"));
		}
		rows.add(row("resilience.deadline.enabled", "maybe", BOOLEAN));
		rows.add(row("resilience.deadline.header", "",
				"a non-empty HTTP header name of letters, digits and !#$%&'*+-.^_`|~"));
		rows.add(row("resilience.deadline.header", "X Request Timeout",
				"a non-empty HTTP header name of letters, digits and !#$%&'*+-.^_`|~"));
		rows.add(row("resilience.deadline.inbound", "maybe", BOOLEAN));
		rows.add(row("resilience.deadline.inbound-default", "-1s",
				"a duration of zero or more (zero or empty: no default deadline)"));
		rows.add(row("resilience.deadline.inbound-default", "soon", DURATION));
		rows.add(row("resilience.deadline.outbound", "maybe", BOOLEAN));
		rows.add(row("resilience.http.max-hosts", "0", AT_LEAST_ONE));
		rows.add(row("resilience.http.max-hosts", "-1", AT_LEAST_ONE));
		rows.add(row("resilience.http.max-hosts", "many", WHOLE_NUMBER));
		return rows.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unknownKeys")
	void unknownKeyFailsStartUpNamingThePropertyAndTheKeysAllowed(String property, String group, String known) {
		this.runner.withPropertyValues(property + "=5").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = StartupFailureReport.of(context.getStartupFailure());
			assertThat(analysis).as("analysis").isNotNull();
			assertThat(analysis.getDescription()).startsWith("Unknown configuration property '" + property + "'")
				.contains(group + " has no key");
			assertThat(analysis.getAction()).startsWith("Correct or remove " + property + " in your configuration")
				.contains("the keys of " + group + " are ")
				.contains(known);
		});
	}

	static Stream<Arguments> unknownKeys() {
		return Stream.of(
				Arguments.of("resilience.retry.defaults.max-atempts", "resilience.retry.defaults", "max-attempts"),
				Arguments.of("resilience.retry.defaults.budget.ratioo", "resilience.retry.defaults.budget", "ratio"),
				Arguments.of("resilience.retry.defaults.budget.min-per-sec", "resilience.retry.defaults.budget",
						"min-per-second"),
				Arguments.of("resilience.circuit-breaker.defaults.failure-rate-treshold",
						"resilience.circuit-breaker.defaults", "failure-rate-threshold"),
				Arguments.of("resilience.circuit-breaker.defaults.wait-duration-in-open-state",
						"resilience.circuit-breaker.defaults", "wait-in-open"),
				Arguments.of("resilience.time-limiter.defaults.duration", "resilience.time-limiter.defaults", "timeout"),
				Arguments.of("resilience.time-limiter.defaults.cancel-runing", "resilience.time-limiter.defaults",
						"cancel-running"),
				Arguments.of("resilience.retry.instances.inventory.max-atempts", "resilience.retry.instances.inventory",
						"max-attempts"),
				Arguments.of("resilience.retry.instances.inventory.budget.windw",
						"resilience.retry.instances.inventory.budget", "window"),
				Arguments.of("resilience.circuit-breaker.instances.inventory.wait-in-opn",
						"resilience.circuit-breaker.instances.inventory", "wait-in-open"),
				Arguments.of("resilience.time-limiter.instances.inventory.timout",
						"resilience.time-limiter.instances.inventory", "timeout"),
				Arguments.of("resilience.hedge.defaults.max-atempts", "resilience.hedge.defaults", "max-attempts"),
				Arguments.of("resilience.hedge.defaults.budget.store", "resilience.hedge.defaults.budget", "window"),
				Arguments.of("resilience.hedge.instances.inventory.dealy", "resilience.hedge.instances.inventory",
						"delay"),
				Arguments.of("resilience.retry.defualts.max-attempts", "resilience.retry", "defaults, instances"));
	}

	private static Arguments row(String property, String value, String allowed) {
		return row(property, value, property, allowed);
	}

	private static Arguments row(String property, String value, String reported, String allowed) {
		return Arguments.of(property, value, reported, allowed);
	}

}

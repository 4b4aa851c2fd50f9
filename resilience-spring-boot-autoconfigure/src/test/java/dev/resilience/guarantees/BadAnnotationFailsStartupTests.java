package dev.resilience.guarantees;

import java.io.IOException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every annotation attribute with a bad value (out of range, an unparsable duration) and every
 * kind of fallback method with a wrong signature fails start-up, before any call; the report
 * Spring Boot prints names the bean, the method, the attribute and what is allowed, or the
 * signature the fallback needs.
 *
 * <p>The exceptions behind some of these rows are also tested in {@code InvalidAnnotationTests};
 * this test proves the report an operator reads.
 */
class BadAnnotationFailsStartupTests {

	private static final String AT_LEAST_ONE = "must be an integer of at least 1";

	private static final String PERCENT = "must be a percentage greater than 0 and at most 100";

	private static final String POSITIVE = "must be a positive duration";

	private static final String DURATION = "must be a duration such as 500ms, 2s or PT1M";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("badAttributes")
	void badAttributeFailsStartUpNamingBeanMethodAttributeAndWhatIsAllowed(Class<?> beanClass, String attribute,
			String value, String allowed) {
		this.runner.withBean("guarded", beanClass).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = StartupFailureReport.of(context.getStartupFailure());
			assertThat(analysis).as("analysis").isNotNull();
			assertThat(analysis.getDescription())
				.startsWith("The method String " + beanClass.getSimpleName() + ".load() of bean 'guarded' ")
				.endsWith("invalid " + attribute + " '" + value + "': " + allowed + ".");
			assertThat(analysis.getAction()).startsWith("Change " + attribute + " on load");
		});
	}

	static Stream<Arguments> badAttributes() {
		return Stream.of(Arguments.of(NegativeMaxAttempts.class, "@Retryable(maxAttempts)", "-5", AT_LEAST_ONE),
				Arguments.of(ZeroMaxAttempts.class, "@Retryable(maxAttempts)", "0", AT_LEAST_ONE),
				Arguments.of(JitterAboveOne.class, "@Retryable(jitter)", "1.5", "must be a number from 0.0 to 1.0"),
				Arguments.of(MultiplierBelowOne.class, "@Retryable(multiplier)", "0.5",
						"must be a finite number of at least 1.0"),
				Arguments.of(UnparsableDelay.class, "@Retryable(delay)", "soon", DURATION),
				Arguments.of(NegativeDelay.class, "@Retryable(delay)", "PT-1S", "must be a duration of zero or more"),
				Arguments.of(UnparsableMaxDelay.class, "@Retryable(maxDelay)", "10 seconds", DURATION),
				Arguments.of(ZeroMaxDuration.class, "@Retryable(maxDuration)", "PT0S", POSITIVE),
				Arguments.of(UnparsableMaxDuration.class, "@Retryable(maxDuration)", "forever", DURATION),
				Arguments.of(ZeroFailureRate.class, "@CircuitGuarded(failureRateThreshold)", "0.0", PERCENT),
				Arguments.of(FailureRateAbove100.class, "@CircuitGuarded(failureRateThreshold)", "120.0", PERCENT),
				Arguments.of(SlowCallRateAbove100.class, "@CircuitGuarded(slowCallRateThreshold)", "150.0", PERCENT),
				Arguments.of(ZeroHalfOpenCalls.class, "@CircuitGuarded(halfOpenCalls)", "0", AT_LEAST_ONE),
				Arguments.of(ZeroMinimumCalls.class, "@CircuitGuarded(minimumCalls)", "0", AT_LEAST_ONE),
				Arguments.of(ZeroWindow.class, "@CircuitGuarded(slidingWindowSize)", "0", AT_LEAST_ONE),
				Arguments.of(UnparsableWaitInOpen.class, "@CircuitGuarded(waitInOpen)", "a while", DURATION),
				Arguments.of(ZeroWaitInOpen.class, "@CircuitGuarded(waitInOpen)", "PT0S", POSITIVE),
				Arguments.of(UnparsableSlowCallDuration.class, "@CircuitGuarded(slowCallDuration)", "slow", DURATION),
				Arguments.of(UnparsableTimeout.class, "@TimeLimited(timeout)", "soon", DURATION),
				Arguments.of(ZeroTimeout.class, "@TimeLimited(timeout)", "PT0S", POSITIVE),
				Arguments.of(NegativeTimeout.class, "@TimeLimited(timeout)", "PT-1S", POSITIVE),
				Arguments.of(UnknownCancelRunning.class, "@TimeLimited(cancelRunning)", "maybe",
						"must be true or false"),
				Arguments.of(UnknownCancelRunningFromPlaceholder.class, "@TimeLimited(cancelRunning)", "yes",
						"must be true or false"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFallbacks")
	void fallbackWithWrongSignatureFailsStartUpNamingTheSignatureNeeded(Class<?> beanClass, String problem) {
		this.runner.withBean("guarded", beanClass).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = StartupFailureReport.of(context.getStartupFailure());
			assertThat(analysis).as("analysis").isNotNull();
			assertThat(analysis.getDescription())
				.startsWith("The method String " + beanClass.getSimpleName() + ".load(String) of bean 'guarded' ")
				.contains(problem);
			assertThat(analysis.getAction()).contains("String cached(String) or String cached(String, Throwable)");
		});
	}

	static Stream<Arguments> badFallbacks() {
		String incompatible = "@Fallback names method 'cached', but no method of that name has a compatible signature";
		return Stream.of(Arguments.of(MissingFallback.class, "@Fallback names method 'cached', which does not exist"),
				Arguments.of(FallbackOfOtherParameters.class, incompatible),
				Arguments.of(FallbackOfOtherReturnType.class, incompatible),
				Arguments.of(FallbackWithExtraParameter.class, incompatible),
				Arguments.of(FallbackWithoutParameters.class, incompatible));
	}

	static class NegativeMaxAttempts {

		@Retryable(maxAttempts = -5)
		public String load() {
			return "x";
		}

	}

	static class ZeroMaxAttempts {

		@Retryable(maxAttempts = 0)
		public String load() {
			return "x";
		}

	}

	static class JitterAboveOne {

		@Retryable(jitter = 1.5)
		public String load() {
			return "x";
		}

	}

	static class MultiplierBelowOne {

		@Retryable(multiplier = 0.5)
		public String load() {
			return "x";
		}

	}

	static class UnparsableDelay {

		@Retryable(delay = "soon")
		public String load() {
			return "x";
		}

	}

	static class NegativeDelay {

		@Retryable(delay = "-1s")
		public String load() {
			return "x";
		}

	}

	static class UnparsableMaxDelay {

		@Retryable(maxDelay = "10 seconds")
		public String load() {
			return "x";
		}

	}

	static class ZeroMaxDuration {

		@Retryable(maxDuration = "0s")
		public String load() {
			return "x";
		}

	}

	static class UnparsableMaxDuration {

		@Retryable(maxDuration = "forever")
		public String load() {
			return "x";
		}

	}

	static class ZeroFailureRate {

		@CircuitGuarded(failureRateThreshold = 0)
		public String load() {
			return "x";
		}

	}

	static class FailureRateAbove100 {

		@CircuitGuarded(failureRateThreshold = 120)
		public String load() {
			return "x";
		}

	}

	static class SlowCallRateAbove100 {

		@CircuitGuarded(slowCallRateThreshold = 150)
		public String load() {
			return "x";
		}

	}

	static class ZeroHalfOpenCalls {

		@CircuitGuarded(halfOpenCalls = 0)
		public String load() {
			return "x";
		}

	}

	static class ZeroMinimumCalls {

		@CircuitGuarded(minimumCalls = 0)
		public String load() {
			return "x";
		}

	}

	static class ZeroWindow {

		@CircuitGuarded(slidingWindowSize = 0)
		public String load() {
			return "x";
		}

	}

	static class UnparsableWaitInOpen {

		@CircuitGuarded(waitInOpen = "a while")
		public String load() {
			return "x";
		}

	}

	static class ZeroWaitInOpen {

		@CircuitGuarded(waitInOpen = "0ms")
		public String load() {
			return "x";
		}

	}

	static class UnparsableSlowCallDuration {

		@CircuitGuarded(slowCallDuration = "slow")
		public String load() {
			return "x";
		}

	}

	static class UnparsableTimeout {

		@TimeLimited(timeout = "soon")
		public String load() {
			return "x";
		}

	}

	static class ZeroTimeout {

		@TimeLimited(timeout = "0s")
		public String load() {
			return "x";
		}

	}

	static class NegativeTimeout {

		@TimeLimited(timeout = "-1s")
		public String load() {
			return "x";
		}

	}

	static class UnknownCancelRunning {

		@TimeLimited(cancelRunning = "maybe")
		public String load() {
			return "x";
		}

	}

	static class UnknownCancelRunningFromPlaceholder {

		@TimeLimited(cancelRunning = "${app.cancel-running:yes}")
		public String load() {
			return "x";
		}

	}

	static class MissingFallback {

		@Fallback(method = "cached")
		public String load(String key) throws IOException {
			throw new IOException("down");
		}

	}

	static class FallbackOfOtherParameters {

		@Fallback(method = "cached")
		public String load(String key) throws IOException {
			throw new IOException("down");
		}

		String cached(Object key) {
			return "cached";
		}

	}

	static class FallbackOfOtherReturnType {

		@Fallback(method = "cached")
		public String load(String key) throws IOException {
			throw new IOException("down");
		}

		Object cached(String key) {
			return "cached";
		}

	}

	static class FallbackWithExtraParameter {

		@Fallback(method = "cached")
		public String load(String key) throws IOException {
			throw new IOException("down");
		}

		String cached(String key, String failure) {
			return "cached";
		}

	}

	static class FallbackWithoutParameters {

		@Fallback(method = "cached")
		public String load(String key) throws IOException {
			throw new IOException("down");
		}

		String cached() {
			return "cached";
		}

	}

}

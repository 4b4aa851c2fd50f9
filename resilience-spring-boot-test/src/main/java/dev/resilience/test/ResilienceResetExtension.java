package dev.resilience.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.resilience.core.ResilienceRegistry;

/**
 * Resets the {@link ResilienceRegistry} of the Spring test's application context before and after
 * each test: every circuit breaker closed with an empty window (a breaker that was not closed
 * reports the transition, reason {@code reset}), every count at zero, retry budgets and rate
 * limit windows emptied (those kept in Redis too, by deleting their keys), adaptive concurrency
 * limits back to their configured limit, hedges' latency forgotten; see
 * {@link ResilienceRegistry#reset()}. Instances stay registered with their settings. The records
 * of sleeps of a {@link ManualClock} in the context are cleared; its time is not turned back.
 *
 * <p>Registered by {@link ResetResilience}, or with {@code @ExtendWith}; the test must run with
 * Spring's {@link SpringExtension}, whose application context it asks for (loading it when the
 * test has not yet). A context without a registry is left alone.
 *
 * @since 0.3.0
 */
public final class ResilienceResetExtension implements BeforeEachCallback, AfterEachCallback {

	@Override
	public void beforeEach(ExtensionContext context) {
		reset(context);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		reset(context);
	}

	private static void reset(ExtensionContext context) {
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		application.getBeanProvider(ResilienceRegistry.class).ifAvailable(ResilienceRegistry::reset);
		application.getBeanProvider(ManualClock.class).ifAvailable(ManualClock::clearSleeps);
	}

}

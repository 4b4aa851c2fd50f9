package dev.resilience.aop;

import org.junit.jupiter.api.Test;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.ConcurrencyLimited;
import dev.resilience.annotation.Fallback;
import dev.resilience.annotation.Hedged;
import dev.resilience.annotation.RateLimited;
import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PolicyKinds}: the one list the pointcut and every pipeline come from.
 */
class PolicyKindsTests {

	@Test
	void kindsAreInTheContractsOrderOutermostFirst() {
		assertThat(PolicyKinds.annotations()).containsExactly(Fallback.class, Retryable.class, Hedged.class, CircuitGuarded.class,
				RateLimited.class, TimeLimited.class, ConcurrencyLimited.class);
	}

	@Test
	void observationsOutermostTheDeadlineCheckInsideTheFallbackAndFaultsInnermost() {
		assertThat(PolicyKinds.OUTERMOST_FIRST).<Object>extracting(PolicyKinds.PolicyKind::annotation)
			.containsExactly(null, Fallback.class, null, Retryable.class, Hedged.class, CircuitGuarded.class, RateLimited.class,
					TimeLimited.class, ConcurrencyLimited.class, null);
	}

}

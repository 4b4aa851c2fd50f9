package dev.resilience.sample.shop.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BehaviourTests {

	@Test
	void settingsTheModeUsesTakeDefaults() {
		assertThat(only(Mode.SLOW).latencyMs()).isEqualTo(3000);
		assertThat(only(Mode.FAILING).status()).isEqualTo(503);
		assertThat(only(Mode.RATE_LIMITED).retryAfterSeconds()).isEqualTo(1);
		assertThat(only(Mode.FLAPPING).failureRate()).isEqualTo(0.5);
		assertThat(only(Mode.SATURATING).latencyMs()).isEqualTo(100);
		assertThat(only(Mode.SATURATING).capacity()).isEqualTo(4);
		assertThat(only(Mode.SLOW_TAIL).latencyMs()).isEqualTo(1000);
		assertThat(only(Mode.SLOW_TAIL).slowRate()).isEqualTo(0.05);
	}

	@Test
	void aSaturatingServiceKeepsItsLatencyUpToItsCapacityThenSlowsDownInProportion() {
		Behaviour saturating = new Behaviour(Mode.SATURATING, 100, null, null, null, null, 4, null);

		assertThat(saturating.saturatedLatencyMs(1)).isEqualTo(100);
		assertThat(saturating.saturatedLatencyMs(4)).isEqualTo(100);
		assertThat(saturating.saturatedLatencyMs(6)).isEqualTo(150);
		assertThat(saturating.saturatedLatencyMs(64)).isEqualTo(1600);
	}

	@Test
	void settingsTheModeDoesNotUseAreDropped() {
		Behaviour down = new Behaviour(Mode.DOWN, 100, 500, 2, 0.1, 0.2, 8, 0);

		assertThat(down).isEqualTo(new Behaviour(Mode.DOWN, null, null, null, null, null, null, null));
	}

	@Test
	void appliesToTheGivenNumberOfRequestsThenTheServiceIsHealthy() {
		Behaviour twice = new Behaviour(Mode.DOWN, null, null, null, null, null, null, 2);

		assertThat(twice.afterOneRequest().mode()).isEqualTo(Mode.DOWN);
		assertThat(twice.afterOneRequest().afterOneRequest()).isEqualTo(Behaviour.HEALTHY);
	}

	@Test
	void appliesUntilChangedWhenTimesIsZero() {
		Behaviour slow = new Behaviour(Mode.SLOW, 100, null, null, null, null, null, null);

		assertThat(slow.afterOneRequest()).isSameAs(slow);
	}

	@Test
	void modesAreWrittenInLowerCaseWithDashes() {
		assertThat(Mode.of("rate-limited")).isEqualTo(Mode.RATE_LIMITED);
		assertThat(Mode.of("RATE_LIMITED")).isEqualTo(Mode.RATE_LIMITED);
		assertThat(Mode.RATE_LIMITED.toJson()).isEqualTo("rate-limited");
		assertThatIllegalArgumentException().isThrownBy(() -> Mode.of("broken")).withMessageContaining("healthy, slow");
	}

	@Test
	void rejectsSettingsOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Behaviour(null, null, null, null, null, null, null, null))
			.withMessageContaining("mode is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Behaviour(Mode.FAILING, null, 404, null, null, null, null, null))
			.withMessageContaining("status");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Behaviour(Mode.FLAPPING, null, null, null, 1.5, null, null, null))
			.withMessageContaining("failureRate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Behaviour(Mode.SLOW_TAIL, null, null, null, null, -0.1, null, null))
			.withMessageContaining("slowRate");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Behaviour(Mode.SATURATING, null, null, null, null, null, 0, null))
			.withMessageContaining("capacity");
	}

	private static Behaviour only(Mode mode) {
		return new Behaviour(mode, null, null, null, null, null, null, null);
	}

}

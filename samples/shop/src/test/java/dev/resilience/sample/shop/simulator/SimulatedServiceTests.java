package dev.resilience.sample.shop.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedServiceTests {

	@Test
	void countsTheRequestsBeyondItsQuotaWithinOneSecond() {
		SimulatedService geocoder = new SimulatedService("geocoder", 5);

		for (int request = 1; request <= 7; request++) {
			geocoder.seen();
		}

		assertThat(geocoder.requestsSeen()).isEqualTo(7);
		assertThat(geocoder.overQuota()).as("the 6th and the 7th").isEqualTo(2);
		assertThat(geocoder.busiestSecond()).isEqualTo(7);
	}

	@Test
	void countsNothingOverAQuotaItDoesNotHave() {
		SimulatedService reviews = new SimulatedService("reviews");

		for (int request = 1; request <= 7; request++) {
			reviews.seen();
		}

		assertThat(reviews.overQuota()).isZero();
		assertThat(reviews.busiestSecond()).isZero();
	}

	@Test
	void countsTheRequestsInFlightAndTheMostSinceTheBehaviourWasSet() {
		SimulatedService reviews = new SimulatedService("reviews");
		assertThat(reviews.enter()).isEqualTo(1);
		assertThat(reviews.enter()).isEqualTo(2);
		reviews.leave();

		assertThat(reviews.inFlight()).isEqualTo(1);
		assertThat(reviews.mostInFlight()).isEqualTo(2);

		reviews.behave(Behaviour.HEALTHY);

		assertThat(reviews.mostInFlight()).as("the request still in flight").isEqualTo(1);
	}

}

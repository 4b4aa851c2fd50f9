package dev.resilience.sample.shop;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import dev.resilience.core.ResilienceRegistry;
import dev.resilience.test.ManualClock;
import dev.resilience.test.ManualResilienceClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callers that send {@code X-Request-Timeout}, the milliseconds they will wait: the shop answers
 * within them, and does not start work that could not finish in time. Time is manual, except
 * that a time limit waits in real time for what the manual clock leaves it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ManualResilienceClock
class DeadlineScenarioTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ResilienceRegistry registry;

	@Autowired
	private ManualClock clock;

	private Shop shop;

	@BeforeAll
	static void warmUp(@LocalServerPort int port) {
		new Shop(port).warmUp();
	}

	@BeforeEach
	void healEverything() {
		this.shop = new Shop(this.port);
		this.shop.healAll();
		this.shop.actuator().closeCircuitBreaker("recommendations");
	}

	@Test
	void aCallerThatWaits300msGetsThePageInTimeWhileTheTimeServiceIsSlow() {
		this.shop.simulate("time", "{\"mode\": \"slow\", \"latencyMs\": 3000}");

		long start = System.nanoTime();
		FrontPage page = this.shop.frontPage("300");

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
		assertThat(page.time()).isEqualTo("Time not available");
		assertThat(page.recommendations().heading()).isEqualTo("Recommended for you");
	}

	@Test
	void aCallerWithNoTimeLeftGetsTheFallbacksAndNoServiceIsCalled() {
		long recommendationsSeen = this.shop.requestsSeen("recommendations");
		long timeSeen = this.shop.requestsSeen("time");

		FrontPage page = this.shop.frontPage("0");

		assertThat(page.recommendations()).isEqualTo(Recommendations.bestSellers());
		assertThat(page.time()).isEqualTo("Time not available");
		assertThat(this.shop.requestsSeen("recommendations")).isEqualTo(recommendationsSeen);
		assertThat(this.shop.requestsSeen("time")).isEqualTo(timeSeen);
		assertThat(this.shop.actuator().circuitBreaker("recommendations").bufferedCalls())
			.as("a call that was not made says nothing about the service")
			.isZero();
	}

	@Test
	void retriesOfAnOrderStopWhereTheirDelayWouldOutlastTheCaller() {
		assertThat(this.registry.retry("invoices").config().maxAttempts()).isEqualTo(4);
		this.shop.simulate("invoices", "{\"mode\": \"failing\", \"status\": 503}");
		long seenBefore = this.shop.invoiceStats().requestsSeen();
		int sleepsBefore = this.clock.sleeps().size();

		assertThat(this.shop.placeOrder("300")).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		List<Duration> delays = this.clock.sleeps().subList(sleepsBefore, this.clock.sleeps().size());
		assertThat(delays.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.shop.invoiceStats().requestsSeen() - seenBefore).as("delays of 200ms, then 400ms, jitter 50%")
			.isBetween(1L, 2L);
	}

	@Test
	void aMalformedRequestTimeoutIsIgnored() {
		FrontPage page = this.shop.frontPage("soon");

		assertThat(page.recommendations().heading()).isEqualTo("Recommended for you");
		assertThat(page.time()).isNotEqualTo("Time not available");
	}

}

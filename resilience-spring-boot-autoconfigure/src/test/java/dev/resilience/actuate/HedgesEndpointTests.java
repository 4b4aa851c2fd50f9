package dev.resilience.actuate;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.resilience.annotation.Hedged;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code hedges} endpoint, the {@code resilience.hedge.calls} meter and the events of a hedge,
 * read over real HTTP while annotated beans are called. Hedges are sent by a manual scheduler, and
 * the attempts are futures the test completes.
 */
@SpringBootTest(classes = HedgesEndpointTests.HedgesApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=hedges,resilienceevents",
				"resilience.hedge.instances.quotes.delay=100ms",
				"resilience.hedge.instances.thrifty.delay=100ms",
				"resilience.hedge.instances.thrifty.budget.ratio=0",
				"resilience.hedge.instances.thrifty.budget.min-per-second=0" })
@AutoConfigureRestTestClient
class HedgesEndpointTests {

	private static final Duration DELAY = Duration.ofMillis(100);

	@Autowired
	private RestTestClient client;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private Quotes quotes;

	@Autowired
	private Attempts attempts;

	@Autowired
	private ManualScheduler scheduler;

	@Test
	void hedgesShowTheirCountsAndMeterTheCallsByOutcome() {
		CompletableFuture<String> firstWon = this.quotes.quote();
		this.attempts.quotes.get(0).complete("first");
		assertThat(firstWon).isCompletedWithValue("first");

		CompletableFuture<String> hedgeWon = this.quotes.quote();
		this.scheduler.advance(DELAY);
		this.attempts.quotes.get(2).complete("hedge");
		assertThat(hedgeWon).isCompletedWithValue("hedge");

		CompletableFuture<String> failed = this.quotes.quote();
		this.scheduler.advance(DELAY);
		this.attempts.quotes.get(3).completeExceptionally(new IOException("down"));
		this.attempts.quotes.get(4).completeExceptionally(new IOException("down"));
		assertThat(failed).isCompletedExceptionally();

		this.client.get().uri("/actuator/hedges").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.hedges.quotes.calls").isEqualTo(3)
			.jsonPath("$.hedges.quotes.hedgesSent").isEqualTo(2)
			.jsonPath("$.hedges.quotes.hedgeWins").isEqualTo(1)
			.jsonPath("$.hedges.quotes.budgetExhausted").isEqualTo(0);
		this.client.get().uri("/actuator/hedges/quotes").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.calls").isEqualTo(3);
		this.client.get().uri("/actuator/hedges/unknown").exchange().expectStatus().isNotFound();
		assertThat(count("quotes", "first_won")).isOne();
		assertThat(count("quotes", "hedge_won")).isOne();
		assertThat(count("quotes", "failed")).isOne();
	}

	@Test
	void aHedgeTheBudgetRefusesIsNotSentAndIsAnEvent() {
		CompletableFuture<String> call = this.quotes.thrifty();
		this.scheduler.advance(DELAY);
		assertThat(this.attempts.thrifty).hasSize(1);
		this.attempts.thrifty.get(0).complete("first");
		assertThat(call).isCompletedWithValue("first");

		this.client.get().uri("/actuator/hedges/thrifty").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.calls").isEqualTo(1)
			.jsonPath("$.hedgesSent").isEqualTo(0)
			.jsonPath("$.budgetExhausted").isEqualTo(1);
		this.client.get().uri("/actuator/resilienceevents?name=thrifty").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.events[*].kind").isEqualTo(List.of("hedge"))
			.jsonPath("$.events[*].type").isEqualTo(List.of("BUDGET_EXHAUSTED"));
		assertThat(count("thrifty", "first_won")).isOne();
	}

	private double count(String name, String outcome) {
		return this.meters.get("resilience.hedge.calls").tags("name", name, "outcome", outcome).counter().count();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class HedgesApplication {

		@Bean
		ManualClock manualClock() {
			return new ManualClock();
		}

		@Bean
		ManualScheduler manualScheduler(ManualClock clock) {
			return new ManualScheduler(clock);
		}

		@Bean
		Attempts attempts() {
			return new Attempts();
		}

		@Bean
		Quotes quotes(Attempts attempts) {
			return new Quotes(attempts);
		}

	}

	static class Attempts {

		final List<CompletableFuture<String>> quotes = new CopyOnWriteArrayList<>();

		final List<CompletableFuture<String>> thrifty = new CopyOnWriteArrayList<>();

	}

	static class Quotes {

		final List<CompletableFuture<String>> attempts;

		final List<CompletableFuture<String>> thriftyAttempts;

		Quotes(Attempts attempts) {
			this.attempts = attempts.quotes;
			this.thriftyAttempts = attempts.thrifty;
		}

		@Hedged(name = "quotes")
		public CompletableFuture<String> quote() {
			CompletableFuture<String> attempt = new CompletableFuture<>();
			this.attempts.add(attempt);
			return attempt;
		}

		@Hedged(name = "thrifty")
		public CompletableFuture<String> thrifty() {
			CompletableFuture<String> attempt = new CompletableFuture<>();
			this.thriftyAttempts.add(attempt);
			return attempt;
		}

	}

}

package dev.resilience.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Hedged;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.CircuitBreaker;
import dev.resilience.core.Deadline;
import dev.resilience.core.Hedge;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;
import dev.resilience.core.RetryContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Hedged} methods that return a {@code CompletionStage}, a {@code Mono} or a
 * {@code Flux}: no thread waits; the hedges are sent by a manual scheduler on the test's thread,
 * and each attempt is a future or a publisher the test completes.
 */
class HedgedAsyncMethodTests {

	private static final Duration DELAY = Duration.ofMillis(100);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(ManualClock.class)
		.withBean(ManualScheduler.class)
		.withBean(Probe.class)
		.withBean(Calls.class);

	@Test
	void aFutureIsHedgedAtEachDelayAndNotBeforeAndTheHedgeThatAnswersFirstWins() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			CompletableFuture<String> result = context.getBean(Calls.class).future();
			assertThat(probe.futures).hasSize(1);
			scheduler.advance(DELAY.minusNanos(1));
			assertThat(probe.futures).hasSize(1);
			scheduler.advance(Duration.ofNanos(1));
			assertThat(probe.futures).hasSize(2);
			scheduler.advance(DELAY);
			assertThat(probe.futures).hasSize(3);

			probe.futures.get(1).complete("from attempt 2");

			assertThat(result).isCompletedWithValue("from attempt 2");
			assertThat(probe.futures.get(0)).isCancelled();
			assertThat(probe.futures.get(2)).isCancelled();
			Hedge hedge = context.getBean(ResilienceRegistry.class).hedge("future");
			assertThat(hedge.metrics()).isEqualTo(new Hedge.Metrics(1, 2, 1, 0));
			assertThat(probe.seen.values()).hasSize(3).doesNotContainNull().containsOnly(probe.seen.get(1));
		});
	}

	@Test
	void aHedgeSentLaterRunsWithinTheCallersDeadline() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			Deadline deadline = Deadline.within(Duration.ofMinutes(1), context.getBean(ManualClock.class));
			CompletableFuture<String> result;
			try (Deadline.Scope scope = deadline.attach()) {
				result = context.getBean(Calls.class).twoAttempts();
			}
			context.getBean(ManualScheduler.class).advance(DELAY);
			assertThat(probe.deadlines).containsExactly(deadline, deadline);
			assertThat(Deadline.current()).isNull();
			probe.futures.get(1).complete("from attempt 2");
			assertThat(result).isCompletedWithValue("from attempt 2");
		});
	}

	@Test
	void aFutureWhoseAttemptsAllFailFailsWithTheFailureThatCameLast() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			CompletableFuture<String> result = context.getBean(Calls.class).twoAttempts();
			context.getBean(ManualScheduler.class).advance(DELAY);
			IOException last = new IOException("attempt 1 failed last");
			probe.futures.get(1).completeExceptionally(new IOException("attempt 2 failed first"));
			assertThat(result).isNotDone();
			probe.futures.get(0).completeExceptionally(last);
			assertThat(result.handle((value, failure) -> failure).join()).isSameAs(last);
		});
	}

	@Test
	void cancellingTheFutureCancelsEveryAttemptAndTheHedgesToCome() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			CompletableFuture<String> result = context.getBean(Calls.class).future();
			scheduler.advance(DELAY);
			result.cancel(true);
			assertThat(probe.futures).allSatisfy((attempt) -> assertThat(attempt).isCancelled());
			assertThat(scheduler.pending()).isZero();
			scheduler.advance(Duration.ofSeconds(1));
			assertThat(probe.futures).hasSize(2);
		});
	}

	@Test
	void aMonoHedgeThatAnswersFirstWinsAndTheSlowAttemptIsCancelled() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			CompletableFuture<String> result = context.getBean(Calls.class).mono().toFuture();
			assertThat(probe.monos).hasSize(1);
			scheduler.advance(DELAY.minusNanos(1));
			assertThat(probe.monos).hasSize(1);
			scheduler.advance(Duration.ofNanos(1));
			assertThat(probe.monos).hasSize(2);

			probe.monos.get(1).success("from attempt 2");

			assertThat(result).isCompletedWithValue("from attempt 2");
			assertThat(probe.cancelled).containsExactly(1);
			probe.monos.get(0).success("too late");
			assertThat(result).isCompletedWithValue("from attempt 2");
			// the method runs when a guarded publisher is subscribed to, and still sees the call's key
			assertThat(probe.seen.values()).hasSize(2).doesNotContainNull().containsOnly(probe.seen.get(1));
			CircuitBreaker.Metrics breaker = context.getBean(ResilienceRegistry.class)
				.circuitBreaker("mono-breaker")
				.metrics();
			assertThat(breaker.bufferedCalls()).as("the cancelled attempt hands its permit back").isOne();
		});
	}

	@Test
	void anEmptyMonoIsAnAnswer() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			CompletableFuture<String> result = context.getBean(Calls.class).mono().toFuture();
			context.getBean(ManualScheduler.class).advance(DELAY);
			probe.monos.get(1).success();
			assertThat(result).isCompletedWithValue(null);
			assertThat(probe.cancelled).containsExactly(1);
		});
	}

	@Test
	void aMonoWhoseAttemptsAllFailFailsWithTheFailureThatCameLast() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			CompletableFuture<String> result = context.getBean(Calls.class).mono().toFuture();
			context.getBean(ManualScheduler.class).advance(DELAY);
			IOException last = new IOException("attempt 2 failed last");
			probe.monos.get(0).error(new IOException("attempt 1 failed first"));
			assertThat(result).isNotDone();
			probe.monos.get(1).error(last);
			assertThat(result.handle((value, failure) -> failure).join()).isSameAs(last);
		});
	}

	@Test
	void aMonoSubscriberThatGoesAwayCancelsEveryAttemptAndTheHedgesToCome() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			CompletableFuture<String> result = context.getBean(Calls.class).mono().toFuture();
			result.cancel(true);
			assertThat(probe.cancelled).containsExactly(1);
			assertThat(scheduler.pending()).isZero();
			scheduler.advance(Duration.ofSeconds(1));
			assertThat(probe.monos).hasSize(1);
		});
	}

	@Test
	void aFluxHedgeWinsWithItsFirstElementAndStreamsOnAsTheSubscriberAsks() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			Recorder recorder = new Recorder(1);
			context.getBean(Calls.class).flux().subscribe(recorder);
			assertThat(probe.fluxes).hasSize(1);
			assertThat(probe.requested.get(1)).as("an attempt asks for its first element only").isOne();
			scheduler.advance(DELAY.minusNanos(1));
			assertThat(probe.fluxes).hasSize(1);
			scheduler.advance(Duration.ofNanos(1));
			assertThat(probe.fluxes).hasSize(2);

			probe.fluxes.get(1).next("a");

			assertThat(recorder.items).containsExactly("a");
			assertThat(probe.cancelled).containsExactly(1);
			assertThat(probe.requested.get(2)).isOne();
			recorder.request(2);
			assertThat(probe.requested.get(2)).as("the subscriber's demand reaches the winner").isEqualTo(3);
			probe.fluxes.get(1).next("b").next("c").complete();
			probe.fluxes.get(0).next("from the loser");
			assertThat(recorder.items).containsExactly("a", "b", "c");
			assertThat(recorder.completed).isTrue();
			assertThat(context.getBean(ResilienceRegistry.class).hedge("flux").metrics())
				.isEqualTo(new Hedge.Metrics(1, 1, 1, 0));
		});
	}

	@Test
	void aFluxSubscriberThatCancelsWhileTheWinnerStreamsCancelsTheWinner() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			Recorder recorder = new Recorder(Long.MAX_VALUE);
			context.getBean(Calls.class).flux().subscribe(recorder);
			probe.fluxes.get(0).next("a");
			assertThat(recorder.items).containsExactly("a");
			assertThat(probe.cancelled).isEmpty();
			recorder.cancel();
			assertThat(probe.cancelled).containsExactly(1);
		});
	}

	@Test
	void aFluxThatCompletesEmptyAnswersAndOneThatFailsBeforeAnElementDoesNot() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			Recorder recorder = new Recorder(Long.MAX_VALUE);
			context.getBean(Calls.class).flux().subscribe(recorder);
			context.getBean(ManualScheduler.class).advance(DELAY);
			probe.fluxes.get(0).error(new IOException("failed"));
			assertThat(recorder.completed).isFalse();
			assertThat(recorder.failure).isNull();
			probe.fluxes.get(1).complete();
			assertThat(recorder.items).isEmpty();
			assertThat(recorder.completed).isTrue();
		});
	}

	@Test
	void aFluxWinnerThatFailsAfterItsFirstElementPassesTheFailureOn() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			Recorder recorder = new Recorder(Long.MAX_VALUE);
			context.getBean(Calls.class).flux().subscribe(recorder);
			IOException failure = new IOException("broke off");
			probe.fluxes.get(0).next("a").error(failure);
			assertThat(recorder.items).containsExactly("a");
			assertThat(recorder.failure).isSameAs(failure);
		});
	}

	@Test
	void aFluxSubscriberThatGoesAwayBeforeAnAnswerCancelsEveryAttempt() {
		this.runner.run((context) -> {
			Probe probe = context.getBean(Probe.class);
			ManualScheduler scheduler = context.getBean(ManualScheduler.class);
			Recorder recorder = new Recorder(1);
			context.getBean(Calls.class).flux().subscribe(recorder);
			scheduler.advance(DELAY);
			recorder.cancel();
			assertThat(probe.cancelled).containsExactlyInAnyOrder(1, 2);
			assertThat(scheduler.pending()).isZero();
		});
	}

	static class Probe {

		final List<CompletableFuture<String>> futures = new CopyOnWriteArrayList<>();

		final List<MonoSink<String>> monos = new CopyOnWriteArrayList<>();

		final List<FluxSink<String>> fluxes = new CopyOnWriteArrayList<>();

		/** The attempts whose subscription was cancelled, by number. */
		final Set<Integer> cancelled = ConcurrentHashMap.newKeySet();

		/** The demand each attempt of a flux saw, by number. */
		final Map<Integer, Long> requested = new ConcurrentHashMap<>();

		/** The idempotency key each attempt saw, by number. */
		final Map<Integer, String> seen = new ConcurrentSkipListMap<>();

		final AtomicInteger attempts = new AtomicInteger();

		/** The deadline each attempt saw, in order. */
		final List<@Nullable Deadline> deadlines = new CopyOnWriteArrayList<>();

		int attempt() {
			this.deadlines.add(Deadline.current());
			int attempt = this.attempts.incrementAndGet();
			RetryContext retry = RetryContext.current();
			if (retry != null) {
				this.seen.put(attempt, retry.idempotencyKey());
			}
			return attempt;
		}

	}

	static class Calls {

		private final Probe probe;

		Calls(Probe probe) {
			this.probe = probe;
		}

		@Hedged(name = "future", maxAttempts = 3, delay = "100ms")
		public CompletableFuture<String> future() {
			this.probe.attempt();
			CompletableFuture<String> attempt = new CompletableFuture<>();
			this.probe.futures.add(attempt);
			return attempt;
		}

		@Hedged(name = "two-attempts", delay = "100ms")
		public CompletableFuture<String> twoAttempts() {
			return future();
		}

		@Hedged(name = "mono", delay = "100ms")
		@CircuitGuarded(name = "mono-breaker")
		public Mono<String> mono() {
			int attempt = this.probe.attempt();
			return Mono.create((sink) -> {
				this.probe.monos.add(sink);
				sink.onCancel(() -> this.probe.cancelled.add(attempt));
			});
		}

		@Hedged(name = "flux", delay = "100ms")
		public Flux<String> flux() {
			int attempt = this.probe.attempt();
			return Flux.create((sink) -> {
				this.probe.fluxes.add(sink);
				sink.onRequest((n) -> this.probe.requested.merge(attempt, n, Long::sum));
				sink.onCancel(() -> this.probe.cancelled.add(attempt));
			});
		}

	}

	/**
	 * Records what a subscriber receives, asking for the given number of elements first.
	 */
	static final class Recorder extends BaseSubscriber<String> {

		final List<String> items = new CopyOnWriteArrayList<>();

		volatile boolean completed;

		volatile @Nullable Throwable failure;

		private final long initial;

		Recorder(long initial) {
			this.initial = initial;
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(this.initial);
		}

		@Override
		protected void hookOnNext(String value) {
			this.items.add(value);
		}

		@Override
		protected void hookOnComplete() {
			this.completed = true;
		}

		@Override
		protected void hookOnError(Throwable throwable) {
			this.failure = throwable;
		}

	}

}

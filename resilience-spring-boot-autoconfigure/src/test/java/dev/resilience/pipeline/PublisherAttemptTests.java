package dev.resilience.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.util.context.Context;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PublisherAttempt}: one attempt of a hedged publisher, subscribed to a source
 * the test drives.
 */
class PublisherAttemptTests {

	private final AtomicReference<FluxSink<Object>> sink = new AtomicReference<>();

	private final AtomicLong requested = new AtomicLong();

	private final AtomicBoolean cancelled = new AtomicBoolean();

	private final Flux<Object> source = Flux.create((emitter) -> {
		this.sink.set(emitter);
		emitter.onRequest(this.requested::addAndGet);
		emitter.onCancel(() -> this.cancelled.set(true));
	});

	@Test
	void asksForOneElementAndAnswersWithItself() {
		PublisherAttempt attempt = PublisherAttempt.subscribe(this.source, Context.empty());
		assertThat(this.requested).hasValue(1);
		assertThat(attempt).isNotDone();
		this.sink.get().next("a");
		assertThat(attempt).isCompletedWithValue(attempt);
	}

	@Test
	void anErrorBeforeAnyElementFailsTheAttempt() {
		PublisherAttempt attempt = PublisherAttempt.subscribe(this.source, Context.empty());
		IOException failure = new IOException("down");
		this.sink.get().error(failure);
		assertThat(attempt).isCompletedExceptionally();
		assertThat(attempt.handle((value, ex) -> ex).join()).isSameAs(failure);
	}

	@Test
	void aLoserCancelledAfterItAnsweredCancelsItsSource() {
		PublisherAttempt attempt = PublisherAttempt.subscribe(this.source, Context.empty());
		this.sink.get().next("late");
		assertThat(attempt).isDone();
		attempt.cancel(true);
		assertThat(this.cancelled).isTrue();
	}

	@Test
	void aWinnerAbandonedBeforeItStreamedCancelsItsSource() {
		PublisherAttempt attempt = PublisherAttempt.subscribe(this.source, Context.empty());
		this.sink.get().next("a");
		attempt.abandon();
		assertThat(this.cancelled).isTrue();
	}

	@Test
	void theWinnerHoldsWhatCameBeforeItsSubscriberAndStreamsItInOrder() {
		PublisherAttempt attempt = PublisherAttempt.subscribe(this.source, Context.empty());
		this.sink.get().next("a");
		this.sink.get().complete();
		List<Object> received = new CopyOnWriteArrayList<>();
		AtomicBoolean completed = new AtomicBoolean();
		attempt.stream().subscribe(received::add, (ex) -> {
		}, () -> completed.set(true));
		assertThat(received).containsExactly("a");
		assertThat(completed).isTrue();
	}

	@Test
	void theWinnerStreamsToOneSubscriberOnly() {
		PublisherAttempt attempt = PublisherAttempt.subscribe(this.source, Context.empty());
		this.sink.get().next("a");
		attempt.stream().subscribe();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		attempt.stream().subscribe((value) -> {
		}, failure::set);
		assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void theAttemptSeesTheContextOfTheCall() {
		AtomicReference<String> seen = new AtomicReference<>();
		Flux<Object> source = Flux.deferContextual((context) -> {
			seen.set(context.getOrDefault("call", "none"));
			return Flux.never();
		});
		PublisherAttempt.subscribe(source, Context.of("call", "c-1"));
		assertThat(seen).hasValue("c-1");
	}

}

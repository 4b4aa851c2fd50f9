package dev.resilience.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One attempt of a hedged publisher. Subscribed to as soon as it is sent, it asks its source for
 * one element only and answers the race with its first signal: it completes with itself at its
 * first element or at its completion, and exceptionally at an error that comes before any
 * element. The attempt that wins then {@linkplain #stream() streams} on to the subscriber: the
 * element it holds, then what its source sends as the subscriber asks for it. Cancelling the
 * attempt, as the race does to the losers, or {@linkplain #abandon() abandoning} the winner,
 * cancels the subscription to its source.
 *
 * <p>Thread-safe: the source signals one at a time; the subscriber's requests and cancellation
 * come from any thread and meet the source's signals in one drain loop, which alone emits the
 * held element and the terminal signal.
 */
final class PublisherAttempt extends CompletableFuture<PublisherAttempt> implements CoreSubscriber<Object> {

	private final Context context;

	private volatile @Nullable Subscription upstream;

	private volatile boolean cancelled;

	/** Whether the source sent its first signal; read and written by the source's signals only. */
	private boolean answered;

	/** The first element, until it is emitted. */
	private volatile @Nullable Object first;

	/** The source terminated; {@link #error} is written before. */
	private volatile boolean done;

	private @Nullable Throwable error;

	/** The first element was emitted, or there was none: requests go straight to the source. */
	private volatile boolean streaming;

	private final AtomicReference<@Nullable Subscriber<? super Object>> downstream = new AtomicReference<>();

	/** Demand of the subscriber not yet passed to the source. */
	private final AtomicLong requested = new AtomicLong();

	private final AtomicInteger wip = new AtomicInteger();

	/** Whether the subscriber got its terminal signal; drain loop only. */
	private boolean terminated;

	private PublisherAttempt(Context context) {
		this.context = context;
	}

	/**
	 * Subscribes to an attempt's source.
	 * @param source the attempt
	 * @param context the subscriber context of the hedged call, which the attempt sees
	 * @return the attempt, which completes at its first signal
	 */
	static PublisherAttempt subscribe(Flux<Object> source, Context context) {
		PublisherAttempt attempt = new PublisherAttempt(context);
		source.subscribe(attempt);
		return attempt;
	}

	@Override
	public Context currentContext() {
		return this.context;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		if (this.upstream != null) {
			subscription.cancel();
			return;
		}
		this.upstream = subscription;
		if (this.cancelled) {
			subscription.cancel();
			return;
		}
		subscription.request(1);
	}

	@Override
	public void onNext(Object value) {
		if (!this.answered) {
			this.answered = true;
			this.first = value;
			complete(this);
			drain();
			return;
		}
		// more elements come only once the winner streams, at the subscriber's request
		Subscriber<? super Object> subscriber = this.downstream.get();
		if (subscriber != null && !this.cancelled) {
			subscriber.onNext(value);
		}
	}

	@Override
	public void onError(Throwable failure) {
		if (!this.answered) {
			this.answered = true;
			completeExceptionally(failure);
			return;
		}
		this.error = failure;
		this.done = true;
		drain();
	}

	@Override
	public void onComplete() {
		this.done = true;
		if (!this.answered) {
			this.answered = true;
			complete(this);
		}
		drain();
	}

	/**
	 * Cancels the attempt: it lost, or the call was cancelled. Its source is cancelled even when
	 * it answered already, a moment after the winner.
	 */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		abandon();
		return cancelled;
	}

	/**
	 * Cancels the subscription to the source: the attempt won, but its subscriber went away
	 * before it could stream.
	 */
	void abandon() {
		this.cancelled = true;
		this.first = null;
		Subscription subscription = this.upstream;
		if (subscription != null) {
			subscription.cancel();
		}
	}

	/**
	 * Returns the rest of the winning attempt: its first element and what follows, to one
	 * subscriber.
	 * @return the stream of the attempt
	 */
	Flux<Object> stream() {
		Publisher<Object> rest = this::attach;
		return Flux.from(rest);
	}

	private void attach(Subscriber<? super Object> subscriber) {
		if (!this.downstream.compareAndSet(null, subscriber)) {
			Operators.error(subscriber, new IllegalStateException("The winning attempt streams to one subscriber"));
			return;
		}
		subscriber.onSubscribe(new Relay());
		drain();
	}

	/**
	 * Emits what the subscriber may have now: the held element once it asked for one, then the
	 * terminal signal, and passes later demand to the source. Runs on one thread at a time; a
	 * call that finds it running has the running one loop again.
	 */
	private void drain() {
		if (this.wip.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			Subscriber<? super Object> subscriber = this.downstream.get();
			if (subscriber != null && !this.cancelled) {
				emit(subscriber);
			}
			missed = this.wip.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void emit(Subscriber<? super Object> subscriber) {
		if (!this.streaming) {
			Object value = this.first;
			if (value != null) {
				if (this.requested.get() == 0) {
					return;
				}
				this.first = null;
				this.requested.decrementAndGet();
				subscriber.onNext(value);
				this.streaming = true;
			}
			else if (this.done) {
				this.streaming = true;
			}
			else {
				return;
			}
		}
		if (this.done) {
			if (!this.terminated) {
				this.terminated = true;
				Throwable failure = this.error;
				if (failure != null) {
					subscriber.onError(failure);
				}
				else {
					subscriber.onComplete();
				}
			}
			return;
		}
		long demand = this.requested.getAndSet(0);
		Subscription subscription = this.upstream;
		if (demand > 0 && subscription != null) {
			subscription.request(demand);
		}
	}

	/**
	 * The subscription of the winner's subscriber.
	 */
	private final class Relay implements Subscription {

		@Override
		public void request(long n) {
			if (!Operators.validate(n)) {
				return;
			}
			PublisherAttempt.this.requested.accumulateAndGet(n, Operators::addCap);
			drain();
		}

		@Override
		public void cancel() {
			abandon();
		}

	}

}

package dev.resilience.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshot.Scope;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.Deadline;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.Hedge;
import dev.resilience.core.TimeLimiter;

/**
 * The {@link AsyncType} of methods that return a Reactor {@code Mono} or {@code Flux}: results
 * are {@code Flux}es that start nothing before they are subscribed to, and start again at each
 * subscription. Delays and timeouts run on the {@link DelayScheduler}. Loaded only when Reactor is
 * on the class path.
 *
 * <p>A {@code Mono} succeeds when it emits its value or completes empty; a {@code Flux} is one
 * call that succeeds when it completes. Another multi-valued type a method declares (Kotlin's
 * {@code Flow}) is a {@code Flux} inside the pipeline, turned from and back into that type by a
 * {@link Declared}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ReactorType implements AsyncType {

	private final boolean mono;

	private final DelayScheduler scheduler;

	private final @Nullable Declared declared;

	private ReactorType(boolean mono, DelayScheduler scheduler, @Nullable Declared declared) {
		this.mono = mono;
		this.scheduler = scheduler;
		this.declared = declared;
	}

	/**
	 * Returns the type of calls that return a {@code Mono}.
	 * @param scheduler runs delays and timeouts
	 * @return the type
	 */
	public static ReactorType mono(DelayScheduler scheduler) {
		return new ReactorType(true, scheduler, null);
	}

	/**
	 * Returns the type of calls that return a {@code Flux}.
	 * @param scheduler runs delays and timeouts
	 * @return the type
	 */
	public static ReactorType flux(DelayScheduler scheduler) {
		return new ReactorType(false, scheduler, null);
	}

	/**
	 * Returns the type of calls that return another multi-valued type, handled as a
	 * {@code Flux}.
	 * @param scheduler runs delays and timeouts
	 * @param declared the type the method declares, and how it turns into a publisher and back
	 * @return the type
	 * @since 0.3.0
	 */
	public static ReactorType flux(DelayScheduler scheduler, Declared declared) {
		return new ReactorType(false, scheduler, declared);
	}

	@Override
	public Object defer(CheckedSupplier<Object> work) {
		return Flux.defer(() -> flux(work));
	}

	@Override
	public Object deferWith(ContextSnapshot context, CheckedSupplier<Object> work) {
		Publisher<Object> subscribedWithContext = (subscriber) -> {
			try (Scope scope = context.setThreadLocals()) {
				flux(work).subscribe(subscriber);
			}
		};
		return Flux.from(subscribedWithContext);
	}

	@Override
	public Object deferWithin(@Nullable Deadline deadline, CheckedSupplier<Object> work) {
		if (deadline == null) {
			return defer(work);
		}
		return Flux.deferContextual((context) -> {
			Deadline within = deadline.earliest(context.getOrDefault(Deadline.CONTEXT_KEY, Deadline.current()));
			Flux<Object> flux;
			try (Deadline.Scope scope = within.attach()) {
				flux = flux(work);
			}
			return flux.contextWrite((inner) -> inner.put(Deadline.CONTEXT_KEY, within));
		});
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object adapt(Object returned) {
		Object publisher = (this.declared != null && this.declared.type().isInstance(returned))
				? this.declared.toPublisher().apply(returned) : returned;
		return Flux.from((Publisher<Object>) publisher);
	}

	@Override
	public Object failed(Throwable failure) {
		return Flux.error(failure);
	}

	@Override
	@SuppressWarnings("unchecked")
	public Object fromFallback(@Nullable Object returned) {
		if (this.declared != null && this.declared.type().isInstance(returned)) {
			return adapt(returned);
		}
		if (returned instanceof Publisher<?> publisher) {
			return Flux.from((Publisher<Object>) publisher);
		}
		return (returned != null) ? Flux.just(returned) : Flux.empty();
	}

	@Override
	public boolean isWrapper(Class<?> type) {
		if (this.declared != null) {
			return this.declared.type().isAssignableFrom(type);
		}
		return (this.mono ? Mono.class : Flux.class).isAssignableFrom(type);
	}

	@Override
	public Object watch(Object result, OutcomeListener outcome) {
		Flux<Object> flux = flux(result);
		return Flux.defer(() -> {
			Once once = new Once(outcome);
			// A Mono's subscriber may cancel as soon as it has the value, before completion.
			Flux<Object> watched = this.mono ? flux.doOnNext(once::onSuccess) : flux;
			return watched.doOnComplete(() -> once.onSuccess(null)).doOnError(once::onError).doOnCancel(once::onCancel);
		});
	}

	@Override
	public Object recover(Object result, Recovery recovery) {
		return flux(result).onErrorResume((failure) -> {
			try {
				return flux(recovery.recover(failure));
			}
			catch (Throwable ex) {
				return Flux.error(ex);
			}
		});
	}

	@Override
	public Object delay(long delayNanos, CheckedSupplier<Object> work) {
		return timer(delayNanos).thenMany(Flux.defer(() -> flux(work)));
	}

	@Override
	public <T> Object whenReady(CompletableFuture<T> gate, Continuation<T> work, Consumer<? super T> abandoned) {
		return Flux.defer(() -> {
			GateClaim<T> claim = new GateClaim<>(gate, abandoned);
			// the claim, not the operator, cancels the gate: a value it yields at that moment must not
			// be dropped; and only once the operator is cancelled, which then drops no error either
			return Mono.fromFuture(gate, true)
				// claimed when the work is subscribed, not before: a cancel in between leaves the
				// claim to giveUp, which hands the value to whoever takes abandoned ones
				.flatMapMany((value) -> Flux
					.defer(() -> claim.claimForWork() ? flux(() -> work.run(value)) : Flux.empty()))
				.doFinally((signal) -> {
					if (signal == SignalType.CANCEL) {
						claim.giveUp();
					}
				});
		});
	}

	@Override
	public Object timeLimit(TimeLimiter limiter, CheckedSupplier<Object> work) {
		return Flux.deferContextual((context) -> {
			TimeLimiter.Plan plan = limiter.plan(context.getOrDefault(Deadline.CONTEXT_KEY, Deadline.current()));
			if (plan.allowedNanos() <= 0) {
				plan.onTimeout();
				return Flux.error(plan.exceeded());
			}
			Deadline deadline = plan.deadline();
			Flux<Object> limited = flux(work).timeout(timer(plan.allowedNanos()),
					(item) -> timer(deadline.remainingNanos()), Flux.defer(() -> {
						plan.onTimeout();
						return Flux.error(plan.exceeded());
					}));
			// nested guarded publishers see the deadline in the subscriber context
			return flux(watch(limited, new PlanOutcome(plan))).contextWrite((inner) -> inner.put(Deadline.CONTEXT_KEY, deadline));
		});
	}

	@Override
	public Object hedge(Hedge hedge, IntFunction<Object> attempt) {
		return Flux.deferContextual((context) -> {
			// each attempt sees the subscriber context of the call, where nested stages read the deadline
			Context attemptContext = Context.of(context);
			CompletableFuture<PublisherAttempt> race = hedge.executeAsync(
					(number) -> PublisherAttempt.subscribe(flux(() -> attempt.apply(number)), attemptContext));
			// the winner streams on once it is subscribed; if the subscriber went away meanwhile, it is
			// abandoned, and its subscription cancelled
			return flux(whenReady(race, PublisherAttempt::stream, PublisherAttempt::abandon));
		});
	}

	@Override
	public Object toReturnType(Object result) {
		if (this.declared != null) {
			return this.declared.fromPublisher().apply(flux(result));
		}
		// fromDirect, not from: Mono.from cancels its source after the first value
		return this.mono ? Mono.fromDirect(flux(result)) : result;
	}

	/**
	 * A multi-valued type that a method declares, other than {@code Flux}: what the method (or a
	 * fallback) returns of that type is turned into a publisher, and the result back.
	 *
	 * @param type the declared type
	 * @param toPublisher turns a value of that type into a publisher
	 * @param fromPublisher turns the result into what the caller receives
	 * @since 0.3.0
	 */
	public record Declared(Class<?> type, Function<Object, Publisher<?>> toPublisher,
			Function<Publisher<?>, Object> fromPublisher) {
	}

	/**
	 * Emits once after the delay, on the scheduler; cancelling the subscription cancels the task.
	 */
	private Mono<Long> timer(long delayNanos) {
		return Mono.create((sink) -> {
			DelayScheduler.Cancellable task = this.scheduler.schedule(() -> sink.success(0L), delayNanos);
			sink.onCancel(task::cancel);
		});
	}

	@SuppressWarnings("unchecked")
	private static Flux<Object> flux(Object result) {
		return (Flux<Object>) result;
	}

	private static Flux<Object> flux(CheckedSupplier<Object> work) {
		try {
			return flux(work.get());
		}
		catch (Throwable ex) {
			return Flux.error(ex);
		}
	}

	/**
	 * Passes the first outcome of one subscription on, and ignores the signals that follow it.
	 */
	private static final class Once extends AtomicBoolean implements OutcomeListener {

		private static final long serialVersionUID = 1L;

		private final transient OutcomeListener outcome;

		Once(OutcomeListener outcome) {
			this.outcome = outcome;
		}

		@Override
		public void onSuccess(@Nullable Object value) {
			if (compareAndSet(false, true)) {
				this.outcome.onSuccess(value);
			}
		}

		@Override
		public void onError(Throwable failure) {
			if (compareAndSet(false, true)) {
				this.outcome.onError(failure);
			}
		}

		@Override
		public void onCancel() {
			if (compareAndSet(false, true)) {
				this.outcome.onCancel();
			}
		}

	}

	/**
	 * Passes the outcome of one subscription of a time-limited call to its plan, which records
	 * the first outcome only.
	 */
	private static final class PlanOutcome implements OutcomeListener {

		private final TimeLimiter.Plan plan;

		PlanOutcome(TimeLimiter.Plan plan) {
			this.plan = plan;
		}

		@Override
		public void onSuccess(@Nullable Object value) {
			this.plan.onSuccess();
		}

		@Override
		public void onError(Throwable failure) {
			this.plan.onFailure();
		}

		@Override
		public void onCancel() {
			this.plan.onCancel();
		}

	}

}

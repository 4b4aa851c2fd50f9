package dev.resilience.pipeline;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshot.Scope;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.CompletionStages;
import dev.resilience.core.CheckedSupplier;
import dev.resilience.core.Deadline;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.Hedge;
import dev.resilience.core.TimeLimiter;

/**
 * The {@link AsyncType} of methods that return {@code CompletionStage} or
 * {@code CompletableFuture}: results are futures that have started, and every future this type
 * completes carries the failure unwrapped from any {@link CompletionException}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class CompletionStageType implements AsyncType {

	private final DelayScheduler scheduler;

	/**
	 * Creates the type.
	 * @param scheduler runs delays and timeouts
	 */
	public CompletionStageType(DelayScheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public Object defer(CheckedSupplier<Object> work) {
		try {
			return future(work.get());
		}
		catch (Throwable ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public Object deferWith(ContextSnapshot context, CheckedSupplier<Object> work) {
		try (Scope scope = context.setThreadLocals()) {
			return defer(work);
		}
	}

	@Override
	public Object deferWithin(@Nullable Deadline deadline, CheckedSupplier<Object> work) {
		if (deadline == null) {
			return defer(work);
		}
		try (Deadline.Scope scope = deadline.earliest(Deadline.current()).attach()) {
			return defer(work);
		}
	}

	@Override
	public Object adapt(Object returned) {
		if (returned instanceof CompletableFuture<?> future) {
			return future;
		}
		CompletionStage<?> stage = (CompletionStage<?>) returned;
		LinkedFuture future = new LinkedFuture();
		future.follow(stage);
		relay(stage, future);
		return future;
	}

	@Override
	public Object failed(Throwable failure) {
		return CompletableFuture.failedFuture(failure);
	}

	@Override
	public Object fromFallback(@Nullable Object returned) {
		return (returned instanceof CompletionStage<?>) ? adapt(returned) : CompletableFuture.completedFuture(returned);
	}

	@Override
	public boolean isWrapper(Class<?> type) {
		return CompletionStage.class.isAssignableFrom(type);
	}

	@Override
	public Object watch(Object result, OutcomeListener outcome) {
		LinkedFuture watched = new LinkedFuture();
		CompletableFuture<Object> source = future(result);
		watched.follow(source);
		source.whenComplete((value, failure) -> {
			if (failure == null) {
				try {
					outcome.onSuccess(value);
				}
				finally {
					watched.complete(value);
				}
				return;
			}
			Throwable cause = CompletionStages.unwrap(failure);
			try {
				if (cause instanceof CancellationException) {
					outcome.onCancel();
				}
				else {
					outcome.onError(cause);
				}
			}
			finally {
				watched.completeExceptionally(cause);
			}
		});
		return watched;
	}

	@Override
	public Object recover(Object result, Recovery recovery) {
		LinkedFuture recovered = new LinkedFuture();
		CompletableFuture<Object> source = future(result);
		recovered.follow(source);
		source.whenComplete((value, failure) -> {
			if (failure == null) {
				recovered.complete(value);
				return;
			}
			if (recovered.isDone()) {
				// cancelled by the caller: nothing to recover for
				return;
			}
			try {
				CompletableFuture<Object> replacement = future(recovery.recover(CompletionStages.unwrap(failure)));
				recovered.follow(replacement);
				relay(replacement, recovered);
			}
			catch (Throwable ex) {
				recovered.completeExceptionally(ex);
			}
		});
		return recovered;
	}

	@Override
	public Object delay(long delayNanos, CheckedSupplier<Object> work) {
		LinkedFuture delayed = new LinkedFuture();
		delayed.follow(this.scheduler.schedule(() -> {
			if (delayed.isDone()) {
				return;
			}
			CompletableFuture<Object> started = future(defer(work));
			delayed.follow(started);
			relay(started, delayed);
		}, delayNanos));
		return delayed;
	}

	@Override
	public <T> Object whenReady(CompletableFuture<T> gate, Continuation<T> work, Consumer<? super T> abandoned) {
		GateClaim<T> claim = new GateClaim<>(gate, abandoned);
		LinkedFuture result = new LinkedFuture();
		result.whenComplete((value, failure) -> {
			if (result.isCancelled()) {
				claim.giveUp();
			}
		});
		gate.whenComplete((value, failure) -> {
			if (!claim.claimForWork()) {
				return;
			}
			if (failure != null) {
				result.completeExceptionally(CompletionStages.unwrap(failure));
				return;
			}
			CompletableFuture<Object> started = future(defer(() -> work.run(value)));
			result.follow(started);
			relay(started, result);
		});
		return result;
	}

	@Override
	public Object timeLimit(TimeLimiter limiter, CheckedSupplier<Object> work) {
		return limiter.executeAsync(() -> future(work.get()));
	}

	@Override
	public Object hedge(Hedge hedge, IntFunction<Object> attempt) {
		// the race is a future that completes unwrapped and passes its cancellation to the attempts
		return hedge.executeAsync((number) -> future(defer(() -> attempt.apply(number))));
	}

	@Override
	public Object toReturnType(Object result) {
		return result;
	}

	@SuppressWarnings("unchecked")
	private static CompletableFuture<Object> future(Object result) {
		return (CompletableFuture<Object>) result;
	}

	private static void relay(CompletionStage<?> from, CompletableFuture<Object> to) {
		from.whenComplete((value, failure) -> {
			if (failure == null) {
				to.complete(value);
			}
			else {
				to.completeExceptionally(CompletionStages.unwrap(failure));
			}
		});
	}

}

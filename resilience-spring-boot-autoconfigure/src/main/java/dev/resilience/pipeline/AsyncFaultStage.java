package dev.resilience.pipeline;

import java.util.List;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

import dev.resilience.core.FaultInjector;

/**
 * Injects the faults set for an asynchronous call's instance names, innermost, without blocking
 * a thread: the latency delays the start of the work on the scheduler, and an exception fails the
 * result instead of starting the work (at subscription for a publisher, each time). Work started
 * after the latency runs with the caller's thread-local context (MDC, security, the deadline and
 * the retry's context), as it would have without the fault.
 *
 * @param <C> the type of the call
 * @since 0.3.0
 */
public final class AsyncFaultStage<C> implements Stage<C> {

	private final AsyncType type;

	private final FaultInjector[] injectors;

	private final ContextSnapshotFactory snapshots;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param type the adapter of the call's return type
	 * @param injectors the faults of each instance name of the call, each drawn on its own
	 * @param snapshots captures the caller's thread-local context for the work after a latency
	 * @param next the rest of the pipeline
	 */
	public AsyncFaultStage(AsyncType type, List<FaultInjector> injectors, ContextSnapshotFactory snapshots,
			Stage<C> next) {
		this.type = type;
		this.injectors = injectors.toArray(FaultInjector[]::new);
		this.snapshots = snapshots;
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.defer(() -> {
			long latencyNanos = 0;
			for (FaultInjector injector : this.injectors) {
				latencyNanos += injector.latencyNanos();
			}
			if (latencyNanos == 0) {
				return proceed(call);
			}
			ContextSnapshot context = this.snapshots.captureAll();
			return this.type.delayWith(context, latencyNanos, () -> proceed(call));
		});
	}

	private Object proceed(C call) throws Throwable {
		Throwable injected = FaultStage.exception(this.injectors);
		if (injected != null) {
			throw injected;
		}
		return this.next.invoke(call);
	}

}

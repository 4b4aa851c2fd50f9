package dev.resilience.pipeline;

import java.util.List;

import dev.resilience.core.FaultInjector;

/**
 * Injects the faults set for an asynchronous call's instance names, innermost, without blocking
 * a thread: the latency delays the start of the work on the scheduler, and an exception fails the
 * result instead of starting the work (at subscription for a publisher, each time).
 *
 * @param <C> the type of the call
 * @since 0.3.0
 */
public final class AsyncFaultStage<C> implements Stage<C> {

	private final AsyncType type;

	private final FaultInjector[] injectors;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param type the adapter of the call's return type
	 * @param injectors the faults of each instance name of the call, each drawn on its own
	 * @param next the rest of the pipeline
	 */
	public AsyncFaultStage(AsyncType type, List<FaultInjector> injectors, Stage<C> next) {
		this.type = type;
		this.injectors = injectors.toArray(FaultInjector[]::new);
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.defer(() -> {
			long latencyNanos = 0;
			for (FaultInjector injector : this.injectors) {
				latencyNanos += injector.latencyNanos();
			}
			return (latencyNanos == 0) ? proceed(call) : this.type.delay(latencyNanos, () -> proceed(call));
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

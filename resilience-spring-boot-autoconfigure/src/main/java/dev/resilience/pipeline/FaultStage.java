package dev.resilience.pipeline;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.FaultInjector;

/**
 * Injects the faults set for a call's instance names, innermost, so that every stage above sees
 * them as if the guarded work misbehaved: the latency is spent on the calling thread before the
 * work runs, and an exception is thrown instead of running it.
 *
 * @param <C> the type of the call
 * @since 0.3.0
 */
public final class FaultStage<C> implements Stage<C> {

	private final FaultInjector[] injectors;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param injectors the faults of each instance name of the call, each drawn on its own
	 * @param next the rest of the pipeline
	 */
	public FaultStage(List<FaultInjector> injectors, Stage<C> next) {
		this.injectors = injectors.toArray(FaultInjector[]::new);
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		try {
			for (FaultInjector injector : this.injectors) {
				injector.spendLatency();
			}
		}
		catch (InterruptedException ex) {
			// given up on while it waited: the call ends as an interrupted one would
			Thread.currentThread().interrupt();
			throw ex;
		}
		Throwable injected = FaultStage.exception(this.injectors);
		if (injected != null) {
			throw injected;
		}
		return this.next.invoke(call);
	}

	/** Draws the exception of each instance name; the first drawn is thrown. */
	static @Nullable Throwable exception(FaultInjector[] injectors) {
		for (FaultInjector injector : injectors) {
			Throwable injected = injector.exception();
			if (injected != null) {
				return injected;
			}
		}
		return null;
	}

}

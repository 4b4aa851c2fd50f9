package dev.resilience.pipeline;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes each guarded asynchronous call an observation of its own, as {@link ObservationStage}
 * does for synchronous ones: started when the call starts (at subscription for a publisher), in
 * scope while the rest of the pipeline assembles it, stopped when the result ends, with
 * {@code outcome} {@code success}, {@code failure} or {@code cancelled}.
 *
 * @param <C> the type of the call
 * @since 0.3.0
 */
public final class AsyncObservationStage<C> implements Stage<C> {

	private final AsyncType type;

	private final ObservationRegistry observations;

	private final KeyValues keys;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param type the adapter of the call's return type
	 * @param observations where the observations are made
	 * @param name the guarded method's name
	 * @param kind its annotations, outermost first
	 * @param next the rest of the pipeline
	 */
	public AsyncObservationStage(AsyncType type, ObservationRegistry observations, String name, String kind,
			Stage<C> next) {
		this.type = type;
		this.observations = observations;
		this.keys = KeyValues.of("name", name, "kind", kind);
		this.next = next;
	}

	@Override
	public Object invoke(C call) {
		return this.type.defer(() -> {
			Observation observation = ObservationStage.start(this.observations, this.keys);
			Object result;
			try (Observation.Scope scope = observation.openScope()) {
				result = this.next.invoke(call);
			}
			catch (Throwable ex) {
				end(observation, "failure", ex);
				throw ex;
			}
			return this.type.watch(result, new AsyncType.OutcomeListener() {

				@Override
				public void onSuccess(@Nullable Object value) {
					end(observation, "success", null);
				}

				@Override
				public void onError(Throwable failure) {
					end(observation, "failure", failure);
				}

				@Override
				public void onCancel() {
					end(observation, "cancelled", null);
				}

			});
		});
	}

	private static void end(Observation observation, String outcome, @Nullable Throwable failure) {
		observation.lowCardinalityKeyValue("outcome", outcome);
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

}

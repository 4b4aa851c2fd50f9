package dev.resilience.pipeline;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes each guarded call an observation of its own, {@value #NAME}, with the low-cardinality keys
 * {@code name} (the guarded method), {@code kind} (its annotations, outermost first, such as
 * {@code fallback+retryable+circuitguarded}) and {@code outcome} ({@code success} or
 * {@code failure}, as the caller sees it). What the policies do to the call shows as its events.
 *
 * @param <C> the type of the call
 * @since 0.3.0
 */
public final class ObservationStage<C> implements Stage<C> {

	/** The name of the observation of a guarded call. */
	public static final String NAME = "resilience.call";

	private final ObservationRegistry observations;

	private final KeyValues keys;

	private final Stage<C> next;

	/**
	 * Creates the stage.
	 * @param observations where the observations are made
	 * @param name the guarded method's name
	 * @param kind its annotations, outermost first
	 * @param next the rest of the pipeline
	 */
	public ObservationStage(ObservationRegistry observations, String name, String kind, Stage<C> next) {
		this.observations = observations;
		this.keys = KeyValues.of("name", name, "kind", kind);
		this.next = next;
	}

	@Override
	public @Nullable Object invoke(C call) throws Throwable {
		Observation observation = start(this.observations, this.keys);
		try (Observation.Scope scope = observation.openScope()) {
			Object result = this.next.invoke(call);
			observation.lowCardinalityKeyValue("outcome", "success");
			return result;
		}
		catch (Throwable ex) {
			observation.lowCardinalityKeyValue("outcome", "failure");
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	static Observation start(ObservationRegistry observations, KeyValues keys) {
		return Observation.createNotStarted(NAME, observations).lowCardinalityKeyValues(keys).start();
	}

}

package dev.resilience.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.resilience.core.Hedge;
import dev.resilience.core.ResilienceRegistry;

/**
 * The {@code hedges} endpoint: for every hedge, its calls since start-up, the hedges it sent, the
 * calls a hedge won, and the hedges its budget refused.
 *
 * <p>Thread-safe: every operation reads the registry afresh and answers with an immutable
 * snapshot.
 *
 * @since 0.3.0
 */
@Endpoint(id = "hedges")
public class HedgesEndpoint {

	private final ResilienceRegistry registry;

	/**
	 * Creates the endpoint.
	 * @param registry the registry whose hedges are shown
	 */
	public HedgesEndpoint(ResilienceRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Returns every hedge, by name.
	 * @return the hedges
	 */
	@ReadOperation
	public HedgesDescriptor hedges() {
		Map<String, HedgeDescriptor> hedges = new LinkedHashMap<>();
		for (Hedge hedge : this.registry.hedges()) {
			hedges.put(hedge.name(), HedgeDescriptor.of(hedge));
		}
		return new HedgesDescriptor(Collections.unmodifiableMap(hedges));
	}

	/**
	 * Returns one hedge.
	 * @param name the instance name
	 * @return the hedge, or {@code null} (404) if there is none of that name
	 */
	@ReadOperation
	public @Nullable HedgeDescriptor hedge(@Selector String name) {
		return this.registry.findHedge(name).map(HedgeDescriptor::of).orElse(null);
	}

	/**
	 * The hedges, by name.
	 *
	 * @param hedges each instance's counts
	 */
	public record HedgesDescriptor(Map<String, HedgeDescriptor> hedges) implements OperationResponseBody {
	}

	/**
	 * One hedge.
	 *
	 * @param calls the hedged calls, one per call whatever its hedges
	 * @param hedgesSent the attempts sent after the first
	 * @param hedgeWins the calls that a hedge answered first
	 * @param budgetExhausted the hedges due that the budget refused, which were not sent
	 */
	public record HedgeDescriptor(long calls, long hedgesSent, long hedgeWins, long budgetExhausted)
			implements OperationResponseBody {

		static HedgeDescriptor of(Hedge hedge) {
			Hedge.Metrics metrics = hedge.metrics();
			return new HedgeDescriptor(metrics.calls(), metrics.hedgesSent(), metrics.hedgeWins(),
					metrics.budgetExhausted());
		}

	}

}

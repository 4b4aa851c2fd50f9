package dev.resilience.sample.shop.simulator;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * The services this application simulates, by name: {@code recommendations}, {@code invoices},
 * {@code time}, and {@code inventory}, the bottom of the storm scenario.
 */
@Component
public class SimulatedServices {

	private final Map<String, SimulatedService> byName = new TreeMap<>();

	public SimulatedServices() {
		for (String name : new String[] { "recommendations", "invoices", "time", "inventory" }) {
			this.byName.put(name, new SimulatedService(name));
		}
	}

	public Optional<SimulatedService> find(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	public SimulatedService get(String name) {
		return find(name).orElseThrow(() -> new UnknownServiceException(name, this.byName.keySet()));
	}

	public Collection<SimulatedService> all() {
		return this.byName.values();
	}

}

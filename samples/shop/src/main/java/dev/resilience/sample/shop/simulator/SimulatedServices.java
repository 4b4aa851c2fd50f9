package dev.resilience.sample.shop.simulator;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * The services this application simulates, by name: {@code recommendations}, {@code invoices},
 * {@code time}, {@code inventory}, the bottom of the storm scenario, {@code reviews}, which a burst
 * of page views can overload, {@code catalog}, which tells a product's details, and {@code geocoder}, a provider with a quota of
 * {@value #GEOCODER_QUOTA_PER_SECOND} requests per second.
 */
@Component
public class SimulatedServices {

	/** The requests the geocoder accepts in any rolling second, as its terms of use say. */
	public static final int GEOCODER_QUOTA_PER_SECOND = 5;

	private final Map<String, SimulatedService> byName = new TreeMap<>();

	public SimulatedServices() {
		for (String name : new String[] { "recommendations", "invoices", "time", "inventory", "reviews", "catalog" }) {
			this.byName.put(name, new SimulatedService(name));
		}
		this.byName.put("geocoder", new SimulatedService("geocoder", GEOCODER_QUOTA_PER_SECOND));
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

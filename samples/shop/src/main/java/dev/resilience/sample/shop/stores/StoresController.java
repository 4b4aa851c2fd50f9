package dev.resilience.sample.shop.stores;

import java.util.Comparator;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The store nearest to an address: {@code GET /stores/nearest?address=...}, which asks the
 * geocoder where the address is.
 */
@RestController
class StoresController {

	private static final Map<String, Location> STORES = Map.of("Alexanderplatz", new Location(52.5219, 13.4132),
			"Kreuzberg", new Location(52.4986, 13.4030), "Charlottenburg", new Location(52.5167, 13.3041));

	private final GeocoderClient geocoder;

	StoresController(GeocoderClient geocoder) {
		this.geocoder = geocoder;
	}

	@GetMapping("/stores/nearest")
	NearestStore nearest(@RequestParam String address) {
		return this.geocoder.locate(address).map((location) -> {
			Map.Entry<String, Location> store = STORES.entrySet()
				.stream()
				.min(Comparator.comparingDouble((candidate) -> candidate.getValue().kilometresTo(location)))
				.orElseThrow();
			double km = Math.round(store.getValue().kilometresTo(location) * 10) / 10.0;
			return new NearestStore(address, store.getKey(), km, null);
		}).orElseGet(() -> new NearestStore(address, null, null, NearestStore.BUSY));
	}

}

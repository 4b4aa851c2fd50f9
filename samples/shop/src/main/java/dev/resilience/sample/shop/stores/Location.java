package dev.resilience.sample.shop.stores;

/**
 * A point on the map, as the geocoder finds it for an address.
 */
public record Location(double lat, double lon) {

	private static final double EARTH_RADIUS_KM = 6371;

	/** Returns the distance to another point, close enough for a city. */
	double kilometresTo(Location other) {
		double x = Math.toRadians(other.lon - this.lon) * Math.cos(Math.toRadians((this.lat + other.lat) / 2));
		double y = Math.toRadians(other.lat - this.lat);
		return Math.hypot(x, y) * EARTH_RADIUS_KM;
	}

}

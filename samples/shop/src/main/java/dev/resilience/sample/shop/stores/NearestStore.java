package dev.resilience.sample.shop.stores;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The shop's store nearest to an address, or a note that says why it cannot be told.
 *
 * @param address the address
 * @param store the nearest store, or {@code null}
 * @param km how far it is, or {@code null}
 * @param note why no store is shown, or {@code null} when one is
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NearestStore(String address, @Nullable String store, @Nullable Double km, @Nullable String note) {

	public static final String BUSY = "Finding stores is busy, try again";

}

package dev.resilience.sample.shop.reviews;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The reviews of a product, or a note that says why there are none to show.
 *
 * @param product the product
 * @param reviews what readers wrote
 * @param note why no reviews are shown, or {@code null} when they are
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reviews(String product, List<String> reviews, @Nullable String note) {

	public static final String BUSY = "Reviews are busy, try again";

	public static final String NOT_AVAILABLE = "Reviews are not available right now";

	public static Reviews of(String product, List<String> reviews) {
		return new Reviews(product, reviews, null);
	}

	public static Reviews none(String product, String note) {
		return new Reviews(product, List.of(), note);
	}

}

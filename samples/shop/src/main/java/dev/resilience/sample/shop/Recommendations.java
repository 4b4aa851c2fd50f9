package dev.resilience.sample.shop;

import java.util.List;

/**
 * Books shown on the front page, under a heading that says where they come from.
 */
public record Recommendations(String heading, List<String> titles) {

	public static Recommendations forYou(List<String> titles) {
		return new Recommendations("Recommended for you", titles);
	}

	public static Recommendations bestSellers() {
		return new Recommendations("Best sellers", List.of("Release It!", "The Pragmatic Programmer", "Refactoring"));
	}

}

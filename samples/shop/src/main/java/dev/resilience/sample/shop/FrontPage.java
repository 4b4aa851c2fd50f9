package dev.resilience.sample.shop;

/**
 * What the front page shows.
 */
public record FrontPage(String user, Recommendations recommendations, String time) {
}

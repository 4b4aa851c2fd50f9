package dev.resilience.sample.shop.details;

/**
 * What the catalog tells about a book.
 *
 * @param product the product
 * @param title the book's title
 * @param author who wrote it
 * @param pages how many pages it has
 */
public record ProductDetails(String product, String title, String author, int pages) {
}

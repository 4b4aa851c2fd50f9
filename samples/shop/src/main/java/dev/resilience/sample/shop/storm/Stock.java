package dev.resilience.sample.shop.storm;

/**
 * How many copies of a book are in stock, as the inventory database tells.
 */
public record Stock(String sku, int inStock) {
}

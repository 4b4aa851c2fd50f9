package dev.resilience.sample.shop;

/**
 * A generated invoice PDF, as the PDF server describes it.
 */
public record Invoice(String number, String orderId) {
}

package dev.resilience.sample.shop;

import java.util.List;

/**
 * What the PDF server needs to generate an invoice.
 */
public record InvoiceRequest(String orderId, String customer, List<String> items) {
}

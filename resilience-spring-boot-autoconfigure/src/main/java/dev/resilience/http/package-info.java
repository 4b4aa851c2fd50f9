/**
 * Resilience for Spring's HTTP clients and servers: interceptors for {@code RestClient} and
 * {@code WebClient}, the parsing of HTTP headers they share, and the inbound filters (deadlines,
 * load shedding) for servlet and WebFlux applications.
 */
@NullMarked
package dev.resilience.http;

import org.jspecify.annotations.NullMarked;

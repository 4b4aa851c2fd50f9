/**
 * Resilience for Spring's HTTP clients: interceptors for {@code RestClient} and
 * {@code WebClient}, and the parsing of HTTP headers they share.
 */
@NullMarked
package dev.resilience.http;

import org.jspecify.annotations.NullMarked;

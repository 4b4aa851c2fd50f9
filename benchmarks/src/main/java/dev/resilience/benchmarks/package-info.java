/**
 * JMH benchmarks of the starter's annotations against Resilience4j and Spring Framework's
 * {@code @Retryable} and {@code @ConcurrencyLimit}, on proxied Spring beans. Run with
 * {@code benchmarks/run.sh}; see {@code benchmarks/README.md}.
 */
package dev.resilience.benchmarks;

package dev.resilience.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/**
 * The benchmarks of {@link ContentionBenchmark} with four threads, twice as many as the 2-core
 * machine the results were measured on: the cost of sharing one breaker or budget in a small,
 * oversubscribed container.
 */
@Threads(4)
public class FourThreadContentionBenchmark extends ContentionBenchmark {

}

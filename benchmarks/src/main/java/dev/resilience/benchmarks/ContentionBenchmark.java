package dev.resilience.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two threads calling one guarded method at once, on the happy path: they share its circuit
 * breaker's window, or its retry budget; the time is per call on each thread. The unadvised proxy
 * and the no-op interceptor show what two threads cost without any shared state.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
public class ContentionBenchmark {

	@Benchmark
	public String baselineProxy(CallBenchmark.Baseline baseline, CallBenchmark.Input input) {
		return baseline.proxy.call(input.value);
	}

	@Benchmark
	public String baselineProxyNoOpInterceptor(CallBenchmark.Baseline baseline, CallBenchmark.Input input) {
		return baseline.noOpInterceptorProxy.call(input.value);
	}

	@Benchmark
	public String oursCircuitGuarded(CallBenchmark.Ours ours, CallBenchmark.Input input) {
		return ours.service.circuitGuarded(input.value);
	}

	@Benchmark
	public String oursRetryable(CallBenchmark.Ours ours, CallBenchmark.Input input) {
		return ours.service.retryable(input.value);
	}

	@Benchmark
	public String resilience4jCircuitBreaker(CallBenchmark.Resilience4j resilience4j, CallBenchmark.Input input) {
		return resilience4j.service.circuitBreaker(input.value);
	}

}

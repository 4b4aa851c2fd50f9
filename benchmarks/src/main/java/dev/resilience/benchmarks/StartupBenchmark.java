package dev.resilience.benchmarks;

import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The start-up cost of 200 annotated methods (20 beans of 10 methods, each with a retry and a
 * circuit breaker of its own): the time to start the application context, in a JVM that has
 * already started a few, and the same plus one call of every method. This starter resolves every
 * method's pipeline and creates its instances at start-up (so a wrong annotation fails
 * start-up); Resilience4j creates them at the first call, so only the second pair of figures
 * compares the same work. The context without any resilience library, holding the same beans,
 * is the floor.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@State(Scope.Thread)
public class StartupBenchmark {

	private ConfigurableApplicationContext context;

	@TearDown(Level.Invocation)
	public void close() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

	@Benchmark
	public Object baselineWithoutResilience() {
		return this.context = Contexts.start(Contexts.NONE, Configurations.None.class, OursStartupBeans.BEANS);
	}

	@Benchmark
	public Object ours() {
		return this.context = Contexts.start(Contexts.OURS, Configurations.Ours.class, OursStartupBeans.BEANS);
	}

	@Benchmark
	public Object resilience4j() {
		return this.context = Contexts.start(Contexts.RESILIENCE4J, Configurations.Resilience4j.class,
				Resilience4jStartupBeans.BEANS);
	}

	@Benchmark
	public Object oursThenCallEach() throws Exception {
		return callEach(ours(), OursStartupBeans.BEANS);
	}

	@Benchmark
	public Object resilience4jThenCallEach() throws Exception {
		return callEach(resilience4j(), Resilience4jStartupBeans.BEANS);
	}

	private static int callEach(Object context, Class<?>[] beans) throws Exception {
		int calls = 0;
		for (Class<?> type : beans) {
			Object bean = CallBenchmark.proxied(((ConfigurableApplicationContext) context).getBean(type));
			for (int i = 0; i < 10; i++) {
				Method method = type.getMethod("m" + i, String.class);
				calls += (method.invoke(bean, "payload") != null) ? 1 : 0;
			}
		}
		return calls;
	}

}

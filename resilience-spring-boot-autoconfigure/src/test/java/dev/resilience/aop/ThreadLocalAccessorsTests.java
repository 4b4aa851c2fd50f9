package dev.resilience.aop;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;
import dev.resilience.core.RetryContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the thread-local accessors listed in
 * {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor} carry the current
 * {@link Deadline}, the current {@link RetryContext} and the MDC to another thread, with no
 * application context started.
 */
class ThreadLocalAccessorsTests {

	private final ExecutorService worker = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutDownWorker() throws InterruptedException {
		this.worker.shutdownNow();
		assertThat(this.worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void captureAllWithDefaultRegistryShouldCarryDeadlineAndRetryContext() throws Exception {
		assertCarriesDeadlineAndRetryContext(ContextSnapshotFactory.builder().build());
	}

	@Test
	void captureAllWithRegistryLoadedFromServicesShouldCarryDeadlineAndRetryContext() throws Exception {
		ContextRegistry registry = new ContextRegistry().loadThreadLocalAccessors();
		assertCarriesDeadlineAndRetryContext(ContextSnapshotFactory.builder().contextRegistry(registry).build());
	}

	@Test
	void captureAllWithRegistryLoadedFromServicesShouldCarryMdc() throws Exception {
		ContextRegistry registry = new ContextRegistry().loadThreadLocalAccessors();
		ContextSnapshot snapshot;
		MDC.put("requestId", "r-42");
		try {
			snapshot = ContextSnapshotFactory.builder().contextRegistry(registry).build().captureAll();
		}
		finally {
			MDC.remove("requestId");
		}
		assertThat(onWorker(snapshot.wrap(() -> MDC.get("requestId")))).isEqualTo("r-42");
	}

	@Test
	void registryLoadedFromServicesShouldHaveOneAccessorPerKey() {
		ContextRegistry registry = new ContextRegistry().loadThreadLocalAccessors();
		assertThat(registry.getThreadLocalAccessors()).extracting(ThreadLocalAccessor::key)
			.contains(DeadlineThreadLocalAccessor.KEY, RetryContextThreadLocalAccessor.KEY, "cp.slf4j")
			.doesNotHaveDuplicates();
	}

	@Test
	void workerShouldSeeNoDeadlineOrRetryContextOnceTaskEnds() throws Exception {
		ContextSnapshot snapshot = captureWithDeadlineAndRetryContext(ContextSnapshotFactory.builder().build());
		onWorker(snapshot.wrap(() -> Deadline.current()));
		assertThat(onWorker(() -> new @Nullable Object[] { Deadline.current(), RetryContext.current() }))
			.containsOnlyNulls();
	}

	private void assertCarriesDeadlineAndRetryContext(ContextSnapshotFactory factory) throws Exception {
		Deadline deadline = Deadline.within(Duration.ofMinutes(1), Clock.system());
		ContextSnapshot snapshot;
		try (Deadline.Scope scope = deadline.attach()) {
			snapshot = captureWithRetryContext(factory);
		}
		assertThat(Deadline.current()).isNull();
		assertThat(RetryContext.current()).isNull();
		assertThat(onWorker(snapshot.wrap(() -> Deadline.current()))).isSameAs(deadline);
		RetryContext carried = onWorker(snapshot.wrap(() -> RetryContext.current()));
		assertThat(carried).isNotNull();
		assertThat(carried.attempt()).isEqualTo(3);
		assertThat(carried.idempotencyKey()).isEqualTo(TestRetryContext.KEY);
	}

	private ContextSnapshot captureWithDeadlineAndRetryContext(ContextSnapshotFactory factory) {
		try (Deadline.Scope scope = Deadline.within(Duration.ofMinutes(1), Clock.system()).attach()) {
			return captureWithRetryContext(factory);
		}
	}

	private ContextSnapshot captureWithRetryContext(ContextSnapshotFactory factory) {
		@Nullable RetryContext previous = TestRetryContext.makeCurrent(new TestRetryContext());
		try {
			return factory.captureAll();
		}
		finally {
			RetryContext.restore(previous);
		}
	}

	private <T> T onWorker(Callable<T> task) throws Exception {
		return this.worker.submit(task).get(10, TimeUnit.SECONDS);
	}

	/**
	 * The third attempt of a retrying call.
	 */
	static final class TestRetryContext extends RetryContext {

		static final String KEY = "key-of-the-call";

		static @Nullable RetryContext makeCurrent(RetryContext context) {
			return RetryContext.enter(context);
		}

		@Override
		public int attempt() {
			return 3;
		}

		@Override
		public String idempotencyKey() {
			return KEY;
		}

	}

}

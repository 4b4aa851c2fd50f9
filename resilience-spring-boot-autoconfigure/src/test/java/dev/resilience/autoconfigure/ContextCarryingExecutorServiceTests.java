package dev.resilience.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.resilience.core.Clock;
import dev.resilience.core.Deadline;
import dev.resilience.core.TimeLimiterExecutors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ContextCarryingExecutorService}: a task runs with the submitting thread's
 * context, and a task submitted without any context is handed over as it is.
 */
class ContextCarryingExecutorServiceTests {

	private static final ThreadLocal<@Nullable String> USER = new ThreadLocal<>();

	private final ContextRegistry registry = new ContextRegistry().registerThreadLocalAccessor(new UserAccessor());

	private final ExecutorService worker = Executors.newSingleThreadExecutor();

	private final List<Runnable> handedOver = new ArrayList<>();

	@AfterEach
	void clear() throws InterruptedException {
		USER.remove();
		this.worker.shutdownNow();
		assertThat(this.worker.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void taskSubmittedWithoutContextIsHandedOverAsItIs() {
		Runnable task = () -> {
		};
		ContextCarryingExecutorService executor = new ContextCarryingExecutorService(recording(), this.registry);
		executor.execute(task);
		assertThat(this.handedOver).containsExactly(task);
	}

	@Test
	void taskSubmittedWithContextIsWrapped() {
		Runnable task = () -> {
		};
		ContextCarryingExecutorService executor = new ContextCarryingExecutorService(recording(), this.registry);
		USER.set("ada");
		executor.execute(task);
		assertThat(this.handedOver).hasSize(1).doesNotContain(task);
	}

	@Test
	void taskRunsWithTheSubmittersContextAndLeavesNothingBehind() throws Exception {
		ContextCarryingExecutorService executor = new ContextCarryingExecutorService(this.worker, this.registry);
		USER.set("ada");
		assertThat(executor.submit(USER::get).get(5, TimeUnit.SECONDS)).isEqualTo("ada");
		USER.set("grace");
		assertThat(executor.submit(USER::get).get(5, TimeUnit.SECONDS)).isEqualTo("grace");
		USER.remove();
		assertThat(executor.submit(USER::get).get(5, TimeUnit.SECONDS)).isNull();
		assertThat(this.worker.submit(USER::get).get(5, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void withTheGlobalRegistryATaskWithoutContextIsHandedOverAsItIs() throws InterruptedException {
		Runnable task = () -> {
		};
		ContextCarryingExecutorService executor = new ContextCarryingExecutorService(recording());
		// a new thread: no MDC, security context or deadline left behind by other tests
		Thread submitter = new Thread(() -> executor.execute(task));
		submitter.start();
		submitter.join();
		assertThat(this.handedOver).containsExactly(task);
	}

	@Test
	void withTheGlobalRegistryTheDeadlineIsCarried() throws Exception {
		ContextCarryingExecutorService executor = new ContextCarryingExecutorService(this.worker);
		Deadline deadline = Deadline.within(Duration.ofMinutes(1), Clock.system());
		try (Deadline.Scope scope = deadline.attach()) {
			assertThat(executor.submit(Deadline::current).get(5, TimeUnit.SECONDS)).isSameAs(deadline);
		}
		assertThat(executor.submit(Deadline::current).get(5, TimeUnit.SECONDS)).isNull();
	}

	@Test
	void shutdownReachesTheExecutor() throws InterruptedException {
		ExecutorService pool = TimeLimiterExecutors.create();
		ContextCarryingExecutorService executor = new ContextCarryingExecutorService(pool, this.registry);
		assertThat(executor.isShutdown()).isFalse();
		executor.shutdown();
		assertThat(pool.isShutdown()).isTrue();
		assertThat(executor.isShutdown()).isTrue();
		assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		assertThat(executor.isTerminated()).isTrue();
		assertThat(executor.shutdownNow()).isEmpty();
	}

	private ExecutorService recording() {
		return new AbstractExecutorService() {

			@Override
			public void execute(Runnable command) {
				ContextCarryingExecutorServiceTests.this.handedOver.add(command);
			}

			@Override
			public void shutdown() {
			}

			@Override
			public List<Runnable> shutdownNow() {
				return List.of();
			}

			@Override
			public boolean isShutdown() {
				return false;
			}

			@Override
			public boolean isTerminated() {
				return false;
			}

			@Override
			public boolean awaitTermination(long timeout, TimeUnit unit) {
				return true;
			}

		};
	}

	/**
	 * Carries {@link #USER}.
	 */
	static final class UserAccessor implements ThreadLocalAccessor<String> {

		@Override
		public Object key() {
			return "test.user";
		}

		@Override
		public @Nullable String getValue() {
			return USER.get();
		}

		@Override
		public void setValue(String value) {
			USER.set(value);
		}

		@Override
		public void setValue() {
			USER.remove();
		}

	}

}

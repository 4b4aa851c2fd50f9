package dev.resilience.aop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.resilience.annotation.TimeLimited;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.core.TimeLimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Whether a time-limited method's work is interrupted at the timeout follows the precedence of
 * every other setting: {@code resilience.time-limiter.instances.<name>.cancel-running} over
 * {@code @TimeLimited(cancelRunning)} over {@code resilience.time-limiter.defaults.cancel-running}
 * over the built-in {@code true}. Each test times a call out for real and watches the work it
 * abandoned.
 */
@Timeout(30)
class CancelRunningPrecedenceTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void defaultsApplyWhenTheAnnotationLeavesCancelRunningUnset() {
		this.runner.withBean(Unset.class)
			.withPropertyValues("resilience.time-limiter.defaults.cancel-running=false")
			.run((context) -> assertThat(interruptedAtTimeout(context.getBean(Unset.class))).isFalse());
	}

	@Test
	void builtInDefaultInterruptsWhenNothingIsSet() {
		this.runner.withBean(Unset.class)
			.run((context) -> assertThat(interruptedAtTimeout(context.getBean(Unset.class))).isTrue());
	}

	@Test
	void annotationTrueBeatsDefaultsFalse() {
		this.runner.withBean(Cancelling.class)
			.withPropertyValues("resilience.time-limiter.defaults.cancel-running=false")
			.run((context) -> assertThat(interruptedAtTimeout(context.getBean(Cancelling.class))).isTrue());
	}

	@Test
	void annotationFalseBeatsTheBuiltInDefault() {
		this.runner.withBean(NotCancelling.class)
			.run((context) -> assertThat(interruptedAtTimeout(context.getBean(NotCancelling.class))).isFalse());
	}

	@Test
	void instanceTrueBeatsAnnotationFalse() {
		this.runner.withBean(NotCancelling.class)
			.withPropertyValues("resilience.time-limiter.instances.not-cancelling.cancel-running=true")
			.run((context) -> assertThat(interruptedAtTimeout(context.getBean(NotCancelling.class))).isTrue());
	}

	@Test
	void instanceFalseBeatsAnnotationTrue() {
		this.runner.withBean(Cancelling.class)
			.withPropertyValues("resilience.time-limiter.instances.cancelling.cancel-running=false")
			.run((context) -> assertThat(interruptedAtTimeout(context.getBean(Cancelling.class))).isFalse());
	}

	@Test
	void placeholderInTheAnnotationIsResolved() {
		this.runner.withBean(FromPlaceholder.class)
			.withPropertyValues("app.interrupt-late-work=false")
			.run((context) -> assertThat(interruptedAtTimeout(context.getBean(FromPlaceholder.class))).isFalse());
	}

	@Test
	void placeholderResolvedToEmptyLeavesTheDefaultsInCharge() {
		this.runner.withBean(FromPlaceholder.class)
			.withPropertyValues("app.interrupt-late-work=", "resilience.time-limiter.defaults.cancel-running=false")
			.run((context) -> assertThat(interruptedAtTimeout(context.getBean(FromPlaceholder.class))).isFalse());
	}

	/**
	 * Calls the work, which times out, then lets it end, and tells whether it was interrupted.
	 */
	private static boolean interruptedAtTimeout(Work work) throws Exception {
		assertThatExceptionOfType(TimeLimitExceededException.class).isThrownBy(work::run);
		// The limiter interrupts, or not, before the caller gets the exception.
		assertThat(work.awaitStarted()).as("the work started").isTrue();
		return work.releaseAndTellWhetherInterrupted();
	}

	/**
	 * Work that waits until released, and tells whether it was interrupted meanwhile; read
	 * through methods, since the bean is a class-based proxy.
	 */
	abstract static class Work {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();

		public abstract String run();

		public boolean awaitStarted() throws InterruptedException {
			return this.started.await(10, TimeUnit.SECONDS);
		}

		public boolean releaseAndTellWhetherInterrupted() throws Exception {
			this.release.countDown();
			return this.interrupted.get(10, TimeUnit.SECONDS);
		}

		String await() {
			this.started.countDown();
			try {
				this.release.await(10, TimeUnit.SECONDS);
				this.interrupted.complete(Thread.currentThread().isInterrupted());
			}
			catch (InterruptedException ex) {
				this.interrupted.complete(true);
			}
			return "done";
		}

	}

	static class Unset extends Work {

		@Override
		@TimeLimited(name = "unset", timeout = "300ms")
		public String run() {
			return await();
		}

	}

	static class Cancelling extends Work {

		@Override
		@TimeLimited(name = "cancelling", timeout = "300ms", cancelRunning = "true")
		public String run() {
			return await();
		}

	}

	static class NotCancelling extends Work {

		@Override
		@TimeLimited(name = "not-cancelling", timeout = "300ms", cancelRunning = "false")
		public String run() {
			return await();
		}

	}

	static class FromPlaceholder extends Work {

		@Override
		@TimeLimited(name = "from-placeholder", timeout = "300ms", cancelRunning = "${app.interrupt-late-work}")
		public String run() {
			return await();
		}

	}

}

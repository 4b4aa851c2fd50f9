package dev.resilience.autoconfigure;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

import dev.resilience.core.Deadline;
import dev.resilience.core.RetryContext;

/**
 * Makes sure the logging MDC, the current deadline and the current retrying call are part of the thread-local context that
 * Micrometer's context-propagation carries to the worker threads of time-limited calls. Security
 * context and observations register their own accessors when their libraries are present.
 */
final class ThreadLocalContext {

	private static final boolean SLF4J_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
			ThreadLocalContext.class.getClassLoader());

	private ThreadLocalContext() {
	}

	/**
	 * Registers the accessors of the MDC (when SLF4J is present), of the current
	 * {@link Deadline} and of the current {@link RetryContext}, unless accessors with their keys
	 * are registered already.
	 */
	static void register() {
		ContextRegistry registry = ContextRegistry.getInstance();
		if (SLF4J_PRESENT && !isRegistered(registry, Slf4jThreadLocalAccessor.KEY)) {
			registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
		}
		if (!isRegistered(registry, DeadlineAccessor.KEY)) {
			registry.registerThreadLocalAccessor(new DeadlineAccessor());
		}
		if (!isRegistered(registry, RetryContextAccessor.KEY)) {
			registry.registerThreadLocalAccessor(new RetryContextAccessor());
		}
	}

	private static boolean isRegistered(ContextRegistry registry, Object key) {
		for (ThreadLocalAccessor<?> accessor : registry.getThreadLocalAccessors()) {
			if (key.equals(accessor.key())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Hands the current deadline over to the threads that work moves to.
	 */
	static final class DeadlineAccessor implements ThreadLocalAccessor<Deadline> {

		static final String KEY = "dev.resilience.deadline";

		@Override
		public Object key() {
			return KEY;
		}

		@Override
		public @Nullable Deadline getValue() {
			return Deadline.current();
		}

		@Override
		public void setValue(Deadline value) {
			Deadline.set(value);
		}

		@Override
		public void setValue() {
			Deadline.set(null);
		}

	}

	/**
	 * Hands the retrying call that work belongs to over to the threads that work moves to, so
	 * that an HTTP client guard there knows an outer retry owns retrying.
	 */
	static final class RetryContextAccessor implements ThreadLocalAccessor<RetryContext> {

		static final String KEY = "dev.resilience.retry-context";

		@Override
		public Object key() {
			return KEY;
		}

		@Override
		public @Nullable RetryContext getValue() {
			RetryContext current = RetryContext.current();
			return (current != null) ? current.snapshot() : null;
		}

		@Override
		public void setValue(RetryContext value) {
			RetryContext.restore(value);
		}

		@Override
		public void setValue() {
			RetryContext.restore(null);
		}

	}

}

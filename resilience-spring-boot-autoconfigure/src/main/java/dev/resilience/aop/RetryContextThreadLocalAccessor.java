package dev.resilience.aop;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.RetryContext;

/**
 * Hands the retrying call that work belongs to over to the threads that work moves to through
 * Micrometer's context-propagation, so that an HTTP client guard there knows an outer retry owns
 * retrying. What is captured is a {@linkplain RetryContext#snapshot() snapshot}: the worker thread
 * never sees the caller's later attempts.
 *
 * <p>Listed in {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}, so that
 * {@link io.micrometer.context.ContextRegistry#getInstance()} registers it by itself, whether or
 * not an application context has started.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class RetryContextThreadLocalAccessor implements ThreadLocalAccessor<RetryContext> {

	/**
	 * The key of the current retrying call in a context snapshot: {@value}.
	 */
	public static final String KEY = "dev.resilience.retry-context";

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

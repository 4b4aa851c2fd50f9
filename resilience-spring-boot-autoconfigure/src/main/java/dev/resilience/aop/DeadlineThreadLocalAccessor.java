package dev.resilience.aop;

import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import dev.resilience.core.Deadline;

/**
 * Hands the calling thread's current {@link Deadline} over to the threads that work moves to
 * through Micrometer's context-propagation, so that a time-limited call and an HTTP client guard
 * on a worker thread see the caller's deadline.
 *
 * <p>Listed in {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}, so that
 * {@link io.micrometer.context.ContextRegistry#getInstance()} registers it by itself, whether or
 * not an application context has started.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class DeadlineThreadLocalAccessor implements ThreadLocalAccessor<Deadline> {

	/**
	 * The key of the current deadline in a context snapshot, the same as in a Reactor subscriber
	 * context: {@value}.
	 */
	public static final String KEY = Deadline.CONTEXT_KEY;

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

package dev.resilience.aop;

import java.util.Map;

import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

/**
 * Hands the SLF4J MDC over to the threads that work moves to through Micrometer's
 * context-propagation, so that log lines of a time-limited call's worker carry the caller's MDC.
 * Delegates to context-propagation's {@link Slf4jThreadLocalAccessor}, which that library does
 * not register by itself, under the same {@linkplain Slf4jThreadLocalAccessor#KEY key}, so that
 * an accessor the application registers replaces this one.
 *
 * <p>Listed in {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}, so that
 * {@link io.micrometer.context.ContextRegistry#getInstance()} registers it by itself. SLF4J is
 * optional: without it this accessor loads all the same, captures nothing and restores nothing.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class MdcThreadLocalAccessor implements ThreadLocalAccessor<Map<String, String>> {

	private static final boolean SLF4J_PRESENT = isPresent("org.slf4j.MDC");

	private final @Nullable ThreadLocalAccessor<Map<String, String>> delegate = SLF4J_PRESENT ? Slf4j.accessor()
			: null;

	@Override
	public Object key() {
		return Slf4jThreadLocalAccessor.KEY;
	}

	@Override
	public @Nullable Map<String, String> getValue() {
		return (this.delegate != null) ? this.delegate.getValue() : null;
	}

	@Override
	public void setValue(Map<String, String> value) {
		if (this.delegate != null) {
			this.delegate.setValue(value);
		}
	}

	@Override
	public void setValue() {
		if (this.delegate != null) {
			this.delegate.setValue();
		}
	}

	@Override
	public void restore(Map<String, String> previousValue) {
		if (this.delegate != null) {
			this.delegate.restore(previousValue);
		}
	}

	@Override
	public void restore() {
		if (this.delegate != null) {
			this.delegate.restore();
		}
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, MdcThreadLocalAccessor.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/**
	 * Creates the SLF4J accessor; loaded only when SLF4J is present.
	 */
	private static final class Slf4j {

		static ThreadLocalAccessor<Map<String, String>> accessor() {
			return new Slf4jThreadLocalAccessor();
		}

	}

}

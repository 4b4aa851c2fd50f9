package dev.resilience.autoconfigure;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;

import org.springframework.util.ClassUtils;

/**
 * Makes sure the logging MDC is part of the thread-local context that Micrometer's
 * context-propagation carries to the worker threads of time-limited calls. Security context and
 * observations register their own accessors when their libraries are present.
 */
final class ThreadLocalContext {

	private static final boolean SLF4J_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
			ThreadLocalContext.class.getClassLoader());

	private ThreadLocalContext() {
	}

	static void registerMdc() {
		if (!SLF4J_PRESENT) {
			return;
		}
		ContextRegistry registry = ContextRegistry.getInstance();
		for (ThreadLocalAccessor<?> accessor : registry.getThreadLocalAccessors()) {
			if (Slf4jThreadLocalAccessor.KEY.equals(accessor.key())) {
				return;
			}
		}
		registry.registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
	}

}

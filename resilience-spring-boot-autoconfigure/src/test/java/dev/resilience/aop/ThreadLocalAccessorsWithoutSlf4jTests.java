package dev.resilience.aop;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the thread-local accessors listed in
 * {@code META-INF/services/io.micrometer.context.ThreadLocalAccessor} load without SLF4J, in a
 * class loader that sees only this module's classes and context-propagation.
 */
class ThreadLocalAccessorsWithoutSlf4jTests {

	@Test
	void registryWithoutSlf4jShouldLoadAccessorsAndCaptureNoMdc() throws Exception {
		try (URLClassLoader classLoader = isolatedClassLoader()) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> classLoader.loadClass("org.slf4j.MDC"));
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(classLoader);
			try {
				Class<?> registryType = classLoader.loadClass(ContextRegistry.class.getName());
				Object registry = registryType.getMethod("loadThreadLocalAccessors")
					.invoke(registryType.getConstructor().newInstance());
				List<?> accessors = (List<?>) registryType.getMethod("getThreadLocalAccessors").invoke(registry);
				assertThat(accessors).extracting((accessor) -> accessor.getClass().getName())
					.contains(DeadlineThreadLocalAccessor.class.getName(),
							RetryContextThreadLocalAccessor.class.getName(), MdcThreadLocalAccessor.class.getName());
				Object mdc = accessors.stream()
					.filter((accessor) -> accessor.getClass().getName().equals(MdcThreadLocalAccessor.class.getName()))
					.findFirst()
					.orElseThrow();
				assertThat(mdc.getClass().getClassLoader()).isSameAs(classLoader);
				assertThat(mdc.getClass().getMethod("getValue").invoke(mdc)).isNull();
				mdc.getClass().getMethod("setValue").invoke(mdc);
			}
			finally {
				thread.setContextClassLoader(previous);
			}
		}
	}

	private static URLClassLoader isolatedClassLoader() {
		return new URLClassLoader(new URL[] { location(MdcThreadLocalAccessor.class), location(ContextRegistry.class) },
				ClassLoader.getPlatformClassLoader());
	}

	private static URL location(Class<?> type) {
		return type.getProtectionDomain().getCodeSource().getLocation();
	}

}

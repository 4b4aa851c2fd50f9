package dev.resilience.http;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Predicate;

import dev.resilience.core.RetryAfterExtractor;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@link SpringTransientFailures} and {@link HttpRetryAfterExtractor} work without
 * spring-web, spring-webflux and spring-tx, by loading them in a class loader that sees only
 * this module's classes, spring-core and commons-logging.
 */
class SpringTransientFailuresWithoutOptionalLibrariesTests {

	@Test
	void transientFailuresWithoutOptionalLibrariesShouldUseCoreClassification() throws Exception {
		try (URLClassLoader classLoader = isolatedClassLoader()) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> classLoader.loadClass("org.springframework.web.client.RestClientResponseException"));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> classLoader.loadClass("org.springframework.dao.TransientDataAccessException"));
			Class<?> type = classLoader.loadClass(SpringTransientFailures.class.getName());
			Object predicate = type.getMethod("defaults").invoke(null);
			assertThat(((Predicate<?>) predicate).getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
			@SuppressWarnings("unchecked")
			Predicate<Object> transientFailures = (Predicate<Object>) predicate;
			assertThat(transientFailures.test(isolated(classLoader, IOException.class))).isTrue();
			assertThat(transientFailures.test(new IllegalStateException())).isFalse();
		}
	}

	@Test
	void retryAfterExtractorWithoutOptionalLibrariesShouldFindNoDelay() throws Exception {
		try (URLClassLoader classLoader = isolatedClassLoader()) {
			Class<?> type = classLoader.loadClass(HttpRetryAfterExtractor.class.getName());
			Object extractor = type.getConstructor().newInstance();
			long nanos = (long) classLoader.loadClass(RetryAfterExtractor.class.getName())
				.getMethod("retryAfterNanos", Throwable.class, long.class)
				.invoke(extractor, new IOException(), 0L);
			assertThat(nanos).isEqualTo(-1);
		}
	}

	private static Throwable isolated(ClassLoader classLoader, Class<? extends Throwable> type) throws Exception {
		// JDK types come from the platform class loader, so they are shared.
		return (Throwable) classLoader.loadClass(type.getName()).getConstructor().newInstance();
	}

	private static URLClassLoader isolatedClassLoader() {
		return new URLClassLoader(new URL[] { location(SpringTransientFailures.class), location(ClassUtils.class),
				location(LogFactory.class) }, ClassLoader.getPlatformClassLoader());
	}

	private static URL location(Class<?> type) {
		return type.getProtectionDomain().getCodeSource().getLocation();
	}

}

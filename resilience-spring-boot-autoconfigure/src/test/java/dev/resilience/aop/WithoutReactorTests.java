package dev.resilience.aop;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Retryable;
import dev.resilience.autoconfigure.ResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application whose class path has no Reactor and no Kotlin at all (not merely hidden from the
 * context): the starter, its synchronous and its {@code CompletionStage} methods load and run in
 * a class loader built from the test class path without Reactor, Reactive Streams, Kotlin and
 * kotlinx.
 */
class WithoutReactorTests {

	@Test
	void synchronousAndCompletionStageMethodsRunWithoutReactorAndKotlinOnTheClassPath() throws Exception {
		try (URLClassLoader withoutReactor = new URLClassLoader(classPathWithoutReactor(),
				ClassLoader.getPlatformClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> Class.forName("reactor.core.publisher.Mono", false, withoutReactor));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> Class.forName("kotlin.Unit", false, withoutReactor));
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(withoutReactor);
			try {
				Class<?> application = Class.forName(Application.class.getName(), true, withoutReactor);
				Method run = application.getMethod("run");
				assertThat(run.invoke(null)).isEqualTo("sync:ok async:ok after 2 calls");
			}
			finally {
				thread.setContextClassLoader(previous);
			}
		}
	}

	private static URL[] classPathWithoutReactor() throws IOException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<URL> urls = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			String name = new File(entry).getName();
			if (!entry.isEmpty() && !name.startsWith("reactor-") && !name.startsWith("reactive-streams")
					&& !name.startsWith("kotlin")) {
				urls.add(new File(entry).toURI().toURL());
			}
		}
		return urls.toArray(new URL[0]);
	}

	/**
	 * Starts the application in the class loader that loaded it, and reports what its methods
	 * returned.
	 */
	public static final class Application {

		private Application() {
		}

		public static String run() throws Exception {
			try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
				context.register(ResilienceAutoConfiguration.class);
				context.registerBean(Ledger.class);
				context.refresh();
				Ledger ledger = context.getBean(Ledger.class);
				String sync = ledger.balance();
				CompletableFuture<String> async = ledger.entries();
				return "sync:" + sync + " async:" + async.get(5, TimeUnit.SECONDS) + " after " + ledger.calls()
						+ " calls";
			}
		}

	}

	public static class Ledger {

		private final AtomicInteger calls = new AtomicInteger();

		@CircuitGuarded(name = "ledgerBalance")
		public String balance() {
			return "ok";
		}

		@Retryable(name = "ledgerEntries", delay = "1ms", maxAttempts = 2)
		public CompletableFuture<String> entries() {
			if (this.calls.incrementAndGet() == 1) {
				return CompletableFuture.failedFuture(new IOException("first attempt fails"));
			}
			return CompletableFuture.completedFuture("ok");
		}

		public int calls() {
			return this.calls.get();
		}

	}

}

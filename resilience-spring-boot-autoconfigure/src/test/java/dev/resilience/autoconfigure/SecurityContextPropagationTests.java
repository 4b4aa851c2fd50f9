package dev.resilience.autoconfigure;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.resilience.annotation.Retryable;
import dev.resilience.annotation.TimeLimited;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's {@code SecurityContext}, set on the caller's thread, is the one that
 * time-limited work and retried asynchronous attempts see on the threads they run on, and it
 * does not stay behind on those threads. Spring Security registers its accessor with Micrometer's
 * context-propagation ({@code META-INF/services/io.micrometer.context.ThreadLocalAccessor}), so
 * nothing is configured here.
 */
@Timeout(30)
class SecurityContextPropagationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withBean(Account.class);

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void timeLimitedMethodSeesTheCallersSecurityContextOnItsWorkerThread() {
		this.runner.run((context) -> {
			Account account = context.getBean(Account.class);
			signIn("ada");
			assertThat(account.userOnWorker()).isEqualTo("ada");
			assertThat(account.lastThread()).isNotSameAs(Thread.currentThread());
			SecurityContextHolder.clearContext();
			assertThat(account.userOnWorker()).as("after the caller signed out").isEqualTo("nobody");
		});
	}

	@Test
	void retriedAttemptOfACompletionStageMethodSeesTheCallersSecurityContext() {
		this.runner.run((context) -> {
			Account account = context.getBean(Account.class);
			signIn("grace");
			CompletionStage<String> user = account.userOnRetry();
			SecurityContextHolder.clearContext();
			assertThat(user.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("grace");
			assertThat(account.attempts()).isEqualTo(2);
			assertThat(account.lastThread()).isNotSameAs(Thread.currentThread());
		});
	}

	private static void signIn(String user) {
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(user, "n/a", null);
		SecurityContextHolder.getContext().setAuthentication(authentication);
	}

	static class Account {

		private final AtomicInteger attempts = new AtomicInteger();

		private volatile @Nullable Thread lastThread;

		@TimeLimited(timeout = "5s")
		public String userOnWorker() {
			return currentUser();
		}

		/**
		 * Fails its first attempt; the second, after a delay, answers the user it sees.
		 */
		@Retryable(maxAttempts = 2, delay = "20ms", jitter = 0)
		public CompletionStage<String> userOnRetry() {
			if (this.attempts.incrementAndGet() == 1) {
				return CompletableFuture.failedFuture(new IOException("first attempt fails"));
			}
			return CompletableFuture.completedFuture(currentUser());
		}

		public int attempts() {
			return this.attempts.get();
		}

		public @Nullable Thread lastThread() {
			return this.lastThread;
		}

		private String currentUser() {
			this.lastThread = Thread.currentThread();
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null) ? authentication.getName() : "nobody";
		}

	}

}

package dev.resilience.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.resilience.core.ConfigSource;
import dev.resilience.core.DelayScheduler;
import dev.resilience.core.Faults;
import dev.resilience.core.ManualClock;
import dev.resilience.core.ManualScheduler;
import dev.resilience.core.ResilienceRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of the {@code WebClient} guard run on: a loopback server, a registry on a manual
 * clock whose delays wait on a manual scheduler until the test lets the next one pass, and guarded
 * clients of the server.
 */
final class WebClientGuardRig implements AutoCloseable {

	final ManualClock clock = new ManualClock();

	final ManualScheduler manual = new ManualScheduler(this.clock);

	/** Released each time the guard schedules a delay. */
	final Semaphore scheduled = new Semaphore(0);

	final ResilienceRegistry registry = new ResilienceRegistry(ConfigSource.builtIn(), this.clock, this.clock,
			Runnable::run, signalling());

	final LoopbackServer server = LoopbackServer.start();

	/** Waits until the guard has scheduled its next delay, then lets that delay pass. */
	void runNextDelay() throws InterruptedException {
		assertThat(this.scheduled.tryAcquire(10, TimeUnit.SECONDS)).as("a delay was scheduled").isTrue();
		List<Duration> delays = this.manual.delays();
		this.manual.advance(delays.get(delays.size() - 1));
	}

	/** Returns the instance name of the server's host, as the guard names it. */
	String host() {
		return "localhost:" + this.server.port();
	}

	/** Returns a client guarded by the policy. */
	WebClient client(HttpGuardPolicy policy) {
		return client(policy, null);
	}

	/** Returns a client guarded by the policy, with the faults given, if any. */
	WebClient client(HttpGuardPolicy policy, @Nullable Faults faults) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		return WebClient.builder()
			.clientConnector(new JdkClientHttpConnector(http))
			.filter(new ResilienceExchangeFilterFunction(this.registry, policy, faults))
			.build();
	}

	/** A GET of a path of the server, or of a full URL. */
	Mono<String> get(WebClient client, String uri) {
		return client.get().uri(url(uri)).retrieve().bodyToMono(String.class);
	}

	/** A POST to a path of the server, or to a full URL. */
	Mono<String> post(WebClient client, String uri, String body) {
		return client.post().uri(url(uri)).bodyValue(body).retrieve().bodyToMono(String.class);
	}

	/** Returns the failure a future ends with, within 10s. */
	static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
		try {
			future.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (TimeoutException ex) {
			throw new AssertionError("no outcome within 10s", ex);
		}
		throw new AssertionError("expected a failure");
	}

	@Override
	public void close() {
		this.server.close();
	}

	private String url(String uri) {
		return uri.startsWith("http") ? uri : this.server.url(uri);
	}

	private DelayScheduler signalling() {
		return (task, delayNanos) -> {
			DelayScheduler.Cancellable cancellable = this.manual.schedule(task, delayNanos);
			this.scheduled.release();
			return cancellable;
		};
	}

}

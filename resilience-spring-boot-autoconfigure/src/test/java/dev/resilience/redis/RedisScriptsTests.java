package dev.resilience.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link RedisScripts} against a real Redis server: a script loaded when registered
 * runs with one {@code EVALSHA} each time (one round trip), on the connection the factory shares
 * or on a dedicated one.
 */
class RedisScriptsTests {

	private static final byte[] KEY = "resilience:test:ratelimiter:orders".getBytes(StandardCharsets.UTF_8);

	private final EmbeddedRedis redis = EmbeddedRedis.start();

	@AfterEach
	void stopRedis() {
		this.redis.close();
	}

	@Test
	void scriptLoadedWhenRegisteredRunsWithOneEvalshaEach() throws RedisUnavailableException {
		try (RedisScripts scripts = new RedisScripts(this.redis.connect())) {
			scripts.load(RedisRollingWindow.AVAILABLE);
			resetStats();
			for (int i = 0; i < 5; i++) {
				assertThat(scripts.run(RedisRollingWindow.AVAILABLE, KEY, ascii(1), ascii(3), ascii(1_000_000))).isEqualTo(3);
			}
			assertThat(commandCalls("evalsha")).isEqualTo(5);
			assertThat(commandCalls("eval")).isZero();
		}
	}

	@Test
	void dedicatedConnectionOfAFactoryThatSharesNoneIsGivenBackOnClose() throws RedisUnavailableException {
		LettuceConnectionFactory factory = this.redis.connect();
		factory.setShareNativeConnection(false);
		int clients = clients();
		RedisScripts scripts = new RedisScripts(factory);
		scripts.load(RedisRollingWindow.AVAILABLE);
		assertThat(scripts.run(RedisRollingWindow.AVAILABLE, KEY, ascii(1), ascii(2), ascii(1_000_000))).isEqualTo(2);
		assertThat(clients()).isEqualTo(clients + 1);
		scripts.close();
		await().atMost(Duration.ofSeconds(2)).until(() -> clients() == clients);
	}

	@Test
	void closedScriptsFailAtOnce() {
		RedisScripts scripts = new RedisScripts(this.redis.connect());
		scripts.close();
		assertThatExceptionOfType(RedisUnavailableException.class)
			.isThrownBy(() -> scripts.run(RedisRollingWindow.AVAILABLE, KEY, ascii(1), ascii(2), ascii(1)));
	}

	@Test
	void timeoutMustBePositive() {
		LettuceConnectionFactory factory = this.redis.connect();
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisScripts(factory, Duration.ZERO))
			.withMessage("The Redis timeout must be positive, not PT0S");
	}

	private int clients() {
		return this.redis.admin()
			.execute((RedisCallback<Integer>) (connection) -> connection.serverCommands().getClientList().size());
	}

	private void resetStats() {
		this.redis.admin().execute((RedisCallback<Object>) (connection) -> {
			connection.serverCommands().resetConfigStats();
			return null;
		});
	}

	private long commandCalls(String command) {
		Properties stats = this.redis.admin()
			.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().info("commandstats"));
		String line = stats.getProperty("cmdstat_" + command);
		return (line != null) ? Long.parseLong(line.replaceAll("^calls=(\\d+),.*", "$1")) : 0;
	}

	private static byte[] ascii(long value) {
		return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
	}

}

package dev.resilience.redis;

import java.nio.charset.StandardCharsets;

import org.apache.commons.logging.Log;

/**
 * Deletes the key under which an instance keeps its state in Redis, when the instance is reset,
 * so that every instance sharing the key starts from nothing.
 *
 * <p>Stateless and thread-safe.
 */
final class SharedStateKey {

	static final LuaScript DELETE = LuaScript.of("delete-key.lua");

	private SharedStateKey() {
	}

	/**
	 * Deletes the key, waiting at most the scripts' timeout. When Redis does not answer, the key
	 * is left to expire by itself, and a warning says so.
	 * @param scripts runs the deletion
	 * @param key the key
	 * @param instance what was reset, such as {@code Rate limiter 'orders'}, for the warning
	 * @param logger the owner's log
	 */
	static void delete(RedisScripts scripts, byte[] key, String instance, Log logger) {
		try {
			scripts.run(DELETE, key);
		}
		catch (RedisUnavailableException ex) {
			logger.warn(instance + " was reset here, but Redis did not delete its shared state under '"
					+ new String(key, StandardCharsets.UTF_8) + "' (" + ex.getMessage()
					+ "): the other instances keep it until it expires");
		}
	}

}

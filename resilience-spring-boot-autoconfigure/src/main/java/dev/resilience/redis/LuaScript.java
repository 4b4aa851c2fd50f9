package dev.resilience.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script read once from the class path, with the SHA-1 digest that names it in Redis's
 * script cache ({@code EVALSHA}).
 *
 * <p>Immutable and thread-safe.
 */
final class LuaScript {

	private final String name;

	private final byte[] text;

	private final String sha1;

	private LuaScript(String name, byte[] text) {
		this.name = name;
		this.text = text;
		this.sha1 = sha1(text);
	}

	/**
	 * Reads a script that lies next to this class.
	 * @param name the file name, such as {@code rolling-window-reserve.lua}
	 * @return the script
	 * @throws UncheckedIOException if the file cannot be read
	 */
	static LuaScript of(String name) {
		try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new UncheckedIOException(new IOException("No Lua script " + name + " next to " + LuaScript.class));
			}
			return new LuaScript(name, in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Returns the file name, for messages. */
	String name() {
		return this.name;
	}

	/** Returns the script's text in UTF-8, as {@code SCRIPT LOAD} and {@code EVAL} take it. */
	byte[] text() {
		return this.text;
	}

	/** Returns the hex SHA-1 digest of the text, as {@code EVALSHA} takes it. */
	String sha1() {
		return this.sha1;
	}

	@Override
	public String toString() {
		return this.name;
	}

	private static String sha1(byte[] text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-1", ex);
		}
	}

}

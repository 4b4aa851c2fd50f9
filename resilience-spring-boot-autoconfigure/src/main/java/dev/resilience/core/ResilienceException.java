package dev.resilience.core;

/**
 * Base of the exceptions the policies themselves throw, as opposed to the failures of the guarded
 * work, which always reach the caller as they were.
 *
 * @since 0.1.0
 */
public abstract class ResilienceException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String name;

	protected ResilienceException(String name, String message) {
		super(message);
		this.name = name;
	}

	/**
	 * Returns the name of the instance that threw this exception.
	 * @return the instance name
	 */
	public String getName() {
		return this.name;
	}

}

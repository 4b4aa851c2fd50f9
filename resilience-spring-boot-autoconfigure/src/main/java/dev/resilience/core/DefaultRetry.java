package dev.resilience.core;

// STUB: replaced by the real implementation.
class DefaultRetry implements Retry {

	DefaultRetry(String name, RetryConfig config, Clock clock, Sleeper sleeper, ResilienceListener listener) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	public String name() { throw new UnsupportedOperationException(); }
	public RetryConfig config() { throw new UnsupportedOperationException(); }
	public <T> T execute(CheckedSupplier<T> call) { throw new UnsupportedOperationException(); }
	public Metrics metrics() { throw new UnsupportedOperationException(); }

}

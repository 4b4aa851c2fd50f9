package dev.resilience.core;

// STUB: replaced by the real implementation.
class DefaultTimeLimiter implements TimeLimiter {

	DefaultTimeLimiter(String name, TimeLimiterConfig config, java.util.concurrent.Executor executor, ResilienceListener listener) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	public String name() { throw new UnsupportedOperationException(); }
	public TimeLimiterConfig config() { throw new UnsupportedOperationException(); }
	public <T> T execute(CheckedSupplier<T> call) { throw new UnsupportedOperationException(); }
	public Metrics metrics() { throw new UnsupportedOperationException(); }

}

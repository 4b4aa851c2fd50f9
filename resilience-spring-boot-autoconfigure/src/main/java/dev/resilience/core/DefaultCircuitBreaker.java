package dev.resilience.core;

// STUB: replaced by the real implementation.
class DefaultCircuitBreaker implements CircuitBreaker {

	DefaultCircuitBreaker(String name, CircuitBreakerConfig config, Clock clock, ResilienceListener listener) {
		throw new UnsupportedOperationException("not implemented yet");
	}

	public String name() { throw new UnsupportedOperationException(); }
	public CircuitBreakerConfig config() { throw new UnsupportedOperationException(); }
	public State state() { throw new UnsupportedOperationException(); }
	public Permit acquirePermit() { throw new UnsupportedOperationException(); }
	public Permit tryAcquirePermit() { throw new UnsupportedOperationException(); }
	public <T> T execute(CheckedSupplier<T> call) { throw new UnsupportedOperationException(); }
	public void transitionTo(State state) { throw new UnsupportedOperationException(); }
	public Metrics metrics() { throw new UnsupportedOperationException(); }

}

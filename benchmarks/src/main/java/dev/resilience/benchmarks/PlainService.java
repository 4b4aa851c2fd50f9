package dev.resilience.benchmarks;

/**
 * The guarded work of every benchmark: returns its argument, so that the time measured is the
 * cost of the call and its protection, not of the work.
 */
public class PlainService {

	public String call(String input) {
		return input;
	}

}

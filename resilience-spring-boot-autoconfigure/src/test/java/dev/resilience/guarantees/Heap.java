package dev.resilience.guarantees;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures the heap in use after full garbage collections, for tests that prove that memory
 * stays bounded. A measurement is the smallest of several readings, each after a requested
 * collection, so that garbage a collection missed does not count.
 */
final class Heap {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private static final int READINGS = 5;

	private Heap() {
	}

	/**
	 * Returns the bytes in use on the heap after collecting garbage.
	 * @return the bytes in use
	 */
	static long usedAfterGc() {
		long smallest = Long.MAX_VALUE;
		for (int i = 0; i < READINGS; i++) {
			System.gc();
			smallest = Math.min(smallest, MEMORY.getHeapMemoryUsage().getUsed());
		}
		return smallest;
	}

}

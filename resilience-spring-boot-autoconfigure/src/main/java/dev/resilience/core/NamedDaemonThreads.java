package dev.resilience.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates daemon threads named with a prefix and a counter ({@code resilience-scheduler-1}), so
 * that the starter's threads never keep a JVM alive and are easy to spot in a thread dump.
 *
 * <p>Thread-safe.
 */
final class NamedDaemonThreads implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger count = new AtomicInteger();

	NamedDaemonThreads(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + this.count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}

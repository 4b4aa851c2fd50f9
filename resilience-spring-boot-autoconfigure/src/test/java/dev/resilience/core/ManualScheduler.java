package dev.resilience.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A scheduler that runs nothing until told to: {@link #advance} moves a {@link ManualClock} and
 * runs, on the calling thread, every task that falls due on the way, in order. Records the delay
 * of every task scheduled, so that tests can assert the delays chosen without any thread sleeping.
 */
public final class ManualScheduler implements DelayScheduler {

	private final ManualClock clock;

	private final PriorityQueue<Task> tasks = new PriorityQueue<>();

	private final List<Long> delays = new ArrayList<>();

	private long sequence;

	public ManualScheduler(ManualClock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Cancellable schedule(Runnable task, long delayNanos) {
		this.delays.add(delayNanos);
		Task scheduled = new Task(this.clock.nanoTime() + Math.max(0, delayNanos), this.sequence++, task);
		this.tasks.add(scheduled);
		return () -> cancel(scheduled);
	}

	/**
	 * Moves the clock forward, running each task that falls due on the way when its time comes,
	 * also tasks scheduled by the tasks run.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		long target = this.clock.nanoTime() + duration.toNanos();
		for (Task next = pollDue(target); next != null; next = pollDue(target)) {
			this.clock.advance(Duration.ofNanos(next.due - this.clock.nanoTime()));
			next.task.run();
		}
		this.clock.advance(Duration.ofNanos(target - this.clock.nanoTime()));
	}

	/**
	 * Returns the delays of the tasks scheduled so far, in order, as durations.
	 * @return the delays
	 */
	public synchronized List<Duration> delays() {
		return this.delays.stream().map(Duration::ofNanos).toList();
	}

	/**
	 * Returns the tasks waiting to run.
	 * @return the number of tasks scheduled and neither run nor cancelled
	 */
	public synchronized int pending() {
		return this.tasks.size();
	}

	private synchronized Task pollDue(long target) {
		Task next = this.tasks.peek();
		return (next != null && next.due <= target) ? this.tasks.poll() : null;
	}

	private synchronized void cancel(Task task) {
		this.tasks.remove(task);
	}

	private record Task(long due, long sequence, Runnable task) implements Comparable<Task> {

		@Override
		public int compareTo(Task other) {
			int byDue = Long.compare(this.due, other.due);
			return (byDue != 0) ? byDue : Long.compare(this.sequence, other.sequence);
		}

	}

}

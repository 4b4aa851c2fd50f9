package dev.resilience.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.jspecify.annotations.Nullable;

/**
 * The idle workers of a {@link HandOffThreadPool}: a lock-free stack (Treiber's), so that work
 * goes to the worker that idled the shortest time, the one most likely still spinning, and the
 * workers idle longest sit at the bottom until they retire.
 *
 * <p>Each {@link #push} links a new node and a node's link never changes once it is on the stack:
 * a compare-and-set of the top that succeeds therefore always sees the stack it read, with no ABA
 * problem even though the same worker is pushed again and again. A worker is on the stack at most
 * once: it pushes itself only when it becomes idle, after it was taken off.
 *
 * <p>Thread-safe and lock-free.
 *
 * @param <W> the type of the workers
 */
final class IdleWorkers<W> {

	/** How often {@link #remove} tries again when the stack changed under it. */
	private static final int REMOVE_ATTEMPTS = 8;

	private static final VarHandle TOP;

	static {
		try {
			TOP = MethodHandles.lookup().findVarHandle(IdleWorkers.class, "top", Node.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private volatile @Nullable Node<W> top;

	/**
	 * Puts an idle worker on top.
	 * @param worker a worker that is not on the stack
	 */
	void push(W worker) {
		Node<W> node = new Node<>(worker);
		Node<W> current;
		do {
			current = this.top;
			node.next = current;
		}
		while (!TOP.compareAndSet(this, current, node));
	}

	/**
	 * Takes the worker that was pushed last off the stack.
	 * @return the worker, or {@code null} if the stack is empty
	 */
	@Nullable W pop() {
		Node<W> current;
		do {
			current = this.top;
			if (current == null) {
				return null;
			}
		}
		while (!TOP.compareAndSet(this, current, current.next));
		return current.worker;
	}

	/**
	 * Takes the given worker off the stack wherever it is, for a worker that retires: the nodes
	 * above it are replaced by copies that link past it. Gives up after a few attempts when the
	 * stack keeps changing; the worker then stays until a {@link #pop()} takes it, which is why a
	 * retiring worker first makes sure no work can be handed to it any more.
	 * @param worker the worker
	 * @return whether the worker was on the stack and was taken off it
	 */
	boolean remove(W worker) {
		for (int attempt = 0; attempt < REMOVE_ATTEMPTS; attempt++) {
			Node<W> current = this.top;
			int above = 0;
			Node<W> node = current;
			while (node != null && node.worker != worker) {
				node = node.next;
				above++;
			}
			if (node == null) {
				return false;
			}
			Node<W> replacement = node.next;
			if (above > 0) {
				@SuppressWarnings("unchecked")
				Node<W>[] prefix = new Node[above];
				Node<W> copied = current;
				for (int i = 0; i < above; i++) {
					prefix[i] = copied;
					copied = copied.next;
				}
				for (int i = above - 1; i >= 0; i--) {
					Node<W> copy = new Node<>(prefix[i].worker);
					copy.next = replacement;
					replacement = copy;
				}
			}
			if (TOP.compareAndSet(this, current, replacement)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Counts the workers on the stack; for tests and diagnostics, not exact while it changes.
	 * @return the number of workers
	 */
	int size() {
		int size = 0;
		for (Node<W> node = this.top; node != null; node = node.next) {
			size++;
		}
		return size;
	}

	/**
	 * An entry of the stack: written before the compare-and-set that puts it on top, which
	 * publishes it, and never changed after.
	 */
	private static final class Node<W> {

		final W worker;

		@Nullable Node<W> next;

		Node(W worker) {
			this.worker = worker;
		}

	}

}

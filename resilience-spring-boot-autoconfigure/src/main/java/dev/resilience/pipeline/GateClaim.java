package dev.resilience.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Decides, once, between the work that waits for a gate and the caller who gives the wait up:
 * whoever claims first wins. When the caller wins, the gate is cancelled, and a value it yields
 * all the same goes to whoever takes abandoned values.
 *
 * @param <T> the type of the gate's value
 * @since 0.2.0
 */
public final class GateClaim<T> extends AtomicBoolean {

	private static final long serialVersionUID = 1L;

	private final transient CompletableFuture<T> gate;

	private final transient Consumer<? super T> abandoned;

	/**
	 * Creates the claim of one wait.
	 * @param gate completes when the work may start
	 * @param abandoned takes a value the work never received
	 */
	public GateClaim(CompletableFuture<T> gate, Consumer<? super T> abandoned) {
		this.gate = gate;
		this.abandoned = abandoned;
	}

	/**
	 * Claims the gate's outcome for the work.
	 * @return true if the work may take it, false if the wait was given up
	 */
	public boolean claimForWork() {
		return compareAndSet(false, true);
	}

	/** Gives the wait up, unless the work has claimed the gate's outcome already. */
	public void giveUp() {
		if (!compareAndSet(false, true)) {
			return;
		}
		if (!this.gate.cancel(false) && !this.gate.isCompletedExceptionally()) {
			this.abandoned.accept(this.gate.join());
		}
	}

}

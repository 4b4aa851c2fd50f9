package dev.resilience.core;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * What the asynchronous policies do alike with a {@link CompletionStage} they did not create:
 * cancel it, and read the failure it completed with.
 *
 * <p>Thread-safe: stateless.
 *
 * @since 0.1.0
 */
public final class CompletionStages {

	private CompletionStages() {
	}

	/**
	 * Cancels a stage, interrupting its work where it is a {@link Future} that can; a stage that
	 * cannot be cancelled runs on, and its result is discarded.
	 * @param stage the stage
	 */
	public static void cancel(CompletionStage<?> stage) {
		if (stage instanceof Future<?> future) {
			future.cancel(true);
			return;
		}
		try {
			stage.toCompletableFuture().cancel(true);
		}
		catch (UnsupportedOperationException ex) {
			// a stage that cannot be cancelled runs on; its result is discarded
		}
	}

	/**
	 * Returns the failure a stage completed with, without the {@link CompletionException} that
	 * dependent stages wrap it in.
	 * @param failure the failure
	 * @return its cause when it is a {@code CompletionException} with one, else the failure
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable cause = failure.getCause();
		return (failure instanceof CompletionException && cause != null) ? cause : failure;
	}

}

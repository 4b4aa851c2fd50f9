package dev.resilience.cloud;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.resilience.core.CheckedSupplier;
import dev.resilience.pipeline.Attempts;
import dev.resilience.pipeline.FallbackHandler;

/**
 * One call handed to a Spring Cloud circuit breaker: the work (a supplier's value, or the publisher
 * to subscribe to) and the fallback function given with it. The stages see it through
 * {@link #ATTEMPTS} and {@link #FALLBACK}. A publisher is the same call at each subscription, so a
 * call is its own copy.
 *
 * @param work runs the call, or returns the publisher that does
 * @param fallback answers any failure of the call, or {@code null} for none
 */
record CloudCall(CheckedSupplier<?> work, @Nullable Function<Throwable, ?> fallback) {

	static final Attempts<CloudCall> ATTEMPTS = new Attempts<>() {

		@Override
		public @Nullable Object proceed(CloudCall call) throws Throwable {
			return call.work().get();
		}

		@Override
		public CloudCall copy(CloudCall call) {
			return call;
		}

	};

	static final FallbackHandler<CloudCall> FALLBACK = new FallbackHandler<>() {

		@Override
		public boolean appliesTo(Throwable failure) {
			return true;
		}

		@Override
		public @Nullable Object apply(CloudCall call, Throwable failure) {
			Function<Throwable, ?> fallback = call.fallback();
			if (fallback == null) {
				throw new IllegalStateException("A call without a fallback reached the fallback stage");
			}
			return fallback.apply(failure);
		}

	};

}

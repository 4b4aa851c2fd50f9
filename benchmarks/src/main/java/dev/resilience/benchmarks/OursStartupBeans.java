package dev.resilience.benchmarks;

import dev.resilience.annotation.CircuitGuarded;
import dev.resilience.annotation.Retryable;

/**
 * 200 methods for the start-up benchmark: 20 classes of 10 methods, each method with
 * {@code @Retryable @CircuitGuarded} and so its own retry and circuit breaker (named
 * {@code B07.m3} by default). Written out so that nothing is shared between beans.
 */
final class OursStartupBeans {

	static final Class<?>[] BEANS = {
			B00.class, B01.class, B02.class, B03.class, B04.class,
			B05.class, B06.class, B07.class, B08.class, B09.class,
			B10.class, B11.class, B12.class, B13.class, B14.class,
			B15.class, B16.class, B17.class, B18.class, B19.class };

	private OursStartupBeans() {
	}

	public static class B00 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B01 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B02 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B03 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B04 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B05 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B06 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B07 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B08 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B09 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B10 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B11 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B12 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B13 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B14 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B15 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B16 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B17 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B18 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

	public static class B19 {

		@Retryable @CircuitGuarded public String m0(String s) { return s; }
		@Retryable @CircuitGuarded public String m1(String s) { return s; }
		@Retryable @CircuitGuarded public String m2(String s) { return s; }
		@Retryable @CircuitGuarded public String m3(String s) { return s; }
		@Retryable @CircuitGuarded public String m4(String s) { return s; }
		@Retryable @CircuitGuarded public String m5(String s) { return s; }
		@Retryable @CircuitGuarded public String m6(String s) { return s; }
		@Retryable @CircuitGuarded public String m7(String s) { return s; }
		@Retryable @CircuitGuarded public String m8(String s) { return s; }
		@Retryable @CircuitGuarded public String m9(String s) { return s; }

	}

}

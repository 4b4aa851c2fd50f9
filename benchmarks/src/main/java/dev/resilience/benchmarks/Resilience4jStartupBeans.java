package dev.resilience.benchmarks;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;

/**
 * The same 200 methods as {@link OursStartupBeans} with Resilience4j's {@code @Retry
 * @CircuitBreaker}, each with its own instance names (Resilience4j requires a name).
 */
final class Resilience4jStartupBeans {

	static final Class<?>[] BEANS = {
			B00.class, B01.class, B02.class, B03.class, B04.class,
			B05.class, B06.class, B07.class, B08.class, B09.class,
			B10.class, B11.class, B12.class, B13.class, B14.class,
			B15.class, B16.class, B17.class, B18.class, B19.class };

	private Resilience4jStartupBeans() {
	}

	public static class B00 {

		@Retry(name = "B00.m0") @CircuitBreaker(name = "B00.m0") public String m0(String s) { return s; }
		@Retry(name = "B00.m1") @CircuitBreaker(name = "B00.m1") public String m1(String s) { return s; }
		@Retry(name = "B00.m2") @CircuitBreaker(name = "B00.m2") public String m2(String s) { return s; }
		@Retry(name = "B00.m3") @CircuitBreaker(name = "B00.m3") public String m3(String s) { return s; }
		@Retry(name = "B00.m4") @CircuitBreaker(name = "B00.m4") public String m4(String s) { return s; }
		@Retry(name = "B00.m5") @CircuitBreaker(name = "B00.m5") public String m5(String s) { return s; }
		@Retry(name = "B00.m6") @CircuitBreaker(name = "B00.m6") public String m6(String s) { return s; }
		@Retry(name = "B00.m7") @CircuitBreaker(name = "B00.m7") public String m7(String s) { return s; }
		@Retry(name = "B00.m8") @CircuitBreaker(name = "B00.m8") public String m8(String s) { return s; }
		@Retry(name = "B00.m9") @CircuitBreaker(name = "B00.m9") public String m9(String s) { return s; }

	}

	public static class B01 {

		@Retry(name = "B01.m0") @CircuitBreaker(name = "B01.m0") public String m0(String s) { return s; }
		@Retry(name = "B01.m1") @CircuitBreaker(name = "B01.m1") public String m1(String s) { return s; }
		@Retry(name = "B01.m2") @CircuitBreaker(name = "B01.m2") public String m2(String s) { return s; }
		@Retry(name = "B01.m3") @CircuitBreaker(name = "B01.m3") public String m3(String s) { return s; }
		@Retry(name = "B01.m4") @CircuitBreaker(name = "B01.m4") public String m4(String s) { return s; }
		@Retry(name = "B01.m5") @CircuitBreaker(name = "B01.m5") public String m5(String s) { return s; }
		@Retry(name = "B01.m6") @CircuitBreaker(name = "B01.m6") public String m6(String s) { return s; }
		@Retry(name = "B01.m7") @CircuitBreaker(name = "B01.m7") public String m7(String s) { return s; }
		@Retry(name = "B01.m8") @CircuitBreaker(name = "B01.m8") public String m8(String s) { return s; }
		@Retry(name = "B01.m9") @CircuitBreaker(name = "B01.m9") public String m9(String s) { return s; }

	}

	public static class B02 {

		@Retry(name = "B02.m0") @CircuitBreaker(name = "B02.m0") public String m0(String s) { return s; }
		@Retry(name = "B02.m1") @CircuitBreaker(name = "B02.m1") public String m1(String s) { return s; }
		@Retry(name = "B02.m2") @CircuitBreaker(name = "B02.m2") public String m2(String s) { return s; }
		@Retry(name = "B02.m3") @CircuitBreaker(name = "B02.m3") public String m3(String s) { return s; }
		@Retry(name = "B02.m4") @CircuitBreaker(name = "B02.m4") public String m4(String s) { return s; }
		@Retry(name = "B02.m5") @CircuitBreaker(name = "B02.m5") public String m5(String s) { return s; }
		@Retry(name = "B02.m6") @CircuitBreaker(name = "B02.m6") public String m6(String s) { return s; }
		@Retry(name = "B02.m7") @CircuitBreaker(name = "B02.m7") public String m7(String s) { return s; }
		@Retry(name = "B02.m8") @CircuitBreaker(name = "B02.m8") public String m8(String s) { return s; }
		@Retry(name = "B02.m9") @CircuitBreaker(name = "B02.m9") public String m9(String s) { return s; }

	}

	public static class B03 {

		@Retry(name = "B03.m0") @CircuitBreaker(name = "B03.m0") public String m0(String s) { return s; }
		@Retry(name = "B03.m1") @CircuitBreaker(name = "B03.m1") public String m1(String s) { return s; }
		@Retry(name = "B03.m2") @CircuitBreaker(name = "B03.m2") public String m2(String s) { return s; }
		@Retry(name = "B03.m3") @CircuitBreaker(name = "B03.m3") public String m3(String s) { return s; }
		@Retry(name = "B03.m4") @CircuitBreaker(name = "B03.m4") public String m4(String s) { return s; }
		@Retry(name = "B03.m5") @CircuitBreaker(name = "B03.m5") public String m5(String s) { return s; }
		@Retry(name = "B03.m6") @CircuitBreaker(name = "B03.m6") public String m6(String s) { return s; }
		@Retry(name = "B03.m7") @CircuitBreaker(name = "B03.m7") public String m7(String s) { return s; }
		@Retry(name = "B03.m8") @CircuitBreaker(name = "B03.m8") public String m8(String s) { return s; }
		@Retry(name = "B03.m9") @CircuitBreaker(name = "B03.m9") public String m9(String s) { return s; }

	}

	public static class B04 {

		@Retry(name = "B04.m0") @CircuitBreaker(name = "B04.m0") public String m0(String s) { return s; }
		@Retry(name = "B04.m1") @CircuitBreaker(name = "B04.m1") public String m1(String s) { return s; }
		@Retry(name = "B04.m2") @CircuitBreaker(name = "B04.m2") public String m2(String s) { return s; }
		@Retry(name = "B04.m3") @CircuitBreaker(name = "B04.m3") public String m3(String s) { return s; }
		@Retry(name = "B04.m4") @CircuitBreaker(name = "B04.m4") public String m4(String s) { return s; }
		@Retry(name = "B04.m5") @CircuitBreaker(name = "B04.m5") public String m5(String s) { return s; }
		@Retry(name = "B04.m6") @CircuitBreaker(name = "B04.m6") public String m6(String s) { return s; }
		@Retry(name = "B04.m7") @CircuitBreaker(name = "B04.m7") public String m7(String s) { return s; }
		@Retry(name = "B04.m8") @CircuitBreaker(name = "B04.m8") public String m8(String s) { return s; }
		@Retry(name = "B04.m9") @CircuitBreaker(name = "B04.m9") public String m9(String s) { return s; }

	}

	public static class B05 {

		@Retry(name = "B05.m0") @CircuitBreaker(name = "B05.m0") public String m0(String s) { return s; }
		@Retry(name = "B05.m1") @CircuitBreaker(name = "B05.m1") public String m1(String s) { return s; }
		@Retry(name = "B05.m2") @CircuitBreaker(name = "B05.m2") public String m2(String s) { return s; }
		@Retry(name = "B05.m3") @CircuitBreaker(name = "B05.m3") public String m3(String s) { return s; }
		@Retry(name = "B05.m4") @CircuitBreaker(name = "B05.m4") public String m4(String s) { return s; }
		@Retry(name = "B05.m5") @CircuitBreaker(name = "B05.m5") public String m5(String s) { return s; }
		@Retry(name = "B05.m6") @CircuitBreaker(name = "B05.m6") public String m6(String s) { return s; }
		@Retry(name = "B05.m7") @CircuitBreaker(name = "B05.m7") public String m7(String s) { return s; }
		@Retry(name = "B05.m8") @CircuitBreaker(name = "B05.m8") public String m8(String s) { return s; }
		@Retry(name = "B05.m9") @CircuitBreaker(name = "B05.m9") public String m9(String s) { return s; }

	}

	public static class B06 {

		@Retry(name = "B06.m0") @CircuitBreaker(name = "B06.m0") public String m0(String s) { return s; }
		@Retry(name = "B06.m1") @CircuitBreaker(name = "B06.m1") public String m1(String s) { return s; }
		@Retry(name = "B06.m2") @CircuitBreaker(name = "B06.m2") public String m2(String s) { return s; }
		@Retry(name = "B06.m3") @CircuitBreaker(name = "B06.m3") public String m3(String s) { return s; }
		@Retry(name = "B06.m4") @CircuitBreaker(name = "B06.m4") public String m4(String s) { return s; }
		@Retry(name = "B06.m5") @CircuitBreaker(name = "B06.m5") public String m5(String s) { return s; }
		@Retry(name = "B06.m6") @CircuitBreaker(name = "B06.m6") public String m6(String s) { return s; }
		@Retry(name = "B06.m7") @CircuitBreaker(name = "B06.m7") public String m7(String s) { return s; }
		@Retry(name = "B06.m8") @CircuitBreaker(name = "B06.m8") public String m8(String s) { return s; }
		@Retry(name = "B06.m9") @CircuitBreaker(name = "B06.m9") public String m9(String s) { return s; }

	}

	public static class B07 {

		@Retry(name = "B07.m0") @CircuitBreaker(name = "B07.m0") public String m0(String s) { return s; }
		@Retry(name = "B07.m1") @CircuitBreaker(name = "B07.m1") public String m1(String s) { return s; }
		@Retry(name = "B07.m2") @CircuitBreaker(name = "B07.m2") public String m2(String s) { return s; }
		@Retry(name = "B07.m3") @CircuitBreaker(name = "B07.m3") public String m3(String s) { return s; }
		@Retry(name = "B07.m4") @CircuitBreaker(name = "B07.m4") public String m4(String s) { return s; }
		@Retry(name = "B07.m5") @CircuitBreaker(name = "B07.m5") public String m5(String s) { return s; }
		@Retry(name = "B07.m6") @CircuitBreaker(name = "B07.m6") public String m6(String s) { return s; }
		@Retry(name = "B07.m7") @CircuitBreaker(name = "B07.m7") public String m7(String s) { return s; }
		@Retry(name = "B07.m8") @CircuitBreaker(name = "B07.m8") public String m8(String s) { return s; }
		@Retry(name = "B07.m9") @CircuitBreaker(name = "B07.m9") public String m9(String s) { return s; }

	}

	public static class B08 {

		@Retry(name = "B08.m0") @CircuitBreaker(name = "B08.m0") public String m0(String s) { return s; }
		@Retry(name = "B08.m1") @CircuitBreaker(name = "B08.m1") public String m1(String s) { return s; }
		@Retry(name = "B08.m2") @CircuitBreaker(name = "B08.m2") public String m2(String s) { return s; }
		@Retry(name = "B08.m3") @CircuitBreaker(name = "B08.m3") public String m3(String s) { return s; }
		@Retry(name = "B08.m4") @CircuitBreaker(name = "B08.m4") public String m4(String s) { return s; }
		@Retry(name = "B08.m5") @CircuitBreaker(name = "B08.m5") public String m5(String s) { return s; }
		@Retry(name = "B08.m6") @CircuitBreaker(name = "B08.m6") public String m6(String s) { return s; }
		@Retry(name = "B08.m7") @CircuitBreaker(name = "B08.m7") public String m7(String s) { return s; }
		@Retry(name = "B08.m8") @CircuitBreaker(name = "B08.m8") public String m8(String s) { return s; }
		@Retry(name = "B08.m9") @CircuitBreaker(name = "B08.m9") public String m9(String s) { return s; }

	}

	public static class B09 {

		@Retry(name = "B09.m0") @CircuitBreaker(name = "B09.m0") public String m0(String s) { return s; }
		@Retry(name = "B09.m1") @CircuitBreaker(name = "B09.m1") public String m1(String s) { return s; }
		@Retry(name = "B09.m2") @CircuitBreaker(name = "B09.m2") public String m2(String s) { return s; }
		@Retry(name = "B09.m3") @CircuitBreaker(name = "B09.m3") public String m3(String s) { return s; }
		@Retry(name = "B09.m4") @CircuitBreaker(name = "B09.m4") public String m4(String s) { return s; }
		@Retry(name = "B09.m5") @CircuitBreaker(name = "B09.m5") public String m5(String s) { return s; }
		@Retry(name = "B09.m6") @CircuitBreaker(name = "B09.m6") public String m6(String s) { return s; }
		@Retry(name = "B09.m7") @CircuitBreaker(name = "B09.m7") public String m7(String s) { return s; }
		@Retry(name = "B09.m8") @CircuitBreaker(name = "B09.m8") public String m8(String s) { return s; }
		@Retry(name = "B09.m9") @CircuitBreaker(name = "B09.m9") public String m9(String s) { return s; }

	}

	public static class B10 {

		@Retry(name = "B10.m0") @CircuitBreaker(name = "B10.m0") public String m0(String s) { return s; }
		@Retry(name = "B10.m1") @CircuitBreaker(name = "B10.m1") public String m1(String s) { return s; }
		@Retry(name = "B10.m2") @CircuitBreaker(name = "B10.m2") public String m2(String s) { return s; }
		@Retry(name = "B10.m3") @CircuitBreaker(name = "B10.m3") public String m3(String s) { return s; }
		@Retry(name = "B10.m4") @CircuitBreaker(name = "B10.m4") public String m4(String s) { return s; }
		@Retry(name = "B10.m5") @CircuitBreaker(name = "B10.m5") public String m5(String s) { return s; }
		@Retry(name = "B10.m6") @CircuitBreaker(name = "B10.m6") public String m6(String s) { return s; }
		@Retry(name = "B10.m7") @CircuitBreaker(name = "B10.m7") public String m7(String s) { return s; }
		@Retry(name = "B10.m8") @CircuitBreaker(name = "B10.m8") public String m8(String s) { return s; }
		@Retry(name = "B10.m9") @CircuitBreaker(name = "B10.m9") public String m9(String s) { return s; }

	}

	public static class B11 {

		@Retry(name = "B11.m0") @CircuitBreaker(name = "B11.m0") public String m0(String s) { return s; }
		@Retry(name = "B11.m1") @CircuitBreaker(name = "B11.m1") public String m1(String s) { return s; }
		@Retry(name = "B11.m2") @CircuitBreaker(name = "B11.m2") public String m2(String s) { return s; }
		@Retry(name = "B11.m3") @CircuitBreaker(name = "B11.m3") public String m3(String s) { return s; }
		@Retry(name = "B11.m4") @CircuitBreaker(name = "B11.m4") public String m4(String s) { return s; }
		@Retry(name = "B11.m5") @CircuitBreaker(name = "B11.m5") public String m5(String s) { return s; }
		@Retry(name = "B11.m6") @CircuitBreaker(name = "B11.m6") public String m6(String s) { return s; }
		@Retry(name = "B11.m7") @CircuitBreaker(name = "B11.m7") public String m7(String s) { return s; }
		@Retry(name = "B11.m8") @CircuitBreaker(name = "B11.m8") public String m8(String s) { return s; }
		@Retry(name = "B11.m9") @CircuitBreaker(name = "B11.m9") public String m9(String s) { return s; }

	}

	public static class B12 {

		@Retry(name = "B12.m0") @CircuitBreaker(name = "B12.m0") public String m0(String s) { return s; }
		@Retry(name = "B12.m1") @CircuitBreaker(name = "B12.m1") public String m1(String s) { return s; }
		@Retry(name = "B12.m2") @CircuitBreaker(name = "B12.m2") public String m2(String s) { return s; }
		@Retry(name = "B12.m3") @CircuitBreaker(name = "B12.m3") public String m3(String s) { return s; }
		@Retry(name = "B12.m4") @CircuitBreaker(name = "B12.m4") public String m4(String s) { return s; }
		@Retry(name = "B12.m5") @CircuitBreaker(name = "B12.m5") public String m5(String s) { return s; }
		@Retry(name = "B12.m6") @CircuitBreaker(name = "B12.m6") public String m6(String s) { return s; }
		@Retry(name = "B12.m7") @CircuitBreaker(name = "B12.m7") public String m7(String s) { return s; }
		@Retry(name = "B12.m8") @CircuitBreaker(name = "B12.m8") public String m8(String s) { return s; }
		@Retry(name = "B12.m9") @CircuitBreaker(name = "B12.m9") public String m9(String s) { return s; }

	}

	public static class B13 {

		@Retry(name = "B13.m0") @CircuitBreaker(name = "B13.m0") public String m0(String s) { return s; }
		@Retry(name = "B13.m1") @CircuitBreaker(name = "B13.m1") public String m1(String s) { return s; }
		@Retry(name = "B13.m2") @CircuitBreaker(name = "B13.m2") public String m2(String s) { return s; }
		@Retry(name = "B13.m3") @CircuitBreaker(name = "B13.m3") public String m3(String s) { return s; }
		@Retry(name = "B13.m4") @CircuitBreaker(name = "B13.m4") public String m4(String s) { return s; }
		@Retry(name = "B13.m5") @CircuitBreaker(name = "B13.m5") public String m5(String s) { return s; }
		@Retry(name = "B13.m6") @CircuitBreaker(name = "B13.m6") public String m6(String s) { return s; }
		@Retry(name = "B13.m7") @CircuitBreaker(name = "B13.m7") public String m7(String s) { return s; }
		@Retry(name = "B13.m8") @CircuitBreaker(name = "B13.m8") public String m8(String s) { return s; }
		@Retry(name = "B13.m9") @CircuitBreaker(name = "B13.m9") public String m9(String s) { return s; }

	}

	public static class B14 {

		@Retry(name = "B14.m0") @CircuitBreaker(name = "B14.m0") public String m0(String s) { return s; }
		@Retry(name = "B14.m1") @CircuitBreaker(name = "B14.m1") public String m1(String s) { return s; }
		@Retry(name = "B14.m2") @CircuitBreaker(name = "B14.m2") public String m2(String s) { return s; }
		@Retry(name = "B14.m3") @CircuitBreaker(name = "B14.m3") public String m3(String s) { return s; }
		@Retry(name = "B14.m4") @CircuitBreaker(name = "B14.m4") public String m4(String s) { return s; }
		@Retry(name = "B14.m5") @CircuitBreaker(name = "B14.m5") public String m5(String s) { return s; }
		@Retry(name = "B14.m6") @CircuitBreaker(name = "B14.m6") public String m6(String s) { return s; }
		@Retry(name = "B14.m7") @CircuitBreaker(name = "B14.m7") public String m7(String s) { return s; }
		@Retry(name = "B14.m8") @CircuitBreaker(name = "B14.m8") public String m8(String s) { return s; }
		@Retry(name = "B14.m9") @CircuitBreaker(name = "B14.m9") public String m9(String s) { return s; }

	}

	public static class B15 {

		@Retry(name = "B15.m0") @CircuitBreaker(name = "B15.m0") public String m0(String s) { return s; }
		@Retry(name = "B15.m1") @CircuitBreaker(name = "B15.m1") public String m1(String s) { return s; }
		@Retry(name = "B15.m2") @CircuitBreaker(name = "B15.m2") public String m2(String s) { return s; }
		@Retry(name = "B15.m3") @CircuitBreaker(name = "B15.m3") public String m3(String s) { return s; }
		@Retry(name = "B15.m4") @CircuitBreaker(name = "B15.m4") public String m4(String s) { return s; }
		@Retry(name = "B15.m5") @CircuitBreaker(name = "B15.m5") public String m5(String s) { return s; }
		@Retry(name = "B15.m6") @CircuitBreaker(name = "B15.m6") public String m6(String s) { return s; }
		@Retry(name = "B15.m7") @CircuitBreaker(name = "B15.m7") public String m7(String s) { return s; }
		@Retry(name = "B15.m8") @CircuitBreaker(name = "B15.m8") public String m8(String s) { return s; }
		@Retry(name = "B15.m9") @CircuitBreaker(name = "B15.m9") public String m9(String s) { return s; }

	}

	public static class B16 {

		@Retry(name = "B16.m0") @CircuitBreaker(name = "B16.m0") public String m0(String s) { return s; }
		@Retry(name = "B16.m1") @CircuitBreaker(name = "B16.m1") public String m1(String s) { return s; }
		@Retry(name = "B16.m2") @CircuitBreaker(name = "B16.m2") public String m2(String s) { return s; }
		@Retry(name = "B16.m3") @CircuitBreaker(name = "B16.m3") public String m3(String s) { return s; }
		@Retry(name = "B16.m4") @CircuitBreaker(name = "B16.m4") public String m4(String s) { return s; }
		@Retry(name = "B16.m5") @CircuitBreaker(name = "B16.m5") public String m5(String s) { return s; }
		@Retry(name = "B16.m6") @CircuitBreaker(name = "B16.m6") public String m6(String s) { return s; }
		@Retry(name = "B16.m7") @CircuitBreaker(name = "B16.m7") public String m7(String s) { return s; }
		@Retry(name = "B16.m8") @CircuitBreaker(name = "B16.m8") public String m8(String s) { return s; }
		@Retry(name = "B16.m9") @CircuitBreaker(name = "B16.m9") public String m9(String s) { return s; }

	}

	public static class B17 {

		@Retry(name = "B17.m0") @CircuitBreaker(name = "B17.m0") public String m0(String s) { return s; }
		@Retry(name = "B17.m1") @CircuitBreaker(name = "B17.m1") public String m1(String s) { return s; }
		@Retry(name = "B17.m2") @CircuitBreaker(name = "B17.m2") public String m2(String s) { return s; }
		@Retry(name = "B17.m3") @CircuitBreaker(name = "B17.m3") public String m3(String s) { return s; }
		@Retry(name = "B17.m4") @CircuitBreaker(name = "B17.m4") public String m4(String s) { return s; }
		@Retry(name = "B17.m5") @CircuitBreaker(name = "B17.m5") public String m5(String s) { return s; }
		@Retry(name = "B17.m6") @CircuitBreaker(name = "B17.m6") public String m6(String s) { return s; }
		@Retry(name = "B17.m7") @CircuitBreaker(name = "B17.m7") public String m7(String s) { return s; }
		@Retry(name = "B17.m8") @CircuitBreaker(name = "B17.m8") public String m8(String s) { return s; }
		@Retry(name = "B17.m9") @CircuitBreaker(name = "B17.m9") public String m9(String s) { return s; }

	}

	public static class B18 {

		@Retry(name = "B18.m0") @CircuitBreaker(name = "B18.m0") public String m0(String s) { return s; }
		@Retry(name = "B18.m1") @CircuitBreaker(name = "B18.m1") public String m1(String s) { return s; }
		@Retry(name = "B18.m2") @CircuitBreaker(name = "B18.m2") public String m2(String s) { return s; }
		@Retry(name = "B18.m3") @CircuitBreaker(name = "B18.m3") public String m3(String s) { return s; }
		@Retry(name = "B18.m4") @CircuitBreaker(name = "B18.m4") public String m4(String s) { return s; }
		@Retry(name = "B18.m5") @CircuitBreaker(name = "B18.m5") public String m5(String s) { return s; }
		@Retry(name = "B18.m6") @CircuitBreaker(name = "B18.m6") public String m6(String s) { return s; }
		@Retry(name = "B18.m7") @CircuitBreaker(name = "B18.m7") public String m7(String s) { return s; }
		@Retry(name = "B18.m8") @CircuitBreaker(name = "B18.m8") public String m8(String s) { return s; }
		@Retry(name = "B18.m9") @CircuitBreaker(name = "B18.m9") public String m9(String s) { return s; }

	}

	public static class B19 {

		@Retry(name = "B19.m0") @CircuitBreaker(name = "B19.m0") public String m0(String s) { return s; }
		@Retry(name = "B19.m1") @CircuitBreaker(name = "B19.m1") public String m1(String s) { return s; }
		@Retry(name = "B19.m2") @CircuitBreaker(name = "B19.m2") public String m2(String s) { return s; }
		@Retry(name = "B19.m3") @CircuitBreaker(name = "B19.m3") public String m3(String s) { return s; }
		@Retry(name = "B19.m4") @CircuitBreaker(name = "B19.m4") public String m4(String s) { return s; }
		@Retry(name = "B19.m5") @CircuitBreaker(name = "B19.m5") public String m5(String s) { return s; }
		@Retry(name = "B19.m6") @CircuitBreaker(name = "B19.m6") public String m6(String s) { return s; }
		@Retry(name = "B19.m7") @CircuitBreaker(name = "B19.m7") public String m7(String s) { return s; }
		@Retry(name = "B19.m8") @CircuitBreaker(name = "B19.m8") public String m8(String s) { return s; }
		@Retry(name = "B19.m9") @CircuitBreaker(name = "B19.m9") public String m9(String s) { return s; }

	}

}

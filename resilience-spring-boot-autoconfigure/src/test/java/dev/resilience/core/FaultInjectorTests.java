package dev.resilience.core;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.resilience.core.ResilienceListener.Fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class FaultInjectorTests {

	private static final int CALLS = 10_000;

	private final List<String> injected = new CopyOnWriteArrayList<>();

	private final List<Long> sleeps = new CopyOnWriteArrayList<>();

	private final ResilienceListener events = new ResilienceListener() {

		@Override
		public void onFaultInjected(String name, Fault fault) {
			FaultInjectorTests.this.injected.add(name + " " + fault);
		}

	};

	@Test
	void ratesAreHonestOverManyCalls() {
		Faults faults = faults(new Random(42));
		FaultInjector injector = faults.set("recommendations", FaultConfig.builder()
			.latency(Duration.ofMillis(100))
			.latencyRate(0.1)
			.exception(IOException.class)
			.exceptionRate(0.2)
			.status(503)
			.statusRate(0.5)
			.build());

		int latencies = 0;
		int exceptions = 0;
		int statuses = 0;
		for (int call = 0; call < CALLS; call++) {
			latencies += (injector.latencyNanos() > 0) ? 1 : 0;
			exceptions += (injector.exception() != null) ? 1 : 0;
			statuses += (injector.status() != 0) ? 1 : 0;
		}

		// four standard deviations of the binomial distribution either side
		assertThat(latencies).isCloseTo(1_000, within(margin(0.1)));
		assertThat(exceptions).isCloseTo(2_000, within(margin(0.2)));
		assertThat(statuses).isCloseTo(5_000, within(margin(0.5)));
		assertThat(this.injected).hasSize(latencies + exceptions + statuses);
	}

	@Test
	void aRateOfOneInjectsIntoEveryCallAndZeroIntoNone() {
		Faults faults = faults(() -> 0.999999);
		FaultInjector always = faults.set("always", FaultConfig.builder().exception(IOException.class).build());
		FaultInjector never = faults.set("never",
				FaultConfig.builder().exception(IOException.class).exceptionRate(0).build());

		for (int call = 0; call < 100; call++) {
			assertThat(always.exception()).isInstanceOf(IOException.class);
			assertThat(never.exception()).isNull();
		}
	}

	@Test
	void theExceptionIsANewOneOfTheConfiguredTypeNamingTheInstance() {
		FaultInjector injector = faults(() -> 0).set("geocoder",
				FaultConfig.builder().exception(TimeoutException.class).build());

		Throwable first = injector.exception();
		Throwable second = injector.exception();

		assertThat(first).isInstanceOf(TimeoutException.class)
			.hasMessage("Fault injected by resilience.faults for 'geocoder'")
			.isNotSameAs(second);
		assertThat(this.injected).containsExactly("geocoder EXCEPTION", "geocoder EXCEPTION");
	}

	@Test
	void latencyIsSpentOnTheSleeperBeforeTheCall() throws InterruptedException {
		FaultInjector injector = faults(() -> 0).set("time",
				FaultConfig.builder().latency(Duration.ofSeconds(2)).build());

		injector.spendLatency();

		assertThat(this.sleeps).containsExactly(Duration.ofSeconds(2).toNanos());
		assertThat(this.injected).containsExactly("time LATENCY");
	}

	@Test
	void anInstanceWithoutFaultsInjectsNothingAndTellsNothing() throws InterruptedException {
		FaultInjector injector = faults(() -> 0).injector("quiet");

		injector.spendLatency();

		assertThat(injector.isArmed()).isFalse();
		assertThat(injector.exception()).isNull();
		assertThat(injector.status()).isZero();
		assertThat(this.sleeps).isEmpty();
		assertThat(this.injected).isEmpty();
	}

	@Test
	void faultsSetAtRunTimeReplaceThoseConfiguredAndClearingStopsThem() {
		Faults faults = new Faults(Map.of("reviews", FaultConfig.builder().status(503).build()), this.events,
				this.sleeps::add, () -> 0);
		FaultInjector kept = faults.injector("reviews");
		assertThat(kept.status()).isEqualTo(503);

		faults.set("reviews", FaultConfig.builder().status(429).retryAfter(Duration.ofSeconds(2)).build());
		assertThat(kept.status()).isEqualTo(429);
		assertThat(kept.config().retryAfter()).isEqualTo(Duration.ofSeconds(2));

		assertThat(faults.clear("reviews")).isTrue();
		assertThat(kept.status()).isZero();
		assertThat(faults.find("reviews")).as("kept by its pipeline").isSameAs(kept);
		assertThat(faults.armed()).isEmpty();
		assertThat(faults.clear("reviews")).isFalse();
	}

	@Test
	void aNameSetOnlyAtRunTimeIsForgottenWhenCleared() {
		Faults faults = faults(() -> 0);
		faults.set("api.example.com", FaultConfig.builder().status(503).build());
		assertThat(faults.armed()).containsOnlyKeys("api.example.com");

		assertThat(faults.clear("api.example.com")).isTrue();

		assertThat(faults.find("api.example.com")).isNull();
	}

	@Test
	void namesAreBounded() {
		Faults faults = faults(() -> 0);
		for (int name = 0; name < Faults.MAX_NAMES; name++) {
			faults.set("host-" + name, FaultConfig.builder().status(503).build());
		}

		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> faults.set("one-too-many", FaultConfig.builder().status(503).build()))
			.withMessageContaining("1024");
		faults.clear("host-0");
		assertThat(faults.set("one-too-many", FaultConfig.builder().status(503).build()).status()).isEqualTo(503);
	}

	@Test
	void invalidFaultsAreRefusedNamingTheProperty() {
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> FaultConfig.builder().latencyRate(1.5))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("latency-rate"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> FaultConfig.builder().status(200))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("status"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> FaultConfig.builder().exception(AbstractFailure.class))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("exception"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> FaultConfig.builder().exception(WithoutMessage.class))
			.satisfies((ex) -> assertThat(ex.getAllowed()).contains("constructor taking a String"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> FaultConfig.builder().retryAfter(Duration.ofSeconds(1)).build())
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("retry-after"));
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> FaultConfig.builder().latency(Duration.ofMinutes(11)))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("latency"));
	}

	@Test
	void namesThatPipelinesKeepDoNotCountAgainstTheBound() {
		Faults faults = faults(() -> 0);
		for (int name = 0; name < Faults.MAX_NAMES; name++) {
			faults.set("host-" + name, FaultConfig.builder().status(503).build());
		}

		FaultInjector kept = faults.injector("Recommendations.forUser");
		faults.set("Recommendations.forUser", FaultConfig.builder().exception(IOException.class).build());

		assertThat(kept.exception()).isInstanceOf(IOException.class);
		faults.set("host-7", FaultConfig.builder().status(429).build());
		assertThat(faults.find("host-7").status()).isEqualTo(429);
	}

	@Test
	void aNameSetWhileAnotherThreadClearsItIsNeverLostAndTheBoundStaysExact() throws Exception {
		Faults faults = faults(() -> 0);
		FaultConfig unavailable = FaultConfig.builder().status(503).build();
		Together.run(8, () -> {
			for (int round = 0; round < 2_000; round++) {
				FaultInjector set = faults.set("api.example.com", unavailable);
				faults.clear("api.example.com");
				assertThat(set.name()).isEqualTo("api.example.com");
			}
		});

		FaultInjector set = faults.set("api.example.com", unavailable);
		assertThat(faults.find("api.example.com")).isSameAs(set);
		assertThat(faults.clear("api.example.com")).isTrue();
		for (int name = 0; name < Faults.MAX_NAMES; name++) {
			faults.set("host-" + name, unavailable);
		}
		assertThatExceptionOfType(InvalidConfigurationException.class)
			.isThrownBy(() -> faults.set("one-too-many", unavailable));
	}

	@Test
	void aPipelineThatTakesANameWhileOtherThreadsSetAndClearItKeepsGettingItsFaults() throws Exception {
		Faults faults = faults(() -> 0);
		FaultConfig unavailable = FaultConfig.builder().exception(IOException.class).build();
		AtomicReference<FaultInjector> kept = new AtomicReference<>();
		Together.run(4, () -> {
			for (int round = 0; round < 2_000; round++) {
				faults.set("recommendations", unavailable);
				if (round == 1_000 && kept.get() == null) {
					kept.compareAndSet(null, faults.injector("recommendations"));
				}
				faults.clear("recommendations");
			}
		});

		faults.set("recommendations", unavailable);

		assertThat(faults.find("recommendations")).isSameAs(kept.get());
		assertThat(kept.get().exception()).isInstanceOf(IOException.class);
	}

	private Faults faults(java.util.function.DoubleSupplier random) {
		return new Faults(Map.of(), this.events, this.sleeps::add, random);
	}

	private Faults faults(Random random) {
		return faults(random::nextDouble);
	}

	private static int margin(double rate) {
		return (int) Math.ceil(4 * Math.sqrt(CALLS * rate * (1 - rate)));
	}

	public abstract static class AbstractFailure extends RuntimeException {

		public AbstractFailure(String message) {
			super(message);
		}

	}

	public static class WithoutMessage extends RuntimeException {

		public WithoutMessage() {
		}

	}


}

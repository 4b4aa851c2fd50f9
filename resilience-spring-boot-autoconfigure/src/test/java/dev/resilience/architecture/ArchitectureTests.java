package dev.resilience.architecture;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of DESIGN.md §2: dependencies point one way, {@code core} knows neither
 * Spring nor Micrometer, the stages of {@code pipeline} know neither Spring AOP nor HTTP, so that
 * annotated methods and HTTP clients share them, {@code redis} knows only {@code core} and Spring
 * Data Redis, and neither {@code core} nor {@code pipeline} knows it, {@code actuate} reads the
 * registry and never the proxies, and only the system clock and sleeper read or wait for real
 * time.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.resilience");

	@Test
	void coreImportsNeitherSpringNorMicrometer() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.resilience.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.micrometer..", "reactor..", "org.slf4j..");
		rule.check(CLASSES);
	}

	@Test
	void annotationsDependOnNothingButCore() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.resilience.annotation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.resilience.pipeline..", "dev.resilience.aop..", "dev.resilience.autoconfigure..",
					"dev.resilience.actuate..", "dev.resilience.http..", "dev.resilience.redis..", "org.springframework..");
		rule.check(CLASSES);
	}

	@Test
	void coreDependsOnNoOtherLayer() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.resilience.core..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.resilience.pipeline..", "dev.resilience.aop..", "dev.resilience.autoconfigure..",
					"dev.resilience.actuate..", "dev.resilience.http..", "dev.resilience.redis..");
		rule.check(CLASSES);
	}

	@Test
	void stagesKnowNoSpringAopTypeNorWhatTheyGuard() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.resilience.pipeline..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.aopalliance..", "org.springframework..", "dev.resilience.aop..",
					"dev.resilience.http..", "dev.resilience.autoconfigure..", "dev.resilience.actuate..",
					"dev.resilience.redis..");
		rule.check(CLASSES);
	}

	@Test
	void redisDependsOnCoreAndSpringDataRedisOnly() {
		ArchRule rule = classes().that()
			.resideInAPackage("dev.resilience.redis..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.resilience.redis..", "dev.resilience.core..", "org.springframework.data.redis..",
					"io.lettuce..", "org.apache.commons.logging..", "org.jspecify..", "java..");
		rule.check(CLASSES);
	}

	@Test
	void redisDependsOnNoOtherLayer() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.resilience.redis..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.resilience.pipeline..", "dev.resilience.aop..", "dev.resilience.http..",
					"dev.resilience.autoconfigure..", "dev.resilience.actuate..", "dev.resilience.annotation..");
		rule.check(CLASSES);
	}

	@Test
	void aopAndHttpDoNotDependOnAutoConfiguration() {
		ArchRule rule = noClasses().that()
			.resideInAnyPackage("dev.resilience.aop..", "dev.resilience.http..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.resilience.autoconfigure..", "dev.resilience.actuate..");
		rule.check(CLASSES);
	}

	@Test
	void actuateDoesNotKnowHowAnnotationsAreApplied() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.resilience.actuate..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.resilience.aop..");
		rule.check(CLASSES);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.resilience.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void onlyTheSystemClockAndSleeperReadRealTime() {
		ArchRule rule = noClasses().that()
			.resideInAPackage("dev.resilience..")
			.and()
			.doNotHaveSimpleName("SystemClock")
			.and()
			.doNotHaveSimpleName("SystemSleeper")
			.should()
			.callMethod(System.class, "nanoTime")
			.orShould()
			.callMethod(System.class, "currentTimeMillis")
			.orShould()
			.callMethod(Thread.class, "sleep", long.class)
			.orShould()
			.callMethod(Thread.class, "sleep", long.class, int.class)
			.orShould()
			.callMethod(TimeUnit.class, "sleep", long.class)
			.orShould()
			.callMethod(Instant.class, "now")
			.orShould()
			.callMethod(LockSupport.class, "parkNanos", long.class)
			.orShould()
			.callMethod(LockSupport.class, "parkNanos", Object.class, long.class);
		rule.check(CLASSES);
	}

}

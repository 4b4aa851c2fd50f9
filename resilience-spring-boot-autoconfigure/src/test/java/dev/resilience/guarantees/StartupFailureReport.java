package dev.resilience.guarantees;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * The report Spring Boot prints when start-up fails, computed as Boot's {@code FailureAnalyzers}
 * do: every {@link FailureAnalyzer} registered in {@code META-INF/spring.factories} on the class
 * path, sorted by order, and the first analysis any of them gives wins.
 */
final class StartupFailureReport {

	private static final List<FailureAnalyzer> ANALYZERS = registeredAnalyzers();

	private StartupFailureReport() {
	}

	/**
	 * Returns the analysis Boot would print for the failure.
	 * @param failure why start-up failed
	 * @return the analysis, or {@code null} if no analyzer understood the failure
	 */
	static @Nullable FailureAnalysis of(Throwable failure) {
		for (FailureAnalyzer analyzer : ANALYZERS) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

	/**
	 * Returns the description and the action of the analysis Boot would print, as one text.
	 * @param failure why start-up failed
	 * @return the text, or {@code "no analysis"}
	 */
	static String text(Throwable failure) {
		FailureAnalysis analysis = of(failure);
		return (analysis != null) ? analysis.getDescription() + "\n" + analysis.getAction() : "no analysis";
	}

	private static List<FailureAnalyzer> registeredAnalyzers() {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new StandardEnvironment());
		// As Boot's FailureAnalyzers: analyzers that cannot be created (missing optional classes)
		// are left out. The list is reversed before sorting, as if this module's jar came last on
		// the class path, so that only the order decides.
		FailureHandler skip = (factoryType, factoryImplementationName, failure) -> {
		};
		List<FailureAnalyzer> analyzers = new ArrayList<>(
				SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, arguments, skip));
		Collections.reverse(analyzers);
		AnnotationAwareOrderComparator.sort(analyzers);
		return List.copyOf(analyzers);
	}

}

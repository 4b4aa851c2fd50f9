package dev.resilience.sample.shop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Prometheus scrapes from {@code /actuator/prometheus}: every sample of the text format
 * (version 0.0.4), by metric name, with its labels and value.
 */
final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern
		.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+-?\\d+)?");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

	private final Map<String, List<Series>> byMetric;

	private PrometheusScrape(Map<String, List<Series>> byMetric) {
		this.byMetric = byMetric;
	}

	static PrometheusScrape parse(String text) {
		Map<String, List<Series>> byMetric = new TreeMap<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line.strip());
			if (!sample.matches()) {
				throw new IllegalArgumentException("Not a sample of the Prometheus text format: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), unescape(label.group(2)));
				}
			}
			byMetric.computeIfAbsent(sample.group(1), (name) -> new ArrayList<>())
				.add(new Series(labels, number(sample.group(3))));
		}
		return new PrometheusScrape(byMetric);
	}

	private static double number(String value) {
		return switch (value) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(value);
		};
	}

	private static String unescape(String value) {
		return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
	}

	Set<String> metrics() {
		return this.byMetric.keySet();
	}

	List<Series> series(String metric) {
		return this.byMetric.getOrDefault(metric, List.of());
	}

	/**
	 * The sum of the values of a metric's series that carry the given labels (and maybe more), 0
	 * when none does.
	 * @param metric the metric's name
	 * @param labels label names, each followed by its value
	 */
	double value(String metric, String... labels) {
		double sum = 0;
		for (Series series : series(metric)) {
			boolean matches = true;
			for (int i = 0; i < labels.length; i += 2) {
				matches &= labels[i + 1].equals(series.labels().get(labels[i]));
			}
			if (matches) {
				sum += series.value();
			}
		}
		return sum;
	}

	/**
	 * One series: its labels and its value at the scrape.
	 * @param labels the labels, by name
	 * @param value the value
	 */
	record Series(Map<String, String> labels, double value) {

		/** The value of a label, empty when the series has none, as PromQL sees it. */
		String label(String name) {
			return this.labels.getOrDefault(name, "");
		}

	}

}

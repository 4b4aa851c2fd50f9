package dev.resilience.sample.shop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL of a Grafana dashboard, taken apart into the series it selects: for every panel
 * query and the query of every template variable, each metric selector with its label matchers
 * and the labels the query needs of it.
 *
 * <p>A reader of the PromQL a dashboard is written in, not of all of PromQL: the labels that a
 * query groups or matches by ({@code by}, {@code without}, {@code on}, {@code ignoring},
 * {@code group_left}, {@code group_right}) and those its legend shows ({@code {{name}}}) are
 * needed of every metric the query selects; range selectors and Grafana's variables in them
 * ({@code [$__rate_interval]}) are dropped; a variable in a label matcher ({@code name=~"$name"})
 * asks only for the label.
 */
final class DashboardQueries {

	private static final String IDENTIFIER = "[a-zA-Z_:][a-zA-Z0-9_:]*";

	/** A metric name with label matchers, or label matchers alone; quoted values may hold braces. */
	private static final Pattern SELECTOR = Pattern
		.compile("(" + IDENTIFIER + ")?\\s*\\{((?:[^}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*)\\}");

	private static final Pattern LABEL_MATCHER = Pattern
		.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

	/** An identifier that is not a function: no parenthesis follows it. */
	private static final Pattern BARE_IDENTIFIER = Pattern
		.compile("(?<![a-zA-Z0-9_:.\"])(" + IDENTIFIER + ")(?![a-zA-Z0-9_:]|\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan");

	private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\}\\}");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("label_values\\(\\s*(.*?)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

	private DashboardQueries() {
	}

	/** The dashboard, as Grafana imports it. */
	static JsonNode read(Path dashboard) {
		return JsonMapper.shared().readTree(dashboard);
	}

	/** Every panel of the dashboard, rows left out, also those inside a collapsed row. */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels").values()) {
			if ("row".equals(panel.path("type").asString())) {
				panels.addAll(panel.path("panels").values());
			}
			else {
				panels.add(panel);
			}
		}
		return panels;
	}

	/** The selectors of every panel query and every query variable. */
	static List<Selector> selectors(JsonNode dashboard) {
		List<Selector> selectors = new ArrayList<>();
		for (JsonNode panel : panels(dashboard)) {
			String where = "panel '" + panel.path("title").asString() + "'";
			for (JsonNode target : panel.path("targets").values()) {
				selectors.addAll(
						ofQuery(where, target.path("expr").asString(), target.path("legendFormat").asString("")));
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list").values()) {
			if ("query".equals(variable.path("type").asString())) {
				selectors.addAll(ofVariable("variable '" + variable.path("name").asString() + "'",
						variableQuery(variable)));
			}
		}
		return selectors;
	}

	/** A variable's query, stored as a string or, by Grafana 10's editor, as an object. */
	static String variableQuery(JsonNode variable) {
		JsonNode query = variable.path("query");
		return query.isObject() ? query.path("query").asString() : query.asString();
	}

	/** The selectors of {@code label_values(selector, label)}: the label is needed of them. */
	static List<Selector> ofVariable(String where, String query) {
		Matcher labelValues = LABEL_VALUES.matcher(query.strip());
		if (!labelValues.matches()) {
			throw new IllegalArgumentException(where + ": not label_values(selector, label): " + query);
		}
		return ofQuery(where, labelValues.group(1), "{{" + labelValues.group(2) + "}}");
	}

	/** The selectors of a PromQL expression, each needing the labels the expression uses. */
	static List<Selector> ofQuery(String where, String expression, String legend) {
		List<String> metrics = new ArrayList<>();
		List<List<LabelMatcher>> matchers = new ArrayList<>();
		StringBuilder rest = new StringBuilder();
		Matcher selector = SELECTOR.matcher(expression);
		while (selector.find()) {
			metrics.add(selector.group(1));
			matchers.add(labelMatchers(selector.group(2)));
			selector.appendReplacement(rest, " ");
		}
		selector.appendTail(rest);
		String withoutRanges = RANGE.matcher(rest).replaceAll(" ");
		Set<String> labels = new LinkedHashSet<>();
		Matcher grouping = GROUPING.matcher(withoutRanges);
		while (grouping.find()) {
			for (String label : grouping.group(1).split(",")) {
				if (!label.isBlank()) {
					labels.add(label.strip());
				}
			}
		}
		Matcher bare = BARE_IDENTIFIER.matcher(GROUPING.matcher(withoutRanges).replaceAll(" "));
		while (bare.find()) {
			if (!KEYWORDS.contains(bare.group(1))) {
				metrics.add(bare.group(1));
				matchers.add(List.of());
			}
		}
		Matcher legendLabel = LEGEND_LABEL.matcher(legend);
		while (legendLabel.find()) {
			labels.add(legendLabel.group(1));
		}
		List<Selector> selectors = new ArrayList<>();
		for (int i = 0; i < metrics.size(); i++) {
			selectors.add(new Selector(where, expression, metrics.get(i), matchers.get(i),
					Collections.unmodifiableSet(labels)));
		}
		if (selectors.isEmpty()) {
			throw new IllegalArgumentException(where + ": selects no metric: " + expression);
		}
		return selectors;
	}

	private static List<LabelMatcher> labelMatchers(String matchers) {
		List<LabelMatcher> parsed = new ArrayList<>();
		Matcher matcher = LABEL_MATCHER.matcher(matchers);
		while (matcher.find()) {
			parsed.add(new LabelMatcher(matcher.group(1), matcher.group(2),
					matcher.group(3).replace("\\\"", "\"").replace("\\\\", "\\")));
		}
		return parsed;
	}

	/**
	 * One metric selector of a query.
	 * @param where the panel or variable it belongs to
	 * @param query the whole query
	 * @param metric the metric's name, or {@code null} when a {@code __name__} matcher selects it
	 * @param matchers its label matchers
	 * @param labels the labels the query needs of the series it selects
	 */
	record Selector(String where, String query, @Nullable String metric, List<LabelMatcher> matchers,
			Set<String> labels) {

		/** Whether a metric of the given name is one this selector selects. */
		boolean selectsMetric(String name) {
			if (this.metric != null && !this.metric.equals(name)) {
				return false;
			}
			return this.matchers.stream()
				.filter((matcher) -> matcher.label().equals("__name__"))
				.allMatch((matcher) -> matcher.matches(name));
		}

		@Override
		public String toString() {
			return this.where + ": " + ((this.metric != null) ? this.metric : "") + this.matchers
					+ (this.labels.isEmpty() ? "" : " needing " + this.labels);
		}

	}

	/**
	 * A label matcher; a value that holds a Grafana variable ({@code $name}) is known only in
	 * Grafana, so such a matcher only asks for the label.
	 */
	record LabelMatcher(String label, String operator, String value) {

		boolean isVariable() {
			return this.value.contains("$");
		}

		/** Whether a series' value of the label (empty when it has none) matches, as in PromQL. */
		boolean matches(String actual) {
			if (isVariable()) {
				return !actual.isEmpty();
			}
			return switch (this.operator) {
				case "=" -> actual.equals(this.value);
				case "!=" -> !actual.equals(this.value);
				case "=~" -> Pattern.matches(this.value, actual);
				case "!~" -> !Pattern.matches(this.value, actual);
				default -> throw new IllegalStateException(this.operator);
			};
		}

		@Override
		public String toString() {
			return this.label + this.operator + "\"" + this.value + "\"";
		}

	}

}

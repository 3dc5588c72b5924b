package com.example.udpsocket.operations;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana query, with its {@code $variables})
 * reads, and the label values it matches exactly: enough of PromQL to check dashboards
 * and alert rules against a scrape, not a parser of it. Functions and aggregations (a name
 * followed by {@code (}), label matchers, the label lists of {@code by}, {@code without},
 * {@code on}, {@code ignoring} and {@code group_left/right}, ranges, durations, numbers,
 * strings and keywords are left out.
 */
final class PromQlMetricNames {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern MATCHER = Pattern
		.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!=|!~|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')");

	/** A regular expression that is only a list of plain values: {@code a|b|c}. */
	private static final Pattern ALTERNATIVES = Pattern.compile("[a-zA-Z0-9_-]+(\\|[a-zA-Z0-9_-]+)*");

	private static final Pattern RANGES = Pattern.compile("\\[[^\\]]*]");

	private static final Pattern LABEL_LISTS = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern GRAFANA_VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*");

	/** Grafana's {@code label_values(metric, label)}: the metric is the first argument, if any. */
	private static final Pattern LABEL_VALUES = Pattern
		.compile("label_values\\(\\s*(?:([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*(\\{[^}]*})?\\s*,\\s*)?[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");

	private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	/** A bare name that is an operator or a literal, never a metric. */
	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2", "start", "end");

	private PromQlMetricNames() {
	}

	/** The metric names {@code expression} reads, in order of first appearance. */
	static Set<String> of(String expression) {
		Set<String> names = new LinkedHashSet<>();
		String text = expression;
		Matcher labelValues = LABEL_VALUES.matcher(text);
		if (labelValues.matches()) {
			if (labelValues.group(1) != null) {
				names.add(labelValues.group(1));
			}
			return names;
		}
		// order matters: strings may hold braces, matchers hold strings, label lists look like calls
		text = MATCHERS.matcher(STRING.matcher(text).replaceAll("\"\"")).replaceAll(" ");
		text = GRAFANA_VARIABLES.matcher(RANGES.matcher(text).replaceAll(" ")).replaceAll(" ");
		text = LABEL_LISTS.matcher(text).replaceAll(" ");
		Matcher name = NAME.matcher(text);
		while (name.find()) {
			if (isNumberPart(text, name.start()) || KEYWORDS.contains(name.group().toLowerCase())
					|| followedByParenthesis(text, name.end())) {
				continue;
			}
			names.add(name.group());
		}
		return names;
	}

	/**
	 * The label values {@code expression} matches exactly ({@code label="value"}) or as
	 * a list of alternatives ({@code label=~"a|b"}), for {@code label}.
	 */
	static Set<String> matchedValues(String expression, String label) {
		Set<String> values = new LinkedHashSet<>();
		Matcher matcher = MATCHER.matcher(expression);
		while (matcher.find()) {
			String value = matcher.group(3).substring(1, matcher.group(3).length() - 1);
			if (!matcher.group(1).equals(label)) {
				continue;
			}
			if (matcher.group(2).equals("=")) {
				values.add(value);
			}
			else if (matcher.group(2).equals("=~") && ALTERNATIVES.matcher(value).matches()) {
				values.addAll(Set.of(value.split("\\|")));
			}
		}
		return values;
	}

	/** Every name of {@code expressions}, with the first expression that uses it. */
	static Map<String, String> inAll(Iterable<String> expressions) {
		Map<String, String> names = new LinkedHashMap<>();
		for (String expression : expressions) {
			for (String name : of(expression)) {
				names.putIfAbsent(name, expression);
			}
		}
		return names;
	}

	private static boolean followedByParenthesis(String text, int end) {
		int i = end;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i < text.length() && text.charAt(i) == '(';
	}

	/** {@code 1e3}, {@code 0x1F} or the unit of a duration such as {@code 5m}: not a name. */
	private static boolean isNumberPart(String text, int start) {
		return start > 0 && (Character.isDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '.');
	}

}

package com.example.udpsocket.deploy.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vector selectors of a PromQL expression (or a Grafana query, with its
 * {@code $variables}): the metric names it reads, the label matchers of each, and the label
 * values it matches exactly. Enough of PromQL to check dashboards and alert rules against a
 * scrape, not a parser of it. Functions and aggregations (a name followed by {@code (}),
 * the label lists of {@code by}, {@code without}, {@code on}, {@code ignoring} and
 * {@code group_left/right}, ranges, durations, numbers, strings and keywords are not
 * selectors.
 */
final class PromQlMetricNames {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

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
		.compile("label_values\\(\\s*(?:([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*(\\{[^}]*})?\\s*,\\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

	private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	/** A bare name that is an operator or a literal, never a metric. */
	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right", "inf", "nan", "atan2", "start", "end");

	private PromQlMetricNames() {
	}

	/** One label matcher: {@code job="udp-socket"} is label {@code job}, operator {@code =}, value {@code udp-socket}. */
	record LabelMatcher(String label, String operator, String value) {

		@Override
		public String toString() {
			return this.label + this.operator + "\"" + this.value + "\"";
		}

	}

	/** One vector selector: its metric name (empty for a selector of matchers only) and its matchers. */
	record Selector(String metric, List<LabelMatcher> matchers) {

		boolean has(String label, String operator, String value) {
			return this.matchers.contains(new LabelMatcher(label, operator, value));
		}

		@Override
		public String toString() {
			return this.metric + this.matchers;
		}

	}

	/**
	 * The vector selectors of {@code expression}, in order; for Grafana's
	 * {@code label_values(metric{...}, label)}, the one it names.
	 */
	static List<Selector> selectors(String expression) {
		Matcher labelValues = LABEL_VALUES.matcher(expression.strip());
		if (labelValues.matches()) {
			List<Selector> found = new ArrayList<>();
			if (labelValues.group(1) != null || labelValues.group(2) != null) {
				found.add(new Selector((labelValues.group(1) != null) ? labelValues.group(1) : "",
						matchers((labelValues.group(2) != null) ? labelValues.group(2) : "")));
			}
			return found;
		}
		String text = withoutLiterals(expression);
		List<Selector> found = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '{') {
				int end = text.indexOf('}', i);
				found.add(new Selector("", matchers(expression.substring(i, end + 1))));
				i = end + 1;
				continue;
			}
			Matcher name = NAME.matcher(text).region(i, text.length());
			if (!name.lookingAt()) {
				i++;
				continue;
			}
			i = name.end();
			if (isNumberPart(text, name.start()) || KEYWORDS.contains(name.group().toLowerCase())) {
				continue;
			}
			int next = nextNonSpace(text, i);
			if (next < text.length() && text.charAt(next) == '(') {
				continue;
			}
			List<LabelMatcher> matchers = List.of();
			if (next < text.length() && text.charAt(next) == '{') {
				int end = text.indexOf('}', next);
				matchers = matchers(expression.substring(next, end + 1));
				i = end + 1;
			}
			found.add(new Selector(name.group(), matchers));
		}
		return found;
	}

	/** The metric names {@code expression} reads, in order of first appearance. */
	static Set<String> of(String expression) {
		Set<String> names = new LinkedHashSet<>();
		for (Selector selector : selectors(expression)) {
			if (!selector.metric().isEmpty()) {
				names.add(selector.metric());
			}
		}
		return names;
	}

	/**
	 * The label values {@code expression} matches exactly ({@code label="value"}) or as
	 * a list of alternatives ({@code label=~"a|b"}), for {@code label}.
	 */
	static Set<String> matchedValues(String expression, String label) {
		Set<String> values = new LinkedHashSet<>();
		for (Selector selector : selectors(expression)) {
			for (LabelMatcher matcher : selector.matchers()) {
				if (!matcher.label().equals(label)) {
					continue;
				}
				if (matcher.operator().equals("=")) {
					values.add(matcher.value());
				}
				else if (matcher.operator().equals("=~") && ALTERNATIVES.matcher(matcher.value()).matches()) {
					values.addAll(List.of(matcher.value().split("\\|")));
				}
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

	/**
	 * {@code expression} with its strings, ranges, Grafana variables and label lists blanked
	 * out, each character's position kept: what is left are names, braces, operators and
	 * numbers.
	 */
	static String withoutLiterals(String expression) {
		// order matters: strings may hold anything, ranges hold variables, label lists look like calls
		String text = blank(STRING, expression);
		text = blank(RANGES, text);
		text = blank(GRAFANA_VARIABLES, text);
		return blank(LABEL_LISTS, text);
	}

	private static String blank(Pattern pattern, String text) {
		StringBuilder blanked = new StringBuilder(text);
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			for (int i = matcher.start(); i < matcher.end(); i++) {
				blanked.setCharAt(i, ' ');
			}
		}
		return blanked.toString();
	}

	/** The matchers of a block {@code {label="value", ...}}, its strings unescaped. */
	private static List<LabelMatcher> matchers(String block) {
		List<LabelMatcher> found = new ArrayList<>();
		Matcher matcher = MATCHER.matcher(block);
		while (matcher.find()) {
			String quoted = matcher.group(3);
			String value = quoted.substring(1, quoted.length() - 1).replaceAll("\\\\(.)", "$1");
			found.add(new LabelMatcher(matcher.group(1), matcher.group(2), value));
		}
		return found;
	}

	private static int nextNonSpace(String text, int from) {
		int i = from;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	/** {@code 1e3}, {@code 0x1F} or the unit of a duration such as {@code 5m}: not a name. */
	private static boolean isNumberPart(String text, int start) {
		return start > 0 && (Character.isDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '.');
	}

}

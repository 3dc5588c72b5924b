package com.example.udpsocket.logging;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Spring Boot's console pattern with the application's name and group written in as text.
 * Boot renders them per line with a converter that looks the name up and formats
 * {@code "[%s] "} each time: on the server, one line per datagram, that was an eighth of
 * the console's CPU. Name and group do not change while the context lives, so the output
 * is the same, byte for byte.
 */
final class FixedNamePattern {

	private static final String NAME = "%esb(){APPLICATION_NAME}";

	private static final String GROUP = "%esb{APPLICATION_GROUP}";

	private static final String SYNTAX = "%(){}\\";

	private FixedNamePattern() {
	}

	/**
	 * The pattern with both conversions replaced by what they would print, each property
	 * resolved with {@code lookup} (the logging context's properties, then the system's).
	 * A name with characters the pattern parser would read as syntax leaves the pattern
	 * as it is.
	 */
	static String of(String pattern, UnaryOperator<@Nullable String> lookup) {
		String name = bracketed(lookup.apply("APPLICATION_NAME"));
		String group = bracketed(lookup.apply("APPLICATION_GROUP"));
		if (name == null || group == null) {
			return pattern;
		}
		return pattern.replace(NAME, name).replace(GROUP, group);
	}

	private static @Nullable String bracketed(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		for (char c : value.toCharArray()) {
			if (SYNTAX.indexOf(c) >= 0) {
				return null;
			}
		}
		return "[" + value + "] ";
	}

}

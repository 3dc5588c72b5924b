package com.example.udpsocket.security;

import java.util.Locale;

/**
 * The measured figures of the attack tests, one line each, tagged so that they can be
 * found in a build log: {@code grep '\[security\]'}.
 */
final class Figures {

	private Figures() {
	}

	static void print(String format, Object... args) {
		System.out.println("[security] " + String.format(Locale.ROOT, format, args));
	}

	static String share(long part, long whole) {
		return (whole > 0) ? String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole) : "-";
	}

}

package com.example.udpsocket.support;

import java.util.Locale;

/**
 * The measured figures of the scale-out tests, one line each, tagged so that they can be
 * found in a build log: {@code grep '\[scale-out\]'}.
 */
public final class Figures {

	private Figures() {
	}

	public static void print(String format, Object... args) {
		System.out.println("[scale-out] " + String.format(Locale.ROOT, format, args));
	}

	public static String share(long part, long whole) {
		return (whole > 0) ? String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole) : "-";
	}

}

package com.example.udpsocket.support;

import java.util.Locale;

/**
 * The figures a test measures, one line each, tagged by the kind of test so that they can
 * be found in a build log: {@code grep '\[scale-out\]'}, {@code grep '\[security\]'}.
 *
 * @param tag what the line is tagged with
 */
public record Figures(String tag) {

	/** The scale-out tests' figures: kernel load balancing, nginx, Kubernetes. */
	public static final Figures SCALE_OUT = new Figures("scale-out");

	/** The attack tests' figures. */
	public static final Figures SECURITY = new Figures("security");

	public void print(String format, Object... args) {
		System.out.println("[" + this.tag + "] " + String.format(Locale.ROOT, format, args));
	}

	public static String share(long part, long whole) {
		return (whole > 0) ? String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole) : "-";
	}

}

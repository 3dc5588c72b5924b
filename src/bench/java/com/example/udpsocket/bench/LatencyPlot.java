package com.example.udpsocket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.HdrHistogram.Histogram;

/**
 * Latency by percentile, each server that ran with logging off and on, one SVG per
 * window, written next to {@code results.md}. The percentile axis counts nines (90%,
 * 99%, 99.9%...) so that the tail gets as much room as the median; latency is on a log
 * scale. Each curve is the best round of its cell, as in the tables.
 */
final class LatencyPlot {

	private static final int WIDTH = 820;

	private static final int HEIGHT = 420;

	private static final int LEFT = 70;

	private static final int RIGHT = 270;

	private static final int TOP = 40;

	private static final int BOTTOM = 50;

	private static final double MAX_NINES = 5;

	/** One colour per server, the same in every plot; logging on is dashed. */
	private static final Map<ServerKind, String> COLOURS = Map.of(ServerKind.OURS, "#1f77b4",
			ServerKind.OURS_VARIANT, "#9467bd", ServerKind.OURS_LAUNCH_OPTIONS, "#17becf", ServerKind.STOCK,
			"#2ca02c", ServerKind.BASELINE, "#d62728");

	private record Series(String label, String colour, String dash, Histogram histogram) {
	}

	private LatencyPlot() {
	}

	/** Writes one plot per window measured; returns the file names. */
	static List<String> write(Cells cells, BenchOptions options) throws IOException {
		List<String> files = new ArrayList<>();
		for (int window : options.windows()) {
			List<Series> series = new ArrayList<>();
			for (ServerKind server : options.rotation()) {
				String colour = COLOURS.get(server);
				String label = server.label(options);
				add(series, cells, server, false, window, label + ", logging off", colour, "");
				add(series, cells, server, true, window, label + ", logging on", colour, "6,4");
			}
			if (series.isEmpty()) {
				continue;
			}
			String name = "latency-w" + window + ".svg";
			Files.writeString(options.out().resolve(name), svg(window, series), StandardCharsets.UTF_8);
			files.add(name);
		}
		return files;
	}

	private static void add(List<Series> series, Cells cells, ServerKind server, boolean logging, int window,
			String label, String colour, String dash) {
		Optional<Measurement> best = cells.best(server, logging, window);
		best.filter((m) -> m.load().latencyNanos().getTotalCount() > 0)
			.ifPresent((m) -> series.add(new Series(label, colour, dash, m.load().latencyNanos())));
	}

	static String svg(int window, List<Series> series) {
		double minMicros = Double.MAX_VALUE;
		double maxMicros = 0;
		for (Series s : series) {
			minMicros = Math.min(minMicros, Math.max(1, s.histogram.getMinValue() / 1e3));
			maxMicros = Math.max(maxMicros, s.histogram.getMaxValue() / 1e3);
		}
		double low = Math.floor(Math.log10(minMicros));
		double high = Math.ceil(Math.log10(Math.max(maxMicros, minMicros * 10)));
		StringBuilder out = new StringBuilder();
		out.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
				+ "font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, HEIGHT));
		out.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		out.append(format("<text x=\"%d\" y=\"22\" font-size=\"14\">Request-to-reply latency by percentile, W=%d "
				+ "(best round of each cell)</text>\n", LEFT, window));
		int plotWidth = WIDTH - LEFT - RIGHT;
		int plotHeight = HEIGHT - TOP - BOTTOM;
		for (int nines = 0; nines <= MAX_NINES; nines++) {
			double x = LEFT + plotWidth * nines / MAX_NINES;
			String label = (nines == 0) ? "0%" : format("%s%%", new java.math.BigDecimal(100 - Math.pow(10, 2 - nines))
				.round(new java.math.MathContext(nines + 2)).stripTrailingZeros().toPlainString());
			out.append(format("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", x, TOP, x,
					TOP + plotHeight));
			out.append(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x, TOP + plotHeight + 16,
					label));
		}
		for (double decade = low; decade <= high; decade++) {
			double y = TOP + plotHeight * (1 - (decade - low) / (high - low));
			out.append(format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, y,
					LEFT + plotWidth, y));
			out.append(format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s µs</text>\n", LEFT - 6, y + 4,
					format("%,.0f", Math.pow(10, decade))));
		}
		out.append(format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>\n", LEFT + plotWidth / 2,
				HEIGHT - 10));
		int legend = TOP + 10;
		for (Series s : series) {
			StringBuilder points = new StringBuilder();
			double maxNines = Math.min(MAX_NINES, Math.log10(s.histogram.getTotalCount()));
			for (int i = 0; i <= 200; i++) {
				double nines = maxNines * i / 200;
				double percentile = 100 * (1 - Math.pow(10, -nines));
				double micros = Math.max(Math.pow(10, low), s.histogram.getValueAtPercentile(percentile) / 1e3);
				double x = LEFT + plotWidth * nines / MAX_NINES;
				double y = TOP + plotHeight * (1 - (Math.log10(micros) - low) / (high - low));
				points.append(format("%.1f,%.1f ", x, y));
			}
			out.append(format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>\n",
					s.colour, s.dash.isEmpty() ? "" : " stroke-dasharray=\"" + s.dash + "\"", points.toString().trim()));
			int lx = LEFT + plotWidth + 12;
			out.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", lx,
					legend, lx + 24, legend, s.colour,
					s.dash.isEmpty() ? "" : " stroke-dasharray=\"" + s.dash + "\""));
			out.append(format("<text x=\"%d\" y=\"%d\">%s</text>\n", lx + 30, legend + 4, s.label));
			legend += 20;
		}
		out.append("</svg>\n");
		return out.toString();
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}

package com.example.udpsocket.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import com.example.udpsocket.bench.BenchmarkRun.ConsoleLatency;
import com.example.udpsocket.bench.StartupTimer.Timing;

/**
 * The targets of the performance issue, each checked against a run's figures: met or
 * missed, with the measured value of the best rounds, its spread over the rounds (the
 * ratio of each round's pair, ours then the baseline), and, when missed, by how much.
 */
final class Targets {

	static final double STARTUP_SECONDS = 2.0;

	static final double CLIENT_SECONDS = 1.0;

	static final double RSS_MIB = 256;

	static final double CONSOLE_LATENCY_MILLIS = 100;

	private Targets() {
	}

	record Verdict(String target, String measured, String spread, String verdict) {
	}

	static List<Verdict> check(Cells cells, List<Timing> startup, List<ConsoleLatency> latencies) {
		List<Verdict> verdicts = new ArrayList<>();
		ToDoubleFunction<Measurement> replies = (m) -> m.load().repliesPerSecond();
		ToDoubleFunction<Measurement> cpu = Measurement::cpuMicrosPerReply;
		ToDoubleFunction<Measurement> p99 = (m) -> m.load().percentileMicros(99);
		verdicts.add(atLeast("W=64, logging on: replies/s ours >= 0.95x baseline", cells, true, 64, replies, 0.95));
		verdicts.add(atMost("W=64, logging on: server CPU per reply ours <= 1.1x baseline", cells, true, 64, cpu, 1.1));
		verdicts.add(atLeast("W=64, logging off: replies/s ours >= 1.0x baseline", cells, false, 64, replies, 1.0));
		verdicts.add(atMost("W=64, logging off: server CPU per reply ours <= 1.05x baseline", cells, false, 64, cpu,
				1.05));
		verdicts.add(atMost("W=1, logging on: p99 ours <= 1.0x baseline", cells, true, 1, p99, 1.0));
		verdicts.add(atMost("W=1, logging off: p99 ours <= 1.0x baseline", cells, false, 1, p99, 1.0));
		for (boolean logging : List.of(true, false)) {
			verdicts.add(atMost("W=64, logging " + (logging ? "on" : "off")
					+ ": bytes allocated per reply on the datagram path, ours <= 2x baseline (aim)", cells, logging, 64,
					Measurement::pathBytesPerReply, 2.0));
		}
		double rss = cells.max(ServerKind.OURS, null, 64, Measurement::peakRssKib) / 1024;
		verdicts.add(absolute("server RSS under the W=64 load <= 256 MiB (VmHWM, worst round), JVM defaults", rss,
				RSS_MIB, " MiB"));
		double rssLaunch = cells.max(ServerKind.OURS_LAUNCH_OPTIONS, null, 64, Measurement::peakRssKib) / 1024;
		verdicts.add(absolute("server RSS under the W=64 load <= 256 MiB (VmHWM), launch options", rssLaunch, RSS_MIB,
				" MiB"));
		verdicts.add(consoleLatency(latencies));
		verdicts.add(absolute("server startup to `listen at` <= 2 s (median), launch options",
				startup.stream()
					.filter((t) -> t.server() == ServerKind.OURS_LAUNCH_OPTIONS)
					.mapToDouble(Timing::median)
					.findFirst()
					.orElse(Double.NaN),
				STARTUP_SECONDS, " s"));
		verdicts.add(absolute("client command end to end <= 1 s (median), launch options",
				median(startup, "client command, launch options: start to exit"), CLIENT_SECONDS, " s"));
		return verdicts;
	}

	/** Every line of ours, in order, within 100 ms of its datagram, beside a W=1 load and alone. */
	private static Verdict consoleLatency(List<ConsoleLatency> latencies) {
		String target = "console line within 100 ms of its datagram, every line, in order (ours, not saturated)";
		List<ConsoleLatency> ours = latencies.stream().filter((l) -> l.server() == ServerKind.OURS).toList();
		if (ours.isEmpty()) {
			return new Verdict(target, "not measured", "-", "-");
		}
		double worst = 0;
		boolean complete = true;
		List<String> perRound = new ArrayList<>();
		for (ConsoleLatency latency : ours) {
			for (ConsoleLatencyProbe.Result result : List.of(latency.loaded(), latency.idle())) {
				worst = Math.max(worst, result.maxMillis());
				complete &= result.lines() == result.probes() && result.inOrder();
			}
			perRound.add(format("%.1f", Math.max(latency.loaded().maxMillis(), latency.idle().maxMillis())));
		}
		String measured = format("max %.1f ms", worst) + (complete ? ", all lines in order" : ", LINES MISSING OR OUT OF ORDER");
		String verdict = (worst <= CONSOLE_LATENCY_MILLIS && complete) ? "met" : "missed";
		return new Verdict(target, measured, "max per round " + String.join(", ", perRound) + " ms", verdict);
	}

	private static double median(List<Timing> timings, String prefix) {
		return timings.stream()
			.filter((t) -> t.what().startsWith(prefix))
			.mapToDouble(Timing::median)
			.findFirst()
			.orElse(Double.NaN);
	}

	private static Verdict atLeast(String target, Cells cells, boolean logging, int window,
			ToDoubleFunction<Measurement> figure, double bound) {
		return ratio(target, cells, logging, window, figure, bound, true);
	}

	private static Verdict atMost(String target, Cells cells, boolean logging, int window,
			ToDoubleFunction<Measurement> figure, double bound) {
		return ratio(target, cells, logging, window, figure, bound, false);
	}

	/** Ours / baseline against {@code bound}, which it must reach ({@code atLeast}) or stay within. */
	private static Verdict ratio(String target, Cells cells, boolean logging, int window,
			ToDoubleFunction<Measurement> figure, double bound, boolean atLeast) {
		double measured = cells.ratio(ServerKind.OURS, ServerKind.BASELINE, logging, window, figure);
		String spread = spread(cells.ratioByRound(ServerKind.OURS, ServerKind.BASELINE, logging, window, figure));
		if (Double.isNaN(measured)) {
			return new Verdict(target, "not measured", spread, "-");
		}
		String value = format("%.2fx", measured);
		if (atLeast ? measured >= bound : measured <= bound) {
			return new Verdict(target, value, spread, "met");
		}
		return new Verdict(target, value, spread, format("missed by %.2fx: ours needs %+.0f%%",
				Math.abs(bound - measured), (bound / measured - 1) * 100));
	}

	private static Verdict absolute(String target, double measured, double bound, String unit) {
		if (Double.isNaN(measured)) {
			return new Verdict(target, "not measured", "-", "-");
		}
		String value = format("%.2f%s", measured, unit);
		if (measured <= bound) {
			return new Verdict(target, value, "-", "met");
		}
		return new Verdict(target, value, "-", format("missed by %.2f%s (%.1f times the target)", measured - bound,
				unit, measured / bound));
	}

	private static String spread(List<Double> ratios) {
		List<Double> known = ratios.stream().filter((r) -> !r.isNaN()).toList();
		if (known.isEmpty()) {
			return "-";
		}
		double min = known.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double max = known.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		return format("%.2f–%.2fx over %d rounds", min, max, known.size());
	}

	private static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}

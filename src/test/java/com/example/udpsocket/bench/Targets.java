package com.example.udpsocket.bench;

import java.util.ArrayList;
import java.util.List;

import com.example.udpsocket.bench.StartupTimer.Timing;

/**
 * The targets, each checked against a run's figures: met or missed, with the
 * measured value and, when missed, by how much.
 */
final class Targets {

	static final double THROUGHPUT_RATIO = 0.75;

	static final double P99_RATIO = 1.5;

	static final double STARTUP_SECONDS = 2.0;

	static final double CLIENT_SECONDS = 1.0;

	static final double RSS_MIB = 256;

	private Targets() {
	}

	record Verdict(String target, String measured, String verdict) {
	}

	static List<Verdict> check(Cells cells, List<Timing> startup) {
		List<Verdict> verdicts = new ArrayList<>();
		verdicts.add(atLeast("throughput W=64, logging off: ours >= 0.75x baseline",
				cells.ratio(false, 64, (m) -> m.load().repliesPerSecond()), THROUGHPUT_RATIO));
		verdicts.add(atMost("latency p99 W=1, logging on: ours <= 1.5x baseline",
				cells.ratio(true, 1, (m) -> m.load().percentileMicros(99)), P99_RATIO, "x"));
		verdicts.add(atLeast("throughput W=64, logging on (aim): ours >= 0.75x baseline",
				cells.ratio(true, 64, (m) -> m.load().repliesPerSecond()), THROUGHPUT_RATIO));
		verdicts.add(atMost("server startup to `listen at` <= 2 s (median), `java -jar`",
				median(startup, ServerKind.OURS.label() + ":"), STARTUP_SECONDS, " s"));
		verdicts.add(atMost("server startup to `listen at` <= 2 s (median), launch options",
				median(startup, ServerKind.OURS_LAUNCH_OPTIONS.label() + ":"), STARTUP_SECONDS, " s"));
		verdicts.add(atMost("client command end to end <= 1 s (median), `java -jar`",
				median(startup, "client command: start to exit"), CLIENT_SECONDS, " s"));
		verdicts.add(atMost("client command end to end <= 1 s (median), launch options",
				median(startup, "client command, launch options: start to exit"), CLIENT_SECONDS, " s"));
		verdicts.add(atMost("server RSS under the W=64 flood <= 256 MiB (VmHWM, worst round), JVM defaults",
				cells.max(ServerKind.OURS, null, 64, Measurement::peakRssKib) / 1024, RSS_MIB, " MiB"));
		verdicts.add(atMost("server RSS under the W=64 flood <= 256 MiB (VmHWM, worst round), launch options",
				cells.max(ServerKind.OURS_LAUNCH_OPTIONS, null, 64, Measurement::peakRssKib) / 1024, RSS_MIB,
				" MiB"));
		return verdicts;
	}

	private static double median(List<Timing> timings, String prefix) {
		return timings.stream()
			.filter((t) -> t.what().startsWith(prefix))
			.mapToDouble(Timing::median)
			.findFirst()
			.orElse(Double.NaN);
	}

	private static Verdict atLeast(String target, double measured, double bound) {
		if (Double.isNaN(measured)) {
			return new Verdict(target, "not measured", "-");
		}
		String value = String.format("%.2fx", measured);
		if (measured >= bound) {
			return new Verdict(target, value, "met");
		}
		return new Verdict(target, value, String.format("missed by %.2fx: ours needs %+.0f%% replies/s",
				bound - measured, (bound / measured - 1) * 100));
	}

	private static Verdict atMost(String target, double measured, double bound, String unit) {
		if (Double.isNaN(measured)) {
			return new Verdict(target, "not measured", "-");
		}
		String value = String.format("%.2f%s", measured, unit);
		if (measured <= bound) {
			return new Verdict(target, value, "met");
		}
		return new Verdict(target, value, String.format("missed by %.2f%s (%.1f times the target): needs %.0f%%",
				measured - bound, unit, measured / bound, (bound / measured - 1) * 100));
	}

}

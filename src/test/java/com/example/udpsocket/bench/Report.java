package com.example.udpsocket.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.udpsocket.bench.StartupTimer.Timing;

/**
 * A run's figures as Markdown: the machine, the load cells, the ours/baseline ratios,
 * startup, memory, the targets, and every round for whoever doubts the best-of choice.
 */
final class Report {

	private final BenchOptions options;

	private final MachineInfo machine;

	private final List<Timing> startup;

	private final Cells cells;

	private final String loadBefore;

	private final String loadAfter;

	private final Duration elapsed;

	Report(BenchOptions options, MachineInfo machine, List<Timing> startup, Cells cells, String loadBefore,
			String loadAfter, Duration elapsed) {
		this.options = options;
		this.machine = machine;
		this.startup = startup;
		this.cells = cells;
		this.loadBefore = loadBefore;
		this.loadAfter = loadAfter;
		this.elapsed = elapsed;
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		header(out);
		load(out);
		ratios(out);
		startup(out);
		memory(out);
		targets(out);
		everyRound(out);
		return out.toString();
	}

	private void header(StringBuilder out) {
		out.append("## Run of ")
			.append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
			.append(" UTC\n\n");
		line(out, "- machine: %d CPUs (%s), %s RAM, kernel %s", this.machine.cpus(), this.machine.cpuModel(),
				this.machine.memory(), this.machine.kernel());
		line(out, "- java: %s", this.machine.javaVersion());
		line(out, "- load average (1/5/15 min) before: %s, after: %s; run took %d s", this.loadBefore, this.loadAfter,
				this.elapsed.toSeconds());
		line(out, "- load: %d sockets, payload %d B, timeout %d ms; per window a warm-up until the server's JIT "
				+ "compiler threads idle for a second (2 to %.0f s) then %.1f s measured; %d rounds alternating ours/baseline, each server in a fresh "
				+ "process per round and logging mode; both servers on JVM defaults; ours with its launch options "
				+ "(extracted layout, `deploy/jvm`) one round at the largest window only", this.options.sockets(),
				this.options.payloadBytes(), this.options.timeout().toMillis(),
				this.options.warmupMax().toMillis() / 1e3, this.options.measure().toMillis() / 1e3,
				this.options.rounds());
		out.append('\n');
	}

	private void load(StringBuilder out) {
		out.append("### Load: best of ").append(this.options.rounds())
			.append(" rounds per cell (the round with the most replies/s; every figure of a row from that round)\n\n");
		out.append("| logging | W | server | replies/s | spread | sent | lost | p50 µs | p90 µs | p99 µs | p99.9 µs "
				+ "| max µs | server CPU µs/reply | output B/reply |\n");
		out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (boolean logging : loggingModes()) {
			for (int window : this.options.windows()) {
				for (ServerKind server : ServerKind.values()) {
					Optional<Measurement> best = this.cells.best(server, logging, window);
					if (best.isEmpty()) {
						continue;
					}
					Measurement m = best.get();
					LoadResult r = m.load();
					line(out, "| %s | %d | %s | %,.0f | %.0f%% | %,d | %,d | %s | %s | %s | %s | %s | %.1f | %.0f |",
							m.loggingLabel(), window, server.label(), r.repliesPerSecond(),
							this.cells.spread(server, logging, window) * 100, r.sent(), r.lost(),
							micros(r.percentileMicros(50)), micros(r.percentileMicros(90)),
							micros(r.percentileMicros(99)), micros(r.percentileMicros(99.9)), micros(r.maxMicros()),
							m.cpuMicrosPerReply(), m.outputBytesPerReply());
				}
			}
		}
		out.append("\nspread: (most - fewest) / most replies/s over the rounds of the cell. "
				+ "server CPU: user + system time of the whole server process (every thread, GC and JIT included) "
				+ "over the measured interval, per reply.\n\n");
	}

	private void ratios(StringBuilder out) {
		out.append("### Ours / baseline (from the rows above)\n\n");
		out.append("| logging | W | replies/s | p50 | p90 | p99 | p99.9 | server CPU per reply |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (boolean logging : loggingModes()) {
			for (int window : this.options.windows()) {
				line(out, "| %s | %d | %s | %s | %s | %s | %s | %s |", logging ? "on" : "off", window,
						times(this.cells.ratio(logging, window, (m) -> m.load().repliesPerSecond())),
						times(this.cells.ratio(logging, window, (m) -> m.load().percentileMicros(50))),
						times(this.cells.ratio(logging, window, (m) -> m.load().percentileMicros(90))),
						times(this.cells.ratio(logging, window, (m) -> m.load().percentileMicros(99))),
						times(this.cells.ratio(logging, window, (m) -> m.load().percentileMicros(99.9))),
						times(this.cells.ratio(logging, window, Measurement::cpuMicrosPerReply)));
			}
		}
		out.append('\n');
	}

	private void startup(StringBuilder out) {
		if (this.startup.isEmpty()) {
			return;
		}
		out.append("### Startup: median of ").append(this.options.startupRuns()).append(" runs\n\n");
		out.append("| what | median s | every run, s | failed |\n|---|---:|---|---:|\n");
		for (Timing timing : this.startup) {
			line(out, "| %s | %.2f | %s | %d |", timing.what(), timing.median(),
					timing.seconds().stream().map((s) -> String.format(Locale.ROOT, "%.2f", s))
						.collect(Collectors.joining(", ")),
					timing.failures());
		}
		out.append("\nThe client command runs against the baseline server, so that only the client is timed. "
				+ "\"launch options\": the extracted layout started with `java @server.args` / `java @client.args` "
				+ "from `deploy/jvm`, as the container image runs it.\n\n");
	}

	private void memory(StringBuilder out) {
		int flood = this.options.windows().stream().mapToInt(Integer::intValue).max().orElseThrow();
		out.append("### Server memory under the W=").append(flood).append(" flood (largest over the rounds)\n\n");
		out.append("| server | logging | VmRSS, max sampled during the flood, MiB | VmHWM after it, MiB |\n");
		out.append("|---|---|---:|---:|\n");
		for (ServerKind server : ServerKind.values()) {
			for (boolean logging : loggingModes()) {
				double rss = this.cells.max(server, logging, flood, Measurement::rssMaxKib) / 1024;
				double peak = this.cells.max(server, logging, flood, Measurement::peakRssKib) / 1024;
				if (!Double.isNaN(rss)) {
					line(out, "| %s | %s | %.0f | %.0f |", server.label(), logging ? "on" : "off", rss, peak);
				}
			}
		}
		out.append('\n');
	}

	private void targets(StringBuilder out) {
		out.append("### Targets\n\n| target | measured | verdict |\n|---|---:|---|\n");
		for (Targets.Verdict verdict : Targets.check(this.cells, this.startup)) {
			line(out, "| %s | %s | %s |", verdict.target(), verdict.measured(), verdict.verdict());
		}
		out.append('\n');
	}

	private void everyRound(StringBuilder out) {
		out.append("### Every round\n\n");
		out.append("| round | logging | W | server | warm-up s | replies/s | sent | lost | stray | wrong | errors "
				+ "| p50 µs | p99 µs | p99.9 µs | max µs | server CPU µs/reply |\n");
		out.append("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Measurement m : this.cells.all()) {
			LoadResult r = m.load();
			line(out, "| %d | %s | %d | %s | %.0f | %,.0f | %,d | %,d | %,d | %,d | %,d | %s | %s | %s | %s | %.1f |",
					m.round(), m.loggingLabel(), m.window(), m.server().label(), m.warmUp().toMillis() / 1e3,
					r.repliesPerSecond(), r.sent(), r.lost(),
					r.stray(), r.wrong(), r.errors(), micros(r.percentileMicros(50)), micros(r.percentileMicros(99)),
					micros(r.percentileMicros(99.9)), micros(r.maxMicros()), m.cpuMicrosPerReply());
		}
		out.append('\n');
	}

	private List<Boolean> loggingModes() {
		return this.options.loggingModes().stream().map("on"::equals).toList();
	}

	private static String micros(double value) {
		return (value < 100) ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String times(double ratio) {
		return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
	}

	private static void line(StringBuilder out, String format, Object... args) {
		out.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}

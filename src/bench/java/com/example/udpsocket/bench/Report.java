package com.example.udpsocket.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.udpsocket.bench.BenchmarkRun.ConsoleLatency;
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

	private final List<ConsoleLatency> consoleLatencies;

	private final List<String> plots;

	private final String loadBefore;

	private final String loadAfter;

	private final Duration elapsed;

	Report(BenchOptions options, MachineInfo machine, List<Timing> startup, Cells cells,
			List<ConsoleLatency> consoleLatencies, List<String> plots, String loadBefore, String loadAfter,
			Duration elapsed) {
		this.options = options;
		this.machine = machine;
		this.startup = startup;
		this.cells = cells;
		this.consoleLatencies = consoleLatencies;
		this.plots = plots;
		this.loadBefore = loadBefore;
		this.loadAfter = loadAfter;
		this.elapsed = elapsed;
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		header(out);
		load(out);
		ratios(out);
		plots(out);
		allocation(out);
		consoleLatency(out);
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

	private void plots(StringBuilder out) {
		if (this.plots.isEmpty()) {
			return;
		}
		out.append("### Latency by percentile\n\n");
		for (String plot : this.plots) {
			out.append("![").append(plot).append("](").append(plot).append(")\n\n");
		}
	}

	private void allocation(StringBuilder out) {
		out.append("### Bytes allocated per reply (best round of each cell)\n\n");
		out.append("| logging | W | server | datagram path, B/reply | every thread, B/reply |\n");
		out.append("|---|---:|---|---:|---:|\n");
		for (boolean logging : loggingModes()) {
			for (int window : this.options.windows()) {
				for (ServerKind server : ServerKind.values()) {
					Optional<Measurement> best = this.cells.best(server, logging, window);
					best.ifPresent((m) -> line(out, "| %s | %d | %s | %s | %s |", m.loggingLabel(), window,
							server.label(), bytes(m.pathBytesPerReply()), bytes(m.allBytesPerReply())));
				}
				double ratio = this.cells.ratio(logging, window, Measurement::pathBytesPerReply);
				if (!Double.isNaN(ratio)) {
					line(out, "| %s | %d | ours / baseline | %s | %s |", logging ? "on" : "off", window, times(ratio),
							times(this.cells.ratio(logging, window, Measurement::allBytesPerReply)));
				}
			}
		}
		out.append("\nFrom the JVM's per-thread allocation counters (`jcmd <pid> Thread.print -e`), read just before "
				+ "and after the measured interval. Datagram path: ours' receiving thread (`udp-receiver`, which "
				+ "also answers; and `udp-handler-N` with handler threads) and its console writer (`udp-log-writer`); the baseline's one thread (`main`). "
				+ "Every thread: all Java threads but the one answering jcmd.\n\n");
	}

	private void consoleLatency(StringBuilder out) {
		if (this.consoleLatencies.isEmpty()) {
			return;
		}
		out.append("### Console line latency, logging on, not saturated\n\n");
		out.append("| round | server | beside W=1: lines | in order | p50 ms | p99 ms | max ms | alone: lines "
				+ "| max ms |\n");
		out.append("|---:|---|---:|---|---:|---:|---:|---:|---:|\n");
		for (ConsoleLatency latency : this.consoleLatencies) {
			ConsoleLatencyProbe.Result loaded = latency.loaded();
			ConsoleLatencyProbe.Result idle = latency.idle();
			line(out, "| %d | %s | %d/%d | %s | %.1f | %.1f | %.1f | %d/%d | %.1f |", latency.round(),
					latency.server().label(), loaded.lines(), loaded.probes(),
					(loaded.inOrder() && idle.inOrder()) ? "yes" : "NO", loaded.p50Millis(), loaded.p99Millis(),
					loaded.maxMillis(), idle.lines(), idle.probes(), idle.maxMillis());
		}
		out.append("\nFrom just before a numbered probe datagram is sent to the moment its line is first seen in the "
				+ "server's output file (watched every millisecond or so). Beside W=1: a probe every 10 ms while "
				+ "a W=1 load runs. Alone: a probe every 250 ms with no other load, longer than ours' console writer "
				+ "stays awake without lines, so each probe wakes it.\n\n");
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
		out.append("### Targets\n\n| target | measured (best rounds) | spread over the rounds | verdict |\n"
				+ "|---|---:|---|---|\n");
		for (Targets.Verdict verdict : Targets.check(this.cells, this.startup, this.consoleLatencies)) {
			line(out, "| %s | %s | %s | %s |", verdict.target(), verdict.measured(), verdict.spread(),
					verdict.verdict());
		}
		out.append('\n');
	}

	private void everyRound(StringBuilder out) {
		out.append("### Every round\n\n");
		out.append("| round | logging | W | server | warm-up s | replies/s | sent | lost | stray | wrong | errors "
				+ "| p50 µs | p99 µs | p99.9 µs | max µs | server CPU µs/reply | allocated B/reply, path / all |\n");
		out.append("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (Measurement m : this.cells.all()) {
			LoadResult r = m.load();
			line(out, "| %d | %s | %d | %s | %.0f | %,.0f | %,d | %,d | %,d | %,d | %,d | %s | %s | %s | %s | %.1f | %s / %s |",
					m.round(), m.loggingLabel(), m.window(), m.server().label(), m.warmUp().toMillis() / 1e3,
					r.repliesPerSecond(), r.sent(), r.lost(),
					r.stray(), r.wrong(), r.errors(), micros(r.percentileMicros(50)), micros(r.percentileMicros(99)),
					micros(r.percentileMicros(99.9)), micros(r.maxMicros()), m.cpuMicrosPerReply(),
					bytes(m.pathBytesPerReply()), bytes(m.allBytesPerReply()));
		}
		out.append('\n');
	}

	private List<Boolean> loggingModes() {
		return this.options.loggingModes().stream().map("on"::equals).toList();
	}

	private static String micros(double value) {
		return (value < 100) ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String bytes(double value) {
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
	}

	private static String times(double ratio) {
		return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
	}

	private static void line(StringBuilder out, String format, Object... args) {
		out.append(String.format(Locale.ROOT, format, args)).append('\n');
	}

}

package com.example.udpsocket.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import com.example.udpsocket.bench.BenchmarkRun.ConsoleLatency;
import com.example.udpsocket.bench.StartupTimer.Timing;

/**
 * A run's figures as Markdown: the machine, the load cells, the ratios (ours / stock,
 * ours / baseline...), startup, memory, the targets, and every round for whoever doubts
 * the best-of choice.
 */
final class Report {

	/**
	 * The ratios the report gives, when both servers ran: ours against what a Spring user
	 * would write instead and against the hand-written loop, how much of that the stock
	 * flow costs by itself, and ours' variant against ours.
	 */
	private static final List<Pair> PAIRS = List.of(new Pair(ServerKind.OURS, ServerKind.STOCK),
			new Pair(ServerKind.OURS, ServerKind.BASELINE), new Pair(ServerKind.STOCK, ServerKind.BASELINE),
			new Pair(ServerKind.OURS_VARIANT, ServerKind.OURS));

	/** The stock inbound adapter's receive buffer by default: a longer datagram is cut to it. */
	private static final int STOCK_RECEIVE_BUFFER = 2048;

	private final BenchOptions options;

	private final MachineInfo machine;

	private final StockClassPath stock;

	private final List<Timing> startup;

	private final Cells cells;

	private final List<ConsoleLatency> consoleLatencies;

	private final List<String> plots;

	private final String loadBefore;

	private final String loadAfter;

	private final Duration elapsed;

	/** {@code stock} is the stock peer's class path, null if it did not run. */
	Report(BenchOptions options, MachineInfo machine, StockClassPath stock, List<Timing> startup, Cells cells,
			List<ConsoleLatency> consoleLatencies, List<String> plots, String loadBefore, String loadAfter,
			Duration elapsed) {
		this.options = options;
		this.machine = machine;
		this.stock = stock;
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
				+ "compiler threads idle for a second (2 to %.0f s) then %.1f s measured; %d rounds alternating %s, "
				+ "each server in a fresh process per round and logging mode; every server on JVM defaults%s%s",
				this.options.sockets(), this.options.payloadBytes(), this.options.timeout().toMillis(),
				this.options.warmupMax().toMillis() / 1e3, this.options.measure().toMillis() / 1e3,
				this.options.rounds(),
				this.options.rotation().stream().map(this::label).collect(Collectors.joining(" → ")),
				this.options.jvmArgs().isEmpty() ? "" : " and `" + String.join(" ", this.options.jvmArgs()) + "`",
				this.options.withLaunchOptions() ? "; ours with its launch options (extracted layout, `"
						+ this.options.launchOptions() + "`) one round at the largest window only" : "");
		for (ServerKind server : this.options.rotation()) {
			line(out, "- %s: %s", label(server), description(server));
		}
		out.append('\n');
	}

	private String description(ServerKind server) {
		return switch (server) {
			case OURS -> "`java -jar udp-socket.jar` with its defaults" + arguments(this.options.oursArgs());
			case OURS_VARIANT -> ((this.options.oursVariant().jar() != null)
					? "`java -jar " + this.options.oursVariant().jar() + "`" : "ours") + " with"
					+ arguments(this.options.oursArgs()) + arguments(this.options.oursVariant().arguments());
			case STOCK -> "Spring Integration's documented UDP flow (stock adapters, one flow, Boot's console), "
					+ this.stock.jars().size() + " jars, Spring Boot " + this.stock.version("spring-boot")
					+ " and Spring Integration " + this.stock.version("spring-integration-core")
					+ ", the same versions as ours"
					+ ((this.options.payloadBytes() > STOCK_RECEIVE_BUFFER) ? "; it reads only the first "
							+ STOCK_RECEIVE_BUFFER + " bytes of each datagram (its adapter's default receive buffer) "
							+ "and answers all the same" : "");
			case BASELINE -> "one thread, one `DatagramSocket`, `System.out.println`";
			case OURS_LAUNCH_OPTIONS -> "ours as the container image starts it";
		};
	}

	private static String arguments(List<String> arguments) {
		return arguments.isEmpty() ? "" : " `" + String.join(" ", arguments) + "`";
	}

	private String label(ServerKind server) {
		return server.label(this.options);
	}

	/** The pairs whose both servers ran. */
	private List<Pair> pairs() {
		List<ServerKind> ran = this.options.rotation();
		return PAIRS.stream().filter((pair) -> ran.contains(pair.server()) && ran.contains(pair.other())).toList();
	}

	/** server / other. */
	private record Pair(ServerKind server, ServerKind other) {
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
							m.loggingLabel(), window, label(server), r.repliesPerSecond(),
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
		List<Pair> pairs = pairs();
		if (pairs.isEmpty()) {
			return;
		}
		out.append("### Ratios (from the rows above)\n\n");
		out.append("| logging | W | ratio | replies/s | p50 | p90 | p99 | p99.9 | server CPU per reply |\n");
		out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
		for (boolean logging : loggingModes()) {
			for (int window : this.options.windows()) {
				for (Pair pair : pairs) {
					line(out, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |", logging ? "on" : "off", window,
							label(pair), times(ratio(pair, logging, window, (m) -> m.load().repliesPerSecond())),
							times(ratio(pair, logging, window, (m) -> m.load().percentileMicros(50))),
							times(ratio(pair, logging, window, (m) -> m.load().percentileMicros(90))),
							times(ratio(pair, logging, window, (m) -> m.load().percentileMicros(99))),
							times(ratio(pair, logging, window, (m) -> m.load().percentileMicros(99.9))),
							times(ratio(pair, logging, window, Measurement::cpuMicrosPerReply)));
				}
			}
		}
		out.append('\n');
	}

	private double ratio(Pair pair, boolean logging, int window, ToDoubleFunction<Measurement> figure) {
		return this.cells.ratio(pair.server(), pair.other(), logging, window, figure);
	}

	private String label(Pair pair) {
		return label(pair.server()) + " / " + label(pair.other());
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
							label(server), bytes(m.pathBytesPerReply()), bytes(m.allBytesPerReply())));
				}
				for (Pair pair : pairs()) {
					double ratio = ratio(pair, logging, window, Measurement::pathBytesPerReply);
					if (!Double.isNaN(ratio)) {
						line(out, "| %s | %d | %s | %s | %s |", logging ? "on" : "off", window, label(pair),
								times(ratio), times(ratio(pair, logging, window, Measurement::allBytesPerReply)));
					}
				}
			}
		}
		out.append("\nFrom the JVM's per-thread allocation counters (`jcmd <pid> Thread.print -e`), read just before "
				+ "and after the measured interval. Datagram path: ours' receiving thread (`udp-receiver`, which "
				+ "also answers; and `udp-handler-N` with handler threads) and its console writer (`udp-log-writer`); "
				+ "the stock adapter's pool (`udpIn-ip:udp-inbound-channel-adapter`: one thread receiving, the others "
				+ "handling, logging and answering); the baseline's one thread (`main`). "
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
					label(latency.server()), loaded.lines(), loaded.probes(),
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
					line(out, "| %s | %s | %.0f | %.0f |", label(server), logging ? "on" : "off", rss, peak);
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
					m.round(), m.loggingLabel(), m.window(), label(m.server()), m.warmUp().toMillis() / 1e3,
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

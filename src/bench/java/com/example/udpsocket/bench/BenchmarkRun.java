package com.example.udpsocket.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import com.example.udpsocket.bench.StartupTimer.Timing;
import com.example.udpsocket.support.LaunchLayout;

/**
 * The benchmark: startup times, then rounds in which our server, the stock Spring
 * Integration flow and the baseline take turns (ours, stock, baseline, ours, stock...),
 * each in a fresh process, under the same load at every window, with per-datagram logging
 * off and on. Prints the report and writes it to {@code <out>/results.md}. Run it with
 * {@code ./mvnw -Pbench verify}.
 */
public final class BenchmarkRun {

	private static final long STARTED = System.nanoTime();

	/** Probe datagrams per console-latency measurement, one every {@link #PROBE_PACE}. */
	private static final int PROBES = 200;

	private static final Duration PROBE_PACE = Duration.ofMillis(10);

	private final BenchOptions options;

	private final List<ConsoleLatency> consoleLatencies = new ArrayList<>();

	private ServerKind.Launch launch;

	private BenchmarkRun(BenchOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		Files.createDirectories(options.out());
		BenchmarkRun run = new BenchmarkRun(options);
		String report = run.run();
		Path results = options.out().resolve("results.md");
		Files.writeString(results, report, StandardCharsets.UTF_8);
		System.out.println();
		System.out.println(report);
		System.out.println("written to " + results);
		// the JVM's own threads aside, nothing is left running: every child has been stopped
		System.exit(0);
	}

	private String run() throws IOException {
		long start = System.nanoTime();
		String loadBefore = MachineInfo.loadAverage();
		MachineInfo machine = MachineInfo.collect();
		progress("machine: %d CPUs, %s; load average %s", machine.cpus(), machine.cpuModel(), loadBefore);
		StockClassPath stock = this.options.withStock() ? stockClassPath() : null;
		this.launch = new ServerKind.Launch(this.options, stock);
		if (this.options.withLaunchOptions()) {
			long preparing = System.nanoTime();
			LaunchLayout.prepare(this.options.jar(), this.options.launchOptions(), this.options.layout());
			progress("extracted layout with launch options and trained archives in %s: %.0f s",
					this.options.layout(), (System.nanoTime() - preparing) / 1e9);
		}
		List<Timing> startup = (this.options.startupRuns() > 0) ? startupTimes() : List.of();
		List<Measurement> measurements = new ArrayList<>();
		for (int round = 1; round <= this.options.rounds(); round++) {
			for (String mode : this.options.loggingModes()) {
				for (ServerKind server : this.options.rotation()) {
					measurements.addAll(measure(server, mode.equals("on"), round, this.options.windows()));
				}
			}
		}
		if (this.options.withLaunchOptions()) {
			// one round, at the largest window only: its throughput and memory as deployed
			List<Integer> flood = List.of(Collections.max(this.options.windows()));
			for (String mode : this.options.loggingModes()) {
				measurements.addAll(measure(ServerKind.OURS_LAUNCH_OPTIONS, mode.equals("on"), 1, flood));
			}
		}
		Cells cells = new Cells(measurements);
		List<String> plots = LatencyPlot.write(cells, this.options);
		return new Report(this.options, machine, stock, startup, cells, this.consoleLatencies, plots, loadBefore,
				MachineInfo.loadAverage(), Duration.ofNanos(System.nanoTime() - start))
			.markdown();
	}

	/**
	 * The stock peer's class path, on the same Spring, Logback and Micrometer versions as
	 * ours: a difference would be measured as the servers' own, so it stops the run.
	 */
	private StockClassPath stockClassPath() {
		long resolving = System.nanoTime();
		StockClassPath stock = StockClassPath.prepare();
		List<String> differences = stock.differencesFrom(this.options.jar());
		if (!differences.isEmpty()) {
			throw new IllegalStateException("the stock peer's jars are not the versions ours runs (" + StockClassPath.POM
					+ " takes Boot's; the project overrides these):\n  " + String.join("\n  ", differences));
		}
		progress("stock peer: %d jars (Spring Boot %s, Spring Integration %s), the same versions as ours: %.0f s",
				stock.jars().size(), stock.version("spring-boot"), stock.version("spring-integration-core"),
				(System.nanoTime() - resolving) / 1e9);
		return stock;
	}

	private List<Timing> startupTimes() throws IOException {
		List<Timing> timings = new ArrayList<>();
		int runs = this.options.startupRuns();
		for (ServerKind server : servers()) {
			Timing timing = StartupTimer.serverToListening(server, this.launch, runs);
			progress("%s: median %.2f s %s", timing.what(), timing.median(), timing.seconds());
			timings.add(timing);
		}
		if (!this.options.withOurs()) {
			return timings;
		}
		Path responderOutput = this.options.out().resolve("client-responder.log");
		try (ServerProcess responder = ServerProcess.start(ServerKind.BASELINE, this.launch, false,
				responderOutput)) {
			Path stderr = this.options.out().resolve("client-stderr.log");
			List<Timing> clients = new ArrayList<>(
					StartupTimer.clientCommand(this.options, responder.port(), runs, stderr));
			if (this.options.withLaunchOptions()) {
				clients.addAll(StartupTimer.clientWithLaunchOptions(this.options, responder.port(), runs, stderr));
			}
			for (Timing timing : clients) {
				progress("%s: median %.2f s %s, %d failed", timing.what(), timing.median(), timing.seconds(),
						timing.failures());
				timings.add(timing);
			}
		}
		return timings;
	}

	/** The servers whose startup is timed: those of the rounds, and ours with its launch options. */
	private List<ServerKind> servers() {
		return Arrays.stream(ServerKind.values())
			.filter((kind) -> this.options.rotation().contains(kind)
					|| (kind == ServerKind.OURS_LAUNCH_OPTIONS && this.options.withLaunchOptions()))
			.toList();
	}

	/** One server process: at each window a warm-up, then the measured interval. */
	private List<Measurement> measure(ServerKind kind, boolean logging, int round, List<Integer> windows)
			throws IOException {
		Path output = this.options.out()
			.resolve(kind.name().toLowerCase(Locale.ROOT) + "-logging-" + (logging ? "on" : "off") + "-round-" + round
					+ ".log");
		List<Measurement> measurements = new ArrayList<>();
		try (ServerProcess server = ServerProcess.start(kind, this.launch, logging, output)) {
			InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
			long pid = server.process().pid();
			for (int window : windows) {
				LoadSettings settings = new LoadSettings(target, this.options.sockets(), window, this.options.measure(),
						this.options.payloadBytes(), this.options.timeout());
				Duration warmUp = WarmUp.run(settings, pid, this.options.warmupMax());
				// outside the CPU bracket: the snapshot costs the server a safepoint and a thread dump
				ThreadAllocations allocatedBefore = ThreadAllocations.of(pid);
				double cpuBefore = ProcFs.cpuSeconds(pid);
				long outputBefore = server.process().outputBytes();
				LoadResult load;
				long rssMax;
				try (RssSampler sampler = new RssSampler(pid)) {
					load = new LoadGenerator(settings).run();
					rssMax = sampler.stop();
				}
				double cpuSeconds = ProcFs.cpuSeconds(pid) - cpuBefore;
				long outputBytes = server.process().outputBytes() - outputBefore;
				long peakRss = ProcFs.peakRssKib(pid);
				ThreadAllocations allocatedAfter = ThreadAllocations.of(pid);
				Measurement m = new Measurement(kind, logging, window, round, warmUp, load, cpuSeconds, outputBytes,
						rssMax, peakRss,
						allocatedAfter.since(allocatedBefore, (thread) -> Measurement.isDatagramPath(kind, thread)),
						allocatedAfter.since(allocatedBefore, Measurement::isServerThread));
				measurements.add(m);
				progress("round %d, logging %-3s W=%-3d %-8s warm-up %4.1f s  %,9.0f replies/s  p50 %7.1f µs  "
						+ "p99 %8.1f µs  lost %,d  CPU %.1f µs/reply  RSS %,d MiB", round, m.loggingLabel(), window,
						kind.label(this.options), warmUp.toMillis() / 1e3, load.repliesPerSecond(), load.percentileMicros(50), load.percentileMicros(99), load.lost(),
						m.cpuMicrosPerReply(), rssMax / 1024);
				if (m.pathAllocatedBytes() >= 0) {
					progress("round %d, logging %-3s W=%-3d %-8s allocated per reply: %.0f B on the datagram path, "
							+ "%.0f B in all", round, m.loggingLabel(), window, kind.label(this.options), m.pathBytesPerReply(),
							m.allBytesPerReply());
				}
			}
			if (logging && kind != ServerKind.OURS_LAUNCH_OPTIONS) {
				consoleLatency(kind, round, target, output);
			}
		}
		finally {
			if (!this.options.keepLogs()) {
				Files.deleteIfExists(output);
			}
		}
		return measurements;
	}

	/**
	 * The console line latency while the server is not saturated: probes beside a W=1 load
	 * (about 25,000 lines a second here), then probes alone, slower than the asynchronous
	 * console's idle time, so that each wakes its sleeping writer.
	 */
	private void consoleLatency(ServerKind kind, int round, InetSocketAddress target, Path output)
			throws IOException {
		LoadSettings w1 = new LoadSettings(target, this.options.sockets(), 1, this.options.measure(),
				this.options.payloadBytes(), this.options.timeout());
		ConsoleLatencyProbe.Result loaded = ConsoleLatencyProbe.run(target, output, PROBES, PROBE_PACE, w1);
		ConsoleLatencyProbe.Result idle = ConsoleLatencyProbe.run(target, output, 10, Duration.ofMillis(250), null);
		this.consoleLatencies.add(new ConsoleLatency(kind, round, loaded, idle));
		progress("round %d, %-8s console line latency beside W=1: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d/%d lines%s; "
				+ "alone: max %.1f ms, %d/%d lines", round, kind.label(this.options), loaded.p50Millis(), loaded.p99Millis(),
				loaded.maxMillis(), loaded.lines(), loaded.probes(), loaded.inOrder() ? "" : " OUT OF ORDER",
				idle.maxMillis(), idle.lines(), idle.probes());
	}

	/** Console line latencies of one server process: beside a W=1 load, and alone. */
	record ConsoleLatency(ServerKind server, int round, ConsoleLatencyProbe.Result loaded,
			ConsoleLatencyProbe.Result idle) {
	}

	private static void progress(String format, Object... args) {
		long seconds = (System.nanoTime() - STARTED) / 1_000_000_000;
		System.out.println("[bench +" + seconds + "s] " + String.format(Locale.ROOT, format, args));
	}

}

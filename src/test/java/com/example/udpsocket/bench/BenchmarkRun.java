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
 * The benchmark: startup times, then rounds in which our server and the baseline take
 * turns (ours, baseline, ours, baseline...), each in a fresh process, under the same load
 * at every window, with per-datagram logging off and on. Prints the report and writes it
 * to {@code <out>/results.md}. Run it with {@code ./mvnw -Pbench verify}.
 */
public final class BenchmarkRun {

	private static final long STARTED = System.nanoTime();

	private final BenchOptions options;

	private BenchmarkRun(BenchOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		Files.createDirectories(options.out());
		String report = new BenchmarkRun(options).run();
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
				for (ServerKind server : List.of(ServerKind.OURS, ServerKind.BASELINE)) {
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
		return new Report(this.options, machine, startup, new Cells(measurements), loadBefore,
				MachineInfo.loadAverage(), Duration.ofNanos(System.nanoTime() - start))
			.markdown();
	}

	private List<Timing> startupTimes() throws IOException {
		List<Timing> timings = new ArrayList<>();
		int runs = this.options.startupRuns();
		for (ServerKind server : servers()) {
			Timing timing = StartupTimer.serverToListening(server, this.options, runs);
			progress("%s: median %.2f s %s", timing.what(), timing.median(), timing.seconds());
			timings.add(timing);
		}
		Path responderOutput = this.options.out().resolve("client-responder.log");
		try (ServerProcess responder = ServerProcess.start(ServerKind.BASELINE, this.options, false,
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

	private List<ServerKind> servers() {
		return Arrays.stream(ServerKind.values())
			.filter((kind) -> kind != ServerKind.OURS_LAUNCH_OPTIONS || this.options.withLaunchOptions())
			.toList();
	}

	/** One server process: at each window a warm-up, then the measured interval. */
	private List<Measurement> measure(ServerKind kind, boolean logging, int round, List<Integer> windows)
			throws IOException {
		Path output = this.options.out()
			.resolve(kind.name().toLowerCase(Locale.ROOT) + "-logging-" + (logging ? "on" : "off") + "-round-" + round
					+ ".log");
		List<Measurement> measurements = new ArrayList<>();
		try (ServerProcess server = ServerProcess.start(kind, this.options, logging, output)) {
			InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
			for (int window : windows) {
				LoadSettings settings = new LoadSettings(target, this.options.sockets(), window, this.options.measure(),
						this.options.payloadBytes(), this.options.timeout());
				Duration warmUp = WarmUp.run(settings, server.pid(), this.options.warmupMax());
				double cpuBefore = ProcFs.cpuSeconds(server.pid());
				long outputBefore = server.outputBytes();
				LoadResult load;
				long rssMax;
				try (RssSampler sampler = new RssSampler(server.pid())) {
					load = new LoadGenerator(settings).run();
					rssMax = sampler.stop();
				}
				Measurement m = new Measurement(kind, logging, window, round, warmUp, load,
						ProcFs.cpuSeconds(server.pid()) - cpuBefore, server.outputBytes() - outputBefore, rssMax,
						ProcFs.peakRssKib(server.pid()));
				measurements.add(m);
				progress("round %d, logging %-3s W=%-3d %-8s warm-up %4.1f s  %,9.0f replies/s  p50 %7.1f µs  "
						+ "p99 %8.1f µs  lost %,d  CPU %.1f µs/reply  RSS %,d MiB", round, m.loggingLabel(), window,
						kind.label(), warmUp.toMillis() / 1e3, load.repliesPerSecond(), load.percentileMicros(50), load.percentileMicros(99), load.lost(),
						m.cpuMicrosPerReply(), rssMax / 1024);
			}
		}
		finally {
			if (!this.options.keepLogs()) {
				Files.deleteIfExists(output);
			}
		}
		return measurements;
	}

	private static void progress(String format, Object... args) {
		long seconds = (System.nanoTime() - STARTED) / 1_000_000_000;
		System.out.println("[bench +" + seconds + "s] " + String.format(Locale.ROOT, format, args));
	}

}

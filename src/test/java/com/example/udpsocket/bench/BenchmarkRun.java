package com.example.udpsocket.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.example.udpsocket.bench.StartupTimer.Timing;

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
		List<Timing> startup = (this.options.startupRuns() > 0) ? startupTimes() : List.of();
		List<Measurement> measurements = new ArrayList<>();
		for (int round = 1; round <= this.options.rounds(); round++) {
			for (String mode : this.options.loggingModes()) {
				for (ServerKind server : ServerKind.values()) {
					measurements.addAll(measure(server, mode.equals("on"), round));
				}
			}
		}
		return new Report(this.options, machine, startup, new Cells(measurements), loadBefore,
				MachineInfo.loadAverage(), Duration.ofNanos(System.nanoTime() - start))
			.markdown();
	}

	private List<Timing> startupTimes() throws IOException {
		List<Timing> timings = new ArrayList<>();
		int runs = this.options.startupRuns();
		for (ServerKind server : ServerKind.values()) {
			Timing timing = StartupTimer.serverToListening(server, this.options, runs);
			progress("%s: median %.2f s %s", timing.what(), timing.median(), timing.seconds());
			timings.add(timing);
		}
		Path responderOutput = this.options.out().resolve("client-responder.log");
		try (ServerProcess responder = ServerProcess.start(ServerKind.BASELINE, this.options, false,
				responderOutput)) {
			for (Timing timing : StartupTimer.clientCommand(this.options, responder.port(), runs,
					this.options.out().resolve("client-stderr.log"))) {
				progress("%s: median %.2f s %s, %d failed", timing.what(), timing.median(), timing.seconds(),
						timing.failures());
				timings.add(timing);
			}
		}
		return timings;
	}

	/** One server process: at each window a warm-up, then the measured interval. */
	private List<Measurement> measure(ServerKind kind, boolean logging, int round) throws IOException {
		Path output = this.options.out()
			.resolve(kind.label() + "-logging-" + (logging ? "on" : "off") + "-round-" + round + ".log");
		List<Measurement> measurements = new ArrayList<>();
		try (ServerProcess server = ServerProcess.start(kind, this.options, logging, output)) {
			InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
			for (int window : this.options.windows()) {
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

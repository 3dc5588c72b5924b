package com.example.udpsocket.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Wall-clock times of whole commands, from just before the process is started: a server
 * until it prints its "listen at" line, and the client command until it prints the reply
 * and until it exits.
 */
final class StartupTimer {

	static final String LISTENING = "UDPServer listen at: ";

	static final String CLIENT_REPLY = "[UDPServer said]: UDPServer has received your message";

	private static final Duration LIMIT = Duration.ofSeconds(60);

	private StartupTimer() {
	}

	/** Seconds from start to the "listen at" line, once per run; each server is killed after. */
	static Timing serverToListening(ServerKind kind, BenchOptions options, int runs) throws IOException {
		Timing timing = new Timing(kind.label() + ": start to `listen at`");
		for (int run = 0; run < runs; run++) {
			// port 0: the server picks one and says which
			ProcessBuilder builder = new ProcessBuilder(kind.command(options, 0, true)).directory(kind.directory(options))
				.redirectErrorStream(true);
			long start = System.nanoTime();
			Process process = ChildProcesses.start(builder);
			try {
				Long listening = LineWatcher.watch(process.getInputStream(), (line) -> line.contains(LISTENING))
					.await(LIMIT);
				timing.add(listening != null ? (listening - start) / 1e9 : null);
			}
			finally {
				// how fast it stops is not measured here
				ChildProcesses.kill(process);
			}
		}
		return timing;
	}

	/**
	 * The client command, {@code java -jar} on the packaged jar, against a server on
	 * {@code port}, once per run: seconds to the reply line and to the exit. A run that
	 * does not print the reply or exit 0 counts as failed.
	 */
	static List<Timing> clientCommand(BenchOptions options, int port, int runs, Path stderr) throws IOException {
		List<String> command = new ArrayList<>(List.of(ServerKind.java(), "-jar", options.jar().toString()));
		return clientCommand("client command", command, null, port, runs, stderr);
	}

	/** The same with the client's launch options, in the extracted layout. */
	static List<Timing> clientWithLaunchOptions(BenchOptions options, int port, int runs, Path stderr)
			throws IOException {
		return clientCommand("client command, launch options", LaunchLayout.clientCommand(),
				LaunchLayout.directory(options).toFile(), port, runs, stderr);
	}

	private static List<Timing> clientCommand(String label, List<String> java, File directory, int port, int runs,
			Path stderr) throws IOException {
		Timing toReply = new Timing(label + ": start to reply printed");
		Timing toExit = new Timing(label + ": start to exit (whole run)");
		List<String> command = new ArrayList<>(java);
		command.addAll(List.of("--spring.profiles.active=client", "--udp.client.port=" + port));
		for (int run = 0; run < runs; run++) {
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory)
				.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
			long start = System.nanoTime();
			Process process = ChildProcesses.start(builder);
			try {
				LineWatcher reply = LineWatcher.watch(process.getInputStream(), CLIENT_REPLY::equals);
				boolean exited = process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
				long exitedAt = System.nanoTime();
				Long repliedAt = reply.await(Duration.ofSeconds(1));
				boolean answered = exited && process.exitValue() == 0 && repliedAt != null;
				toReply.add(answered ? (repliedAt - start) / 1e9 : null);
				toExit.add(answered ? (exitedAt - start) / 1e9 : null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			finally {
				ChildProcesses.kill(process);
			}
		}
		return List.of(toReply, toExit);
	}

	/** Seconds per run; a failed run is kept as a failure, not as a time. */
	static final class Timing {

		private final String what;

		private final List<Double> seconds = new ArrayList<>();

		private int failures;

		Timing(String what) {
			this.what = what;
		}

		void add(Double runSeconds) {
			if (runSeconds == null) {
				this.failures++;
			}
			else {
				this.seconds.add(runSeconds);
			}
		}

		String what() {
			return this.what;
		}

		List<Double> seconds() {
			return List.copyOf(this.seconds);
		}

		int failures() {
			return this.failures;
		}

		/** The median of the successful runs, or NaN if none succeeded. */
		double median() {
			List<Double> sorted = this.seconds.stream().sorted().toList();
			int n = sorted.size();
			if (n == 0) {
				return Double.NaN;
			}
			return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		}

	}

	/**
	 * Reads a process's output on its own thread, noting when the first matching line came,
	 * and goes on reading to the end so that the process never blocks on a full pipe.
	 */
	private static final class LineWatcher {

		private final CompletableFuture<Long> matched = new CompletableFuture<>();

		static LineWatcher watch(InputStream output, Predicate<String> match) {
			LineWatcher watcher = new LineWatcher();
			Thread thread = new Thread(() -> watcher.read(output, match), "output-watcher");
			thread.setDaemon(true);
			thread.start();
			return watcher;
		}

		private void read(InputStream output, Predicate<String> match) {
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (!this.matched.isDone() && match.test(line)) {
						this.matched.complete(System.nanoTime());
					}
				}
			}
			catch (IOException | UncheckedIOException ex) {
				// the process was killed: its pipe is closed
			}
			finally {
				this.matched.complete(null);
			}
		}

		/** The nanoTime of the first matching line, or null if none came in time or at all. */
		Long await(Duration limit) {
			try {
				return this.matched.get(limit.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				return null;
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}

	}

}

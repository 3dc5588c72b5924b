package com.example.udpsocket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.LaunchLayout;
import com.example.udpsocket.support.Original;
import com.example.udpsocket.support.Timeouts;

/**
 * Wall-clock times of whole commands, from just before the process is started: a server
 * until it prints its "listen at" line, and the client command until it prints the reply
 * and until it exits.
 */
final class StartupTimer {

	static final String LISTENING = "UDPServer listen at: ";

	static final String CLIENT_REPLY = Original.REPLY_LINE.strip();

	private StartupTimer() {
	}

	/** Seconds from start to the "listen at" line, once per run; each server is killed after. */
	static Timing serverToListening(ServerKind kind, ServerKind.Launch launch, int runs) {
		Timing timing = new Timing(kind, kind.label(launch.options()) + ": start to `listen at`");
		for (int run = 0; run < runs; run++) {
			// port 0: the server picks one and says which
			ChildProcess.Builder command = ChildProcess.command(kind.command(launch, 0, true))
				.directory(kind.directory(launch.options()));
			long start = System.nanoTime();
			// how fast it stops is not measured here: closing kills it
			try (ChildProcess server = command.start()) {
				Long listening = server.awaitLine((line) -> line.contains(LISTENING), Timeouts.PROCESS);
				timing.add((listening != null) ? (listening - start) / 1e9 : null);
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
		List<String> command = new ArrayList<>(List.of(ChildProcess.java(), "-jar", options.jar().toString()));
		return clientCommand("client command", command, null, port, runs, stderr);
	}

	/** The same with the client's launch options, in the extracted layout. */
	static List<Timing> clientWithLaunchOptions(BenchOptions options, int port, int runs, Path stderr)
			throws IOException {
		return clientCommand("client command, launch options",
				LaunchLayout.clientCommand(options.layout().toAbsolutePath()), options.layout(), port, runs, stderr);
	}

	private static List<Timing> clientCommand(String label, List<String> java, Path directory, int port, int runs,
			Path stderr) throws IOException {
		Timing toReply = new Timing(null, label + ": start to reply printed");
		Timing toExit = new Timing(null, label + ": start to exit (whole run)");
		for (int run = 0; run < runs; run++) {
			ChildProcess.Builder command = ChildProcess.command(java)
				.args("--spring.profiles.active=client", "--udp.client.port=" + port)
				.directory(directory);
			long start = System.nanoTime();
			try (ChildProcess client = command.start()) {
				int exit = exitCode(client);
				long exitedAt = System.nanoTime();
				Long repliedAt = client.awaitLine(CLIENT_REPLY::equals, Duration.ZERO);
				boolean answered = exit == 0 && repliedAt != null;
				toReply.add(answered ? (repliedAt - start) / 1e9 : null);
				toExit.add(answered ? (exitedAt - start) / 1e9 : null);
				Files.writeString(stderr, client.err(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
						StandardOpenOption.APPEND);
			}
		}
		return List.of(toReply, toExit);
	}

	/** The client's exit code, or -1 if it was still running after the limit (then it is killed). */
	private static int exitCode(ChildProcess client) {
		try {
			return client.awaitExit(Timeouts.PROCESS);
		}
		catch (AssertionError stillRunning) {
			return -1;
		}
	}

	/** Seconds per run; a failed run is kept as a failure, not as a time. */
	static final class Timing {

		private final ServerKind server;

		private final String what;

		private final List<Double> seconds = new ArrayList<>();

		private int failures;

		/** {@code server} is the server started, null for the client command. */
		Timing(ServerKind server, String what) {
			this.server = server;
			this.what = what;
		}

		ServerKind server() {
			return this.server;
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

}

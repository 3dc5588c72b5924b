package com.example.udpsocket.deploy.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Timeouts;

/**
 * The committed {@code deploy/nginx/udp-lb-health-check.sh}, run as an operator runs it:
 * with a list of servers, the upstream file it writes, and the command that reloads nginx.
 */
final class HealthCheck implements AutoCloseable {

	static final Path COMMITTED = Path.of("deploy", "nginx", "udp-lb-health-check.sh");

	private final ChildProcess process;

	private HealthCheck(ChildProcess process) {
		this.process = process;
	}

	/** A server as the list names it: its UDP address and port, and its readiness URL. */
	record Server(String udpAddress, String readinessUrl) {

		String line() {
			return this.udpAddress + "   " + this.readinessUrl;
		}

	}

	/** Writes the list of servers the script reads. */
	static Path writeList(Path file, List<Server> servers) {
		List<String> lines = new ArrayList<>(List.of("# written by the test"));
		servers.forEach((server) -> lines.add(server.line()));
		try {
			Files.write(file, lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	/** Why the script cannot run here, or {@code null} if it can: it needs curl. */
	static String missing() {
		return ExternalTool.CURL.find().isPresent() ? null : ExternalTool.CURL.missing();
	}

	/** The command line: {@code sh udp-lb-health-check.sh args...}, after {@code prefix}. */
	static ChildProcess.Builder command(List<String> prefix, String... args) {
		List<String> command = new ArrayList<>(prefix);
		command.add("sh");
		command.add(COMMITTED.toAbsolutePath().toString());
		command.addAll(List.of(args));
		return ChildProcess.command(command);
	}

	/** {@code -1}: checks once and writes the upstream file, as before nginx starts; fails if it does not exit 0. */
	static ChildProcess once(List<String> prefix, Path list, Path upstreamFile) {
		ChildProcess once = command(prefix, "-1", list.toString(), upstreamFile.toString()).run(Timeouts.PROCESS);
		if (once.awaitExit(Duration.ZERO) != 0) {
			throw new IllegalStateException("udp-lb-health-check.sh -1 failed:\n" + once.out() + once.err());
		}
		return once;
	}

	/** Runs it until {@link #close()}, reloading nginx with {@code reload}. */
	static HealthCheck start(List<String> prefix, Path list, Path upstreamFile, String reload, String... options) {
		List<String> args = new ArrayList<>(List.of(options));
		args.addAll(List.of("-c", reload, list.toString(), upstreamFile.toString()));
		return new HealthCheck(command(prefix, args.toArray(String[]::new)).start());
	}

	/** What it logged so far. */
	String out() {
		return this.process.out();
	}

	String err() {
		return this.process.err();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** When the first line matching {@code match} came ({@link System#nanoTime()}), or {@code null}. */
	Long awaitLine(Predicate<String> match, Duration timeout) {
		return this.process.awaitLine(match, timeout);
	}

	/** Stops it as a service manager would (SIGTERM). */
	@Override
	public void close() {
		this.process.stop(Timeouts.GRACE);
	}

}

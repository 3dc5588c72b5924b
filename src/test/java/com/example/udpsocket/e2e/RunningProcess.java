package com.example.udpsocket.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * A program started as a user would start it, with its stdout and stderr collected
 * separately. Closing it kills what is still running.
 */
final class RunningProcess implements AutoCloseable {

	static final Path JAR = Path.of("target", "udp-socket.jar");

	private final Process process;

	private final StringBuffer out = new StringBuffer();

	private final StringBuffer err = new StringBuffer();

	private final List<Thread> readers = new ArrayList<>();

	private RunningProcess(List<String> command, Path directory) {
		try {
			this.process = new ProcessBuilder(command).directory((directory != null) ? directory.toFile() : null).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.readers.add(collect(this.process.getInputStream(), this.out, "stdout"));
		this.readers.add(collect(this.process.getErrorStream(), this.err, "stderr"));
	}

	/** {@code java -jar target/udp-socket.jar args...} with the JVM running these tests. */
	static RunningProcess jar(String... args) {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.add("-jar");
		command.add(JAR.toString());
		command.addAll(List.of(args));
		return new RunningProcess(command, null);
	}

	static RunningProcess command(String... command) {
		return new RunningProcess(List.of(command), null);
	}

	/** {@code command} run in {@code directory}. */
	static RunningProcess in(Path directory, String... command) {
		return new RunningProcess(List.of(command), directory);
	}

	/** The java launcher of the JVM running these tests. */
	static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	private static Thread collect(InputStream stream, StringBuffer into, String name) {
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					into.append(line).append('\n');
				}
			}
			catch (IOException ex) {
				// the process is gone
			}
		}, name + "-reader");
		reader.setDaemon(true);
		reader.start();
		return reader;
	}

	/** Waits for a line matching {@code regex} on stdout and returns its first group. */
	String awaitOut(String regex, Duration timeout) {
		Pattern pattern = Pattern.compile(regex);
		return Awaitility.await()
			.atMost(timeout)
			.until(() -> {
				Matcher matcher = pattern.matcher(this.out);
				return matcher.find() ? matcher.group(1) : null;
			}, (group) -> group != null);
	}

	/** Waits for the process to end and returns its exit code. */
	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("still running after " + timeout + "\nstdout:\n" + this.out + "\nstderr:\n" + this.err);
			}
			for (Thread reader : this.readers) {
				reader.join(5_000); // the last lines the process wrote
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Sends SIGTERM, as {@code kill} or a container engine does. */
	void terminate() {
		this.process.destroy();
	}

	long pid() {
		return this.process.pid();
	}

	String out() {
		return this.out.toString();
	}

	String err() {
		return this.err.toString();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

}

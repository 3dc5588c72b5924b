package com.example.udpsocket.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program started as a user would start it: the one way tests and the benchmark run a
 * child process and watch it. Its stdout and stderr are either collected separately, each
 * line with the time it arrived, or written to a file (for output too large to hold).
 * Every child ends: {@link #close()} kills what is still running, and if the JVM itself
 * ends first a shutdown hook kills what it started.
 */
public final class ChildProcess implements AutoCloseable {

	/** The packaged application, as {@code ./mvnw package} leaves it. */
	public static final Path JAR = Path.of("target", "udp-socket.jar");

	/**
	 * The JVMs a test starts live for seconds: the optimising compiler would compile their
	 * start-up code a second time and compete with them for the machine's cores, and nothing
	 * they are tested for depends on it (the same flag goes to the test JVMs themselves).
	 */
	public static final String QUICK_COMPILER = "-XX:TieredStopAtLevel=1";

	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> running.forEach(Process::destroyForcibly), "child-process-killer"));
	}

	private final List<String> command;

	private final Process process;

	private final Path outputFile;

	private final Output out = new Output();

	private final Output err = new Output();

	private final List<Thread> readers = new ArrayList<>();

	private ChildProcess(Builder builder) {
		this.command = List.copyOf(builder.command);
		this.outputFile = builder.outputFile;
		ProcessBuilder processBuilder = new ProcessBuilder(this.command);
		if (builder.directory != null) {
			processBuilder.directory(builder.directory.toFile());
		}
		processBuilder.environment().putAll(builder.environment);
		// as from a terminal-less service manager: what a user would type is given explicitly
		processBuilder.redirectInput((builder.input != null) ? ProcessBuilder.Redirect.PIPE
				: ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		if (this.outputFile != null) {
			processBuilder.redirectErrorStream(true).redirectOutput(this.outputFile.toFile());
		}
		try {
			this.process = processBuilder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run " + this.command, ex);
		}
		running.add(this.process);
		if (builder.input != null) {
			try (var stdin = this.process.getOutputStream()) {
				stdin.write(builder.input.getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				// the program exited before reading all of it: what it did is in its output
			}
		}
		if (this.outputFile == null) {
			this.readers.add(this.out.collect(this.process.getInputStream(), "stdout"));
			this.readers.add(this.err.collect(this.process.getErrorStream(), "stderr"));
		}
	}

	/** The java launcher of the JVM running this code: one JDK for every process. */
	public static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public static Builder command(String... command) {
		return new Builder(List.of(command));
	}

	public static Builder command(List<String> command) {
		return new Builder(command);
	}

	/** {@code java args...} with this JVM's launcher. */
	public static Builder java(String... args) {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(List.of(args));
		return new Builder(command);
	}

	/**
	 * {@code java -jar target/udp-socket.jar args...}, as the README starts it, with the
	 * quick compiler only ({@link #QUICK_COMPILER}).
	 */
	public static Builder jar(String... args) {
		List<String> command = new ArrayList<>(List.of(java(), QUICK_COMPILER, "-jar", JAR.toString()));
		command.addAll(List.of(args));
		return new Builder(command);
	}

	/**
	 * Closes the reading end of the program's stdout, as a reader that went away does
	 * ({@code ... | head -c 3000}). A read already waiting there still takes the program's
	 * next write; once {@link #outEnded()}, every write there fails.
	 */
	public void closeOut() {
		try {
			this.process.getInputStream().close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	/** Whether the reading of the program's stdout has ended. */
	public boolean outEnded() {
		return this.out.ended();
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** What it wrote to stdout so far. */
	public String out() {
		return this.out.text();
	}

	/** What it wrote to stderr so far. */
	public String err() {
		return this.err.text();
	}

	/** Waits for stdout to match {@code regex} and returns the match's first group. */
	public String awaitOut(String regex, Duration timeout) {
		Pattern pattern = Pattern.compile(regex);
		return Timeouts.await()
			.alias("'" + regex + "' on the output of " + this.command)
			.atMost(timeout)
			.failFast("the process exited", () -> !isAlive() && readersDone() && !pattern.matcher(out()).find())
			.until(() -> {
				Matcher matcher = pattern.matcher(out());
				return matcher.find() ? matcher.group(1) : null;
			}, (group) -> group != null);
	}

	/**
	 * When the first stdout line matching {@code match} arrived ({@link System#nanoTime()}),
	 * or {@code null} if none came within {@code timeout} or before the output ended.
	 */
	public Long awaitLine(Predicate<String> match, Duration timeout) {
		return this.out.awaitLine(match, timeout);
	}

	/** Waits for the process to end and returns its exit code; fails if it is still running. */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("still running after " + timeout + ": " + this.command + "\nstdout:\n" + out()
						+ "\nstderr:\n" + err());
			}
			for (Thread reader : this.readers) {
				// the last lines it wrote
				reader.join(5_000);
			}
			running.remove(this.process);
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends SIGTERM, as {@code kill} or a container engine does. */
	public void terminate() {
		this.process.destroy();
	}

	/** SIGTERM, up to {@code grace} to exit, then SIGKILL; returns the exit code. */
	public int stop(Duration grace) {
		terminate();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				kill();
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
			return this.process.exitValue();
		}
		finally {
			running.remove(this.process);
		}
	}

	/** SIGKILL, and a bounded wait for it to take effect. */
	public void kill() {
		try {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			running.remove(this.process);
		}
	}

	/** With its output in a file: how much it has written so far. */
	public long outputBytes() {
		try {
			return Files.size(outputFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** With its output in a file: all of it (for small outputs). */
	public String output() {
		try {
			return Files.exists(outputFile()) ? Files.readString(outputFile(), StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** With its output in a file: its last 4 KiB, for a report. */
	public String outputTail() {
		try (SeekableByteChannel channel = Files.newByteChannel(outputFile())) {
			long size = channel.size();
			ByteBuffer tail = ByteBuffer.allocate((int) Math.min(size, 4096));
			channel.position(size - tail.capacity());
			while (tail.hasRemaining() && channel.read(tail) > 0) {
				// read up to the end
			}
			return new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(output unreadable: " + ex + ")";
		}
	}

	private Path outputFile() {
		if (this.outputFile == null) {
			throw new IllegalStateException("the output of " + this.command + " is collected, not in a file");
		}
		return this.outputFile;
	}

	private boolean readersDone() {
		return this.readers.stream().noneMatch(Thread::isAlive);
	}

	/** Kills the process if it is still running. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
		running.remove(this.process);
	}

	@Override
	public String toString() {
		return String.join(" ", this.command);
	}

	/** What to run, where, and where its output goes. */
	public static final class Builder {

		private final List<String> command;

		private final Map<String, String> environment = new LinkedHashMap<>();

		private Path directory;

		private Path outputFile;

		private String input;

		private Builder(List<String> command) {
			this.command = new ArrayList<>(command);
		}

		/** Appends arguments. */
		public Builder args(String... args) {
			this.command.addAll(List.of(args));
			return this;
		}

		public Builder directory(Path directory) {
			this.directory = directory;
			return this;
		}

		public Builder environment(String name, String value) {
			this.environment.put(name, value);
			return this;
		}

		/** What the program reads on stdin, then end of file; without it, stdin is {@code /dev/null}. */
		public Builder input(String text) {
			this.input = text;
			return this;
		}

		/** Both of its streams to {@code file} instead of collected. */
		public Builder outputTo(Path file) {
			this.outputFile = file;
			return this;
		}

		public ChildProcess start() {
			return new ChildProcess(this);
		}

		/** Runs it to its end within {@code timeout} and returns it, exited. */
		public ChildProcess run(Duration timeout) {
			ChildProcess process = start();
			process.awaitExit(timeout);
			return process;
		}

	}

	/** One stream's lines, each with the time it arrived. */
	private static final class Output {

		private final StringBuffer text = new StringBuffer();

		private final List<Long> arrivals = new ArrayList<>();

		private final List<String> lines = new ArrayList<>();

		private boolean ended;

		Thread collect(InputStream stream, String name) {
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						long now = System.nanoTime();
						this.text.append(line).append('\n');
						synchronized (this) {
							this.lines.add(line);
							this.arrivals.add(now);
							notifyAll();
						}
					}
				}
				catch (IOException ex) {
					// the process is gone
				}
				finally {
					synchronized (this) {
						this.ended = true;
						notifyAll();
					}
				}
			}, name + "-reader");
			reader.setDaemon(true);
			reader.start();
			return reader;
		}

		String text() {
			return this.text.toString();
		}

		synchronized boolean ended() {
			return this.ended;
		}

		/** Waits on this monitor, which the reader notifies on every line and at the end. */
		synchronized Long awaitLine(Predicate<String> match, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			int checked = 0;
			while (true) {
				for (; checked < this.lines.size(); checked++) {
					if (match.test(this.lines.get(checked))) {
						return this.arrivals.get(checked);
					}
				}
				long left = deadline - System.nanoTime();
				if (this.ended || left <= 0) {
					return null;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
			}
		}

	}

}

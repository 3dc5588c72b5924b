package com.example.udpsocket.deploy.nginx;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.Timeouts;

/**
 * An nginx of the test's own, run in the foreground as a child process on a configuration
 * and a prefix directory of its own, and stopped at the end. It never touches the system's
 * nginx, its configuration or its logs.
 */
final class Nginx implements AutoCloseable {

	private final ChildProcess process;

	private final Path directory;

	private final List<String> reload;

	private Nginx(ChildProcess process, Path directory, List<String> reload) {
		this.process = process;
		this.directory = directory;
		this.reload = reload;
	}

	/**
	 * Checks {@code configuration} with {@code nginx -t}, then starts nginx on it. Its pid,
	 * logs and output go to {@code directory}.
	 */
	static Nginx start(Path binary, String configuration, Path directory) {
		return start(binary, configuration, directory, List.of());
	}

	/** The same, with {@code prefix} before the command: {@code ip netns exec <name>}, to run it elsewhere. */
	static Nginx start(Path binary, String configuration, Path directory, List<String> prefix) {
		Path conf = directory.resolve("nginx.conf");
		try {
			Files.writeString(conf, configuration, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (ChildProcess check = command(prefix, binary, conf, directory, "-t").run(Timeouts.PROCESS)) {
			if (check.awaitExit(Duration.ZERO) != 0) {
				throw new IllegalStateException("nginx rejected the rendered configuration:\n" + check.out() + check.err()
						+ "\n--- " + conf + "\n" + configuration);
			}
		}
		ChildProcess process = command(prefix, binary, conf, directory, "-g", "daemon off;")
			.outputTo(directory.resolve("nginx.out"))
			.start();
		return new Nginx(process, directory, arguments(List.of(), binary, conf, directory, "-s", "reload"));
	}

	private static ChildProcess.Builder command(List<String> prefix, Path binary, Path conf, Path directory,
			String... args) {
		return ChildProcess.command(arguments(prefix, binary, conf, directory, args)).directory(directory);
	}

	private static List<String> arguments(List<String> prefix, Path binary, Path conf, Path directory,
			String... args) {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(binary.toString(), "-p", directory + File.separator, "-c", conf.toString(), "-e",
				directory.resolve("error.log").toString()));
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * The shell command that reloads this nginx ({@code nginx -s reload} on its own
	 * configuration), as udp-lb-health-check.sh's {@code -c} takes it.
	 */
	String reloadCommand() {
		return String.join(" ", this.reload.stream().map(Nginx::quoted).toList());
	}

	private static String quoted(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** What nginx logged so far, at the level the configuration asks for. */
	String errorLog() {
		Path file = this.directory.resolve("error.log");
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** What nginx wrote to its standard output and error. */
	String output() {
		return this.process.output();
	}

	/** Stops nginx as {@code nginx -s stop} would (SIGTERM), and waits for it to exit. */
	@Override
	public void close() {
		this.process.stop(Timeouts.GRACE);
	}

}

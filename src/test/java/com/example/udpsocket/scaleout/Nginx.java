package com.example.udpsocket.scaleout;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An nginx of the test's own, run in the foreground as a child process on a configuration
 * and a prefix directory of its own, and stopped at the end. It never touches the system's
 * nginx, its configuration or its logs.
 */
final class Nginx implements AutoCloseable {

	/** Set to the path of an nginx binary to use that one rather than the first found. */
	static final String BINARY_PROPERTY = "scaleout.nginx.binary";

	private static final List<String> SBIN_DIRECTORIES = List.of("/usr/sbin", "/usr/local/sbin",
			"/usr/local/nginx/sbin");

	private final Process process;

	private final Path directory;

	private final Thread reaper;

	private Nginx(Process process, Path directory) {
		this.process = process;
		this.directory = directory;
		// a test JVM that dies must not leave a balancer running
		this.reaper = new Thread(process::destroy, "nginx-reaper");
		Runtime.getRuntime().addShutdownHook(this.reaper);
	}

	/** The nginx binary: the one named by {@value #BINARY_PROPERTY}, or the first on the PATH or in an sbin. */
	static Optional<Path> binary() {
		String configured = System.getProperty(BINARY_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		List<String> directories = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		directories.addAll(SBIN_DIRECTORIES);
		return directories.stream()
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, "nginx"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Checks {@code configuration} with {@code nginx -t}, then starts nginx on it. Its pid,
	 * logs and output go to {@code directory}.
	 */
	static Nginx start(Path binary, String configuration, Path directory) {
		try {
			Path conf = directory.resolve("nginx.conf");
			Files.writeString(conf, configuration, StandardCharsets.UTF_8);
			Process check = command(binary, conf, directory, "-t").redirectErrorStream(true).start();
			if (!check.waitFor(30, TimeUnit.SECONDS)) {
				check.destroyForcibly();
				throw new IllegalStateException("nginx -t did not finish within 30 s");
			}
			String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (check.exitValue() != 0) {
				throw new IllegalStateException("nginx rejected the rendered configuration:\n" + checked
						+ "\n--- " + conf + "\n" + configuration);
			}
			Process process = command(binary, conf, directory, "-g", "daemon off;").redirectErrorStream(true)
				.redirectOutput(directory.resolve("nginx.out").toFile())
				.start();
			return new Nginx(process, directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static ProcessBuilder command(Path binary, Path conf, Path directory, String... args) {
		List<String> command = new ArrayList<>(List.of(binary.toString(), "-p", directory + File.separator, "-c",
				conf.toString(), "-e", directory.resolve("error.log").toString()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).directory(directory.toFile());
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** What nginx logged so far, at the level the configuration asks for. */
	String errorLog() {
		return read("error.log");
	}

	/** What nginx wrote to its standard output and error. */
	String output() {
		return read("nginx.out");
	}

	private String read(String name) {
		Path file = this.directory.resolve(name);
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops nginx as {@code nginx -s stop} would (SIGTERM), and waits for it to exit. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(this.reaper);
			}
			catch (IllegalStateException ex) {
				// the JVM is already shutting down and the hook runs anyway
			}
		}
	}

}

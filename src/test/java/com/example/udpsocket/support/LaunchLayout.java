package com.example.udpsocket.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The application as the container image runs it: the jar extracted, the launch options
 * of {@code deploy/jvm} beside it and the class-data archives of their training runs,
 * prepared with the benchmark's JVM exactly as the Dockerfile prepares them with the
 * image's. Its commands run with the layout as working directory, which the options'
 * relative paths need.
 */
final class LaunchLayout {

	static final String TRAINING = "train.sh";

	private static final List<String> FILES = List.of("server.args", "client.args", TRAINING);

	private static final long PREPARE_LIMIT_SECONDS = 300;

	private LaunchLayout() {
	}

	/** Where the layout of a run goes. */
	static Path directory(BenchOptions options) {
		return options.out().resolve("layout").toAbsolutePath();
	}

	/** Extracts the jar and runs the training runs; whatever an earlier run left there goes first. */
	static void prepare(BenchOptions options) throws IOException {
		Path layout = directory(options);
		deleteRecursively(layout);
		Files.createDirectories(layout.getParent());
		run(new ProcessBuilder(ServerKind.java(), "-Djarmode=tools", "-jar", options.jar().toAbsolutePath().toString(),
				"extract", "--destination", layout.toString()), "extracting the jar");
		for (String file : FILES) {
			Files.copy(options.launchOptions().resolve(file), layout.resolve(file), StandardCopyOption.REPLACE_EXISTING);
		}
		ProcessBuilder training = new ProcessBuilder("sh", TRAINING).directory(layout.toFile());
		training.environment().put("JAVA", ServerKind.java());
		run(training, TRAINING);
	}

	/** The server as the image's entry point starts it. */
	static List<String> serverCommand() {
		return new ArrayList<>(List.of(ServerKind.java(), "@server.args", "-jar", "udp-socket.jar"));
	}

	/** The client with its own launch options. */
	static List<String> clientCommand() {
		return new ArrayList<>(List.of(ServerKind.java(), "@client.args", "-jar", "udp-socket.jar"));
	}

	private static void run(ProcessBuilder builder, String what) throws IOException {
		Path log = Files.createTempFile("bench-layout", ".log");
		try {
			Process process = ChildProcesses.start(builder.redirectErrorStream(true).redirectOutput(log.toFile()));
			try {
				if (!process.waitFor(PREPARE_LIMIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
					throw new IOException(what + " failed:\n" + Files.readString(log));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(what + " interrupted", ex);
			}
			finally {
				ChildProcesses.kill(process);
			}
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}

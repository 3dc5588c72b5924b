package com.example.udpsocket.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The application as the container image runs it: the jar extracted, the launch options
 * of {@code deploy/jvm} beside it and the class-data archives of their training runs,
 * prepared with this JVM exactly as the Dockerfile prepares them with the image's. Its
 * commands run with the layout as working directory, which the options' relative paths
 * need. The benchmark measures it and {@code LaunchOptionsIT} tests it.
 */
public final class LaunchLayout {

	/** The launch options of the repository. */
	public static final Path LAUNCH_OPTIONS = Path.of("deploy", "jvm");

	public static final String TRAINING = "train.sh";

	private static final List<String> FILES = List.of("server.args", "client.args", TRAINING);

	private LaunchLayout() {
	}

	/**
	 * Extracts {@code jar} into {@code directory}, copies the files of {@code launchOptions}
	 * beside it and runs their training runs; whatever an earlier run left there goes first.
	 */
	public static void prepare(Path jar, Path launchOptions, Path directory) {
		deleteRecursively(directory);
		try {
			Files.createDirectories(directory.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		run(ChildProcess.java("-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract", "--destination",
				directory.toString()), "extracting the jar");
		for (String file : FILES) {
			copy(launchOptions.resolve(file), directory.resolve(file));
		}
		run(ChildProcess.command("sh", TRAINING).directory(directory).environment("JAVA", ChildProcess.java()),
				TRAINING);
	}

	/** The server as the image's entry point starts it, in the layout's directory. */
	public static ChildProcess.Builder server(Path directory, String... args) {
		return ChildProcess.command(serverCommand()).args(args).directory(directory);
	}

	/** The client with its own launch options, in the layout's directory. */
	public static ChildProcess.Builder client(Path directory, String... args) {
		return ChildProcess.command(clientCommand()).args(args).directory(directory);
	}

	/** {@code java @server.args [jvmOptions] -jar udp-socket.jar}. */
	public static List<String> serverCommand(String... jvmOptions) {
		return command("@server.args", jvmOptions);
	}

	/** {@code java @client.args [jvmOptions] -jar udp-socket.jar}. */
	public static List<String> clientCommand(String... jvmOptions) {
		return command("@client.args", jvmOptions);
	}

	private static List<String> command(String argumentFile, String... jvmOptions) {
		List<String> command = new ArrayList<>(List.of(ChildProcess.java(), argumentFile));
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-jar", "udp-socket.jar"));
		return command;
	}

	private static void run(ChildProcess.Builder builder, String what) {
		try (ChildProcess process = builder.start()) {
			int exit = process.awaitExit(Timeouts.PROCESS);
			if (exit != 0) {
				throw new IllegalStateException(what + " failed with exit code " + exit + ":\n" + process.out()
						+ process.err());
			}
		}
	}

	private static void copy(Path from, Path to) {
		try {
			Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

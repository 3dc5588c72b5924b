package com.example.udpsocket.support;

import java.nio.file.Path;
import java.util.List;

/**
 * The quick-start layout: the jar extracted, with the launch options, launchers and
 * class-data archives of {@code deploy/jvm} beside it, made by its {@code layout.sh} with
 * this JVM, as {@code ./mvnw package} makes {@code target/udp-socket}. Its launchers run
 * from any working directory. {@code LaunchOptionsIT} tests the build's; the benchmark
 * measures one it makes from the launch options it is given.
 */
public final class LaunchLayout {

	/** The layout {@code ./mvnw package} makes beside the jar. */
	public static final Path BUILT = Path.of("target", "udp-socket");

	/** The launch options of the repository. */
	public static final Path LAUNCH_OPTIONS = Path.of("deploy", "jvm");

	/** What makes a layout from a jar and launch options. */
	public static final String MAKE = "layout.sh";

	private LaunchLayout() {
	}

	/** Makes the layout of {@code jar} in {@code directory} with {@code launchOptions}' {@value #MAKE}. */
	public static void prepare(Path jar, Path launchOptions, Path directory) {
		run(ChildProcess.command("sh", launchOptions.resolve(MAKE).toString(), jar.toString(), directory.toString())
			.environment("JAVA", ChildProcess.java()), MAKE);
	}

	/** The server as its launcher starts it; {@code JAVA_OPTS} in the builder's environment adds JVM options. */
	public static ChildProcess.Builder server(Path directory, String... args) {
		return ChildProcess.command(serverCommand(directory)).args(args);
	}

	/** The client as its launcher starts it. */
	public static ChildProcess.Builder client(Path directory, String... args) {
		return ChildProcess.command(clientCommand(directory)).args(args);
	}

	/** {@code bin/server} of the layout in {@code directory}. */
	public static List<String> serverCommand(Path directory) {
		return List.of(directory.resolve("bin").resolve("server").toString());
	}

	/** {@code bin/client} of the layout in {@code directory}. */
	public static List<String> clientCommand(Path directory) {
		return List.of(directory.resolve("bin").resolve("client").toString());
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

}

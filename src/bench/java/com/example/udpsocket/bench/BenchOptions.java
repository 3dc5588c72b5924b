package com.example.udpsocket.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.example.udpsocket.support.LaunchLayout;

/**
 * The benchmark's knobs, from {@code --name=value} arguments. The defaults make one run
 * of about six minutes on two cores.
 *
 * @param jar the packaged server, {@code target/udp-socket.jar}
 * @param out where the logs and {@code results.md} go
 * @param rounds how many times each server is measured in each cell, alternating
 * @param warmupMax the longest warm-up before a measured interval (it ends sooner once the server's
 * JIT compiler is done, see {@link WarmUp})
 * @param measure each measured interval
 * @param windows the windows measured, in this order in each server process
 * @param loggingModes {@code off} and/or {@code on}
 * @param sockets client sockets (the window is shared out between them)
 * @param payloadBytes request payload size
 * @param timeout how long a request waits for its reply before it counts as lost
 * @param startupRuns runs of each startup measurement (0 skips them)
 * @param keepLogs keep the servers' output files (they grow by megabytes per second with logging on)
 * @param jvmArgs JVM options for both servers (comma-separated), e.g. {@code -Xmx128m}; none by default
 * @param oursArgs extra application arguments for ours (comma-separated), e.g.
 * {@code --udp.server.handler-threads=0}, to measure a setting against the defaults
 * @param launchOptions the launch options of the extracted layout ({@code deploy/jvm}), or
 * {@code none} to leave that part of the run out
 * @param servers which of ours, stock and baseline run, in the order of {@link ServerKind}
 * @param oursVariant ours once more with extra arguments, or null
 */
record BenchOptions(Path jar, Path out, int rounds, Duration warmupMax, Duration measure, List<Integer> windows,
		List<String> loggingModes, int sockets, int payloadBytes, Duration timeout, int startupRuns,
		boolean keepLogs, List<String> jvmArgs, List<String> oursArgs, Path launchOptions, List<ServerKind> servers,
		Variant oursVariant) {

	static final String USAGE = """
			options (all --name=value): jar, out, rounds (2), warmup-max-seconds (10), measure-seconds (4),
			windows (64,1), logging (off,on), sockets (4), payload-bytes (32), timeout-ms (1000),
			startup-runs (5), keep-logs (false), jvm-args (none), ours-args (none), launch-options (deploy/jvm),
			servers (ours,stock,baseline), ours-variant (none; NAME:ARG1,ARG2...)""";

	/** The names {@code --servers} takes. */
	private static final Map<String, ServerKind> SELECTABLE = Map.of("ours", ServerKind.OURS, "stock",
			ServerKind.STOCK, "baseline", ServerKind.BASELINE);

	private static final Pattern VARIANT_NAME = Pattern.compile("[A-Za-z0-9._+-]+");

	static BenchOptions parse(String... args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.isBlank()) {
				continue;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("expected --name=value, got '" + arg + "'\n" + USAGE);
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		BenchOptions options = new BenchOptions(Path.of(take(values, "jar", "target/udp-socket.jar")),
				Path.of(take(values, "out", "target/bench")), Integer.parseInt(take(values, "rounds", "2")),
				seconds(take(values, "warmup-max-seconds", "10")), seconds(take(values, "measure-seconds", "4")),
				integers(take(values, "windows", "64,1")), list(take(values, "logging", "off,on")),
				Integer.parseInt(take(values, "sockets", "4")), Integer.parseInt(take(values, "payload-bytes", "32")),
				Duration.ofMillis(Long.parseLong(take(values, "timeout-ms", "1000"))),
				Integer.parseInt(take(values, "startup-runs", "5")),
				Boolean.parseBoolean(take(values, "keep-logs", "false")), list(take(values, "jvm-args", "")),
				list(take(values, "ours-args", "")), launchOptions(take(values, "launch-options", "deploy/jvm")),
				servers(take(values, "servers", "ours,stock,baseline")), variant(take(values, "ours-variant", "")));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown options " + values.keySet() + "\n" + USAGE);
		}
		options.validate();
		return options;
	}

	private void validate() {
		if (!Files.isRegularFile(this.jar)) {
			throw new IllegalArgumentException(this.jar + " not found: package the server first");
		}
		if (this.rounds < 1 || this.startupRuns < 0 || this.warmupMax.isNegative() || this.measure.isZero()
				|| this.windows.isEmpty() || this.loggingModes.isEmpty()) {
			throw new IllegalArgumentException("rounds >= 1, startup-runs >= 0, a positive measure time, "
					+ "and at least one window and logging mode, please");
		}
		if (withLaunchOptions() && !Files.isRegularFile(this.launchOptions.resolve(LaunchLayout.MAKE))) {
			throw new IllegalArgumentException(this.launchOptions + " holds no " + LaunchLayout.MAKE
					+ ": give the launch options' directory, or none");
		}
		for (String mode : this.loggingModes) {
			if (!mode.equals("off") && !mode.equals("on")) {
				throw new IllegalArgumentException("logging is off and/or on, not " + mode);
			}
		}
	}

	/** Where the extracted layout with the launch options goes. */
	Path layout() {
		return this.out.resolve("layout").toAbsolutePath();
	}

	/** Whether the run includes the extracted layout with its launch options: ours' deployment, so with ours. */
	boolean withLaunchOptions() {
		return this.launchOptions != null && this.servers.contains(ServerKind.OURS);
	}

	/** Whether the run measures our server (and so its client command and launch options). */
	boolean withOurs() {
		return this.servers.contains(ServerKind.OURS);
	}

	/**
	 * The servers each round measures, one after the other, in the order of the tables: the
	 * chosen ones, and ours' variant right after ours when there is one.
	 */
	List<ServerKind> rotation() {
		return Arrays.stream(ServerKind.values())
			.filter((kind) -> this.servers.contains(kind) || (kind == ServerKind.OURS_VARIANT && this.oursVariant != null))
			.toList();
	}

	/** Whether the stock peer runs, so that its class path is needed. */
	boolean withStock() {
		return this.servers.contains(ServerKind.STOCK);
	}

	private static Path launchOptions(String value) {
		return value.equals("none") ? null : Path.of(value);
	}

	private static List<ServerKind> servers(String value) {
		List<ServerKind> servers = new ArrayList<>();
		for (String name : list(value)) {
			ServerKind kind = SELECTABLE.get(name);
			if (kind == null) {
				throw new IllegalArgumentException("servers are ours, stock and/or baseline, not " + name);
			}
			servers.add(kind);
		}
		if (servers.isEmpty()) {
			throw new IllegalArgumentException("servers: at least one of ours, stock and baseline, please");
		}
		return Arrays.stream(ServerKind.values()).filter(servers::contains).toList();
	}

	/**
	 * {@code NAME:ARG1,ARG2}: the name its rows get ("ours, NAME") and its extra application
	 * arguments; an argument {@code jar=PATH} runs that jar (another build of ours) instead.
	 */
	private static Variant variant(String value) {
		if (value.isEmpty()) {
			return null;
		}
		int colon = value.indexOf(':');
		String name = (colon < 0) ? value : value.substring(0, colon);
		if (!VARIANT_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("ours-variant is NAME:ARG1,ARG2..., NAME of letters, digits and ._+-, "
					+ "not '" + value + "'");
		}
		List<String> arguments = (colon < 0) ? List.of() : list(value.substring(colon + 1));
		Path jar = arguments.stream().filter((argument) -> argument.startsWith("jar=")).findFirst()
			.map((argument) -> Path.of(argument.substring(4)))
			.orElse(null);
		return new Variant(name, arguments.stream().filter((argument) -> !argument.startsWith("jar=")).toList(), jar);
	}

	private static String take(Map<String, String> values, String name, String fallback) {
		String value = values.remove(name);
		return (value != null) ? value : fallback;
	}

	private static Duration seconds(String value) {
		return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
	}

	private static List<Integer> integers(String value) {
		List<Integer> result = new ArrayList<>();
		for (String item : list(value)) {
			result.add(Integer.parseInt(item));
		}
		return result;
	}

	private static List<String> list(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	/**
	 * A second set-up of ours measured in the same run, e.g. another logging configuration.
	 *
	 * @param name how its rows are labelled: "ours, NAME"
	 * @param arguments application arguments added to ours' (after {@code --ours-args}); none
	 * measures ours twice, which shows how far two identical servers differ
	 */
	/** @param jar the variant's own jar, or {@code null} for ours */
	record Variant(String name, List<String> arguments, Path jar) {
	}

}

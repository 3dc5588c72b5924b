package com.example.udpsocket.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.LaunchLayout;

/**
 * The servers compared, each as the command that starts it in a JVM of its own: ours, the
 * stock Spring Integration flow and the baseline with the JVM's default flags, so that all
 * are measured the same way; ours once more with extra arguments when a variant is asked
 * for, and once more as the container image starts it. Tables list them in this order.
 */
enum ServerKind {

	/**
	 * The packaged jar with its default settings. Only the ports are chosen, so that the
	 * run cannot collide with another server on this machine, and the load generator's
	 * loopback addresses are exempt from the rate limit; logging off sets every
	 * logger to WARN, which silences the per-datagram INFO line and nothing the server
	 * needs.
	 */
	OURS("ours") {
		@Override
		List<String> command(Launch launch, int port, boolean logging) {
			return oursJar(launch.options(), launch.options().jar(), port, logging, List.of());
		}
	},

	/** {@link #OURS} with the extra arguments of {@code --ours-variant}, named after it. */
	OURS_VARIANT("ours, variant") {
		@Override
		List<String> command(Launch launch, int port, boolean logging) {
			BenchOptions.Variant variant = launch.options().oursVariant();
			return oursJar(launch.options(), (variant.jar() != null) ? variant.jar() : launch.options().jar(), port,
					logging, variant.arguments());
		}

		@Override
		String label(BenchOptions options) {
			return (options.oursVariant() != null) ? "ours, " + options.oursVariant().name() : super.label(options);
		}
	},

	/**
	 * The same jar extracted and started as the container image starts it: with the launch
	 * options of {@code deploy/jvm} (class-data archive, ahead-of-time bean definitions,
	 * capped heap). Same ports and logging switch as {@link #OURS}.
	 */
	OURS_LAUNCH_OPTIONS("ours, launch options") {
		@Override
		List<String> command(Launch launch, int port, boolean logging) {
			Path layout = launch.options().layout().toAbsolutePath();
			List<String> command = new ArrayList<>(LaunchLayout.serverCommand(layout));
			command.addAll(oursArguments(launch.options(), port, logging, List.of()));
			return command;
		}

		@Override
		Path directory(BenchOptions options) {
			return options.layout();
		}
	},

	/**
	 * The stock Spring Integration flow ({@code StockIntegrationServer}) on its own build's
	 * jars, Boot's console at INFO with logging on, every logger at WARN with it off.
	 */
	STOCK("stock") {
		@Override
		List<String> command(Launch launch, int port, boolean logging) {
			return launch.stock().command(launch.options().jvmArgs(), port, logging);
		}
	},

	/** {@link BaselineServer} on nothing but its own class. */
	BASELINE("baseline") {
		@Override
		List<String> command(Launch launch, int port, boolean logging) {
			List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
			command.addAll(launch.options().jvmArgs());
			command.addAll(List.of("-cp", ownClasses(), BaselineServer.class.getName(), Integer.toString(port)));
			if (logging) {
				command.add("--log");
			}
			return command;
		}
	};

	private final String label;

	ServerKind(String label) {
		this.label = label;
	}

	/** How the report names it. */
	String label(BenchOptions options) {
		return this.label;
	}

	/** The command that starts this server on {@code port} (0 lets it pick one). */
	abstract List<String> command(Launch launch, int port, boolean logging);

	/** The working directory of the command: null for the driver's own. */
	Path directory(BenchOptions options) {
		return null;
	}

	private static List<String> oursJar(BenchOptions options, Path jar, int port, boolean logging,
			List<String> extra) {
		List<String> command = new ArrayList<>(List.of(ChildProcess.java()));
		command.addAll(options.jvmArgs());
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(oursArguments(options, port, logging, extra));
		return command;
	}

	/**
	 * Our server's application arguments: the ports, any extra ones ({@code --ours-args},
	 * then the variant's), and the logging switch.
	 */
	private static List<String> oursArguments(BenchOptions options, int port, boolean logging, List<String> extra) {
		// the load is the operator's own, from loopback: exempt from the rate limit on purpose
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--udp.server.port=" + port,
				"--udp.server.rate-limit.exempt-sources=127.0.0.0/8"));
		arguments.addAll(options.oursArgs());
		arguments.addAll(extra);
		if (!logging) {
			arguments.add("--logging.level.root=WARN");
		}
		return arguments;
	}

	private static String ownClasses() {
		try {
			return Path.of(BaselineServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What starting a server takes beyond its kind: the run's options, and the stock
	 * peer's class path (null when the run leaves the stock peer out).
	 */
	record Launch(BenchOptions options, StockClassPath stock) {
	}

}

package com.example.udpsocket.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ip} command (iproute2), for tests that make hosts of their own out of network
 * namespaces and veth pairs: what it is told must succeed, but for removing what may not be
 * there. It needs root; without {@code ip} or root the calling test is skipped
 * ({@link ExternalTool#unavailable(String)}).
 */
public final class Ip {

	private final Path command;

	private Ip(Path command) {
		this.command = command;
	}

	/** The command, as root; the calling test is skipped without either. */
	public static Ip require() {
		Path command = ExternalTool.IP.require();
		if (!"root".equals(System.getProperty("user.name"))) {
			ExternalTool.IP.unavailable("a network namespace needs root: run the tests as root");
		}
		return new Ip(command);
	}

	/** {@code ip args...}, returning its output; fails unless it exits 0. */
	public String run(String... args) {
		try (ChildProcess ip = ChildProcess.command(this.command.toString()).args(args).run(Timeouts.PROCESS)) {
			int exit = ip.awaitExit(Timeouts.PROCESS);
			if (exit != 0) {
				throw new IllegalStateException("ip " + String.join(" ", args) + " exited " + exit + ": " + ip.err());
			}
			return ip.out();
		}
	}

	/** {@code ip -n namespace args...}: the same inside {@code namespace}. */
	public void in(String namespace, String... args) {
		List<String> command = new ArrayList<>(List.of("-n", namespace));
		command.addAll(List.of(args));
		run(command.toArray(String[]::new));
	}

	/** {@code ip args...} that removes something: what is not there is no error. */
	public void remove(String... args) {
		try (ChildProcess ip = ChildProcess.command(this.command.toString()).args(args).run(Timeouts.PROCESS)) {
			// gone already, or removed now
		}
	}

	/** The command prefix that runs a program inside {@code namespace}. */
	public List<String> exec(String namespace) {
		return List.of(this.command.toString(), "netns", "exec", namespace);
	}

}

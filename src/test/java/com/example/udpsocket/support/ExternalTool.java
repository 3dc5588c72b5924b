package com.example.udpsocket.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A program some tests need that a fresh machine (a JDK and the base system) may not have.
 * A test that needs one calls {@link #require()}: without the program it is skipped, with
 * one line naming the program and the Debian package that brings it. With
 * {@value #REQUIRED_PROPERTY}{@code =true} (the {@code tools} Maven profile, which CI
 * uses after installing them all) a missing program fails the test instead.
 */
public enum ExternalTool {

	NETCAT("nc", "netcat-openbsd"),

	SOCAT("socat", "socat"),

	PYTHON("python3", "python3"),

	NGINX("nginx", "nginx libnginx-mod-stream"),

	PODMAN("podman", "podman"),

	PROMTOOL("promtool", "prometheus"),

	PROMETHEUS("prometheus", "prometheus"),

	CURL("curl", "curl"),

	IP("ip", "iproute2");

	/** Set by the {@code tools} Maven profile: every tool must be there. */
	public static final String REQUIRED_PROPERTY = "tools.required";

	/** Daemons such as nginx live in an sbin directory, which a user's PATH may leave out. */
	private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

	private static final Set<ExternalTool> reported = ConcurrentHashMap.newKeySet();

	private final String command;

	private final String debianPackages;

	ExternalTool(String command, String debianPackages) {
		this.command = command;
		this.debianPackages = debianPackages;
	}

	public String command() {
		return this.command;
	}

	/**
	 * The program: the path in system property {@code tools.<command>} if set, else the
	 * first executable of that name on the PATH or in an sbin directory.
	 */
	public Optional<Path> find() {
		String configured = System.getProperty("tools." + this.command);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		List<String> directories = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(File.pathSeparator)));
		}
		directories.addAll(SBIN);
		return directories.stream()
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, this.command))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/** Why the tool cannot be used: {@code "socat is not installed (Debian: apt-get install socat)"}. */
	public String missing() {
		return this.command + " is not installed (Debian: apt-get install " + this.debianPackages + ")";
	}

	/**
	 * The program's path; without it, skips the calling test (or fails it where every tool
	 * is required), saying so once per run.
	 */
	public Path require() {
		Optional<Path> found = find();
		if (found.isPresent()) {
			return found.get();
		}
		unavailable(missing());
		throw new AssertionError("unreachable");
	}

	/**
	 * Skips (or, where every tool is required, fails) the calling test because this tool
	 * cannot be used here for {@code reason}, which names what is missing.
	 */
	public void unavailable(String reason) {
		if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
			Assertions.fail(reason + ", and " + REQUIRED_PROPERTY + "=true requires it");
		}
		if (reported.add(this)) {
			System.err.println("[skipped] tests that need " + this.command + ": " + reason);
		}
		Assumptions.abort(reason);
	}

}

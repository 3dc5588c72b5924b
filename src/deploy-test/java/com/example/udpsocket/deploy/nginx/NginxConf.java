package com.example.udpsocket.deploy.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The committed {@code deploy/nginx/udp-lb.conf}: read, and rendered for a test by
 * replacing only addresses and file paths, so that every other line nginx runs is the
 * committed one.
 */
final class NginxConf {

	static final Path COMMITTED = Path.of("deploy", "nginx", "udp-lb.conf");

	private static final Pattern LISTEN = Pattern.compile("^(\\s*listen\\s+)(\\S+)(\\s+udp\\b.*)$");

	/** The file of the upstream's servers that udp-lb-health-check.sh writes. */
	private static final Pattern INCLUDE = Pattern.compile("^(\\s*include\\s+)(\\S+?)(;.*)$");

	private static final Pattern PID = Pattern.compile("^(\\s*pid\\s+)(\\S+)(;.*)$");

	private static final Pattern ERROR_LOG = Pattern.compile("^(\\s*error_log\\s+)(\\S+?)([\\s;].*)$");

	private static final Pattern ACCESS_LOG = Pattern.compile("^(\\s*access_log\\s+)((?!off\\b)\\S+?)([\\s;].*)$");

	private static final Pattern LOAD_MODULE = Pattern.compile("^\\s*load_module\\s+(\\S+);");

	private final List<String> lines;

	private NginxConf(List<String> lines) {
		this.lines = lines;
	}

	static NginxConf committed() {
		try {
			return new NginxConf(Files.readAllLines(COMMITTED, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<String> lines() {
		return this.lines;
	}

	/** The first value of a directive, e.g. {@code "500ms"} for {@code proxy_timeout}. */
	String value(String directive) {
		List<String> values = values(directive);
		if (values.isEmpty()) {
			throw new IllegalStateException(COMMITTED + " has no " + directive);
		}
		return values.get(0);
	}

	/** The arguments of every occurrence of a directive, comments left out. */
	List<String> values(String directive) {
		Pattern pattern = Pattern.compile("^\\s*" + Pattern.quote(directive) + "\\s+([^;#]*);");
		List<String> values = new ArrayList<>();
		for (String line : this.lines) {
			Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				values.add(matcher.group(1).trim());
			}
		}
		return values;
	}

	/** The address of the {@code listen ... udp} line, e.g. {@code "50001"}. */
	String listenAddress() {
		return matching(LISTEN).get(0).group(2);
	}

	/** The files it includes: the upstream's servers, written by udp-lb-health-check.sh. */
	List<Path> includes() {
		return matching(INCLUDE).stream().map((matcher) -> Path.of(matcher.group(2))).toList();
	}

	/** The module files it loads. */
	List<Path> modules() {
		return matching(LOAD_MODULE).stream().map((matcher) -> Path.of(matcher.group(1))).toList();
	}

	/**
	 * The committed configuration with nginx listening on {@code listen}, the upstream's
	 * servers read from {@code upstreamFile} (as udp-lb-health-check.sh writes it), and its
	 * pid and log files in {@code runDirectory}.
	 */
	String render(String listen, Path upstreamFile, Path runDirectory) {
		if (matching(LISTEN).size() != 1 || matching(PID).size() != 1 || matching(INCLUDE).size() != 1) {
			throw new IllegalStateException(
					COMMITTED + " must have one 'listen ... udp' line, one 'pid' line and one 'include' line");
		}
		List<String> rendered = new ArrayList<>();
		for (String line : this.lines) {
			Matcher matcher;
			if ((matcher = LISTEN.matcher(line)).matches()) {
				line = matcher.group(1) + listen + matcher.group(3);
			}
			else if ((matcher = INCLUDE.matcher(line)).matches()) {
				line = matcher.group(1) + upstreamFile + matcher.group(3);
			}
			else if ((matcher = PID.matcher(line)).matches()) {
				line = matcher.group(1) + runDirectory.resolve("nginx.pid") + matcher.group(3);
			}
			else if ((matcher = ERROR_LOG.matcher(line)).matches()) {
				line = matcher.group(1) + runDirectory.resolve("error.log") + matcher.group(3);
			}
			else if ((matcher = ACCESS_LOG.matcher(line)).matches()) {
				line = matcher.group(1) + runDirectory.resolve("access.log") + matcher.group(3);
			}
			rendered.add(line);
		}
		return String.join("\n", rendered) + "\n";
	}

	private List<Matcher> matching(Pattern pattern) {
		List<Matcher> matches = new ArrayList<>();
		for (String line : this.lines) {
			if (line.stripLeading().startsWith("#")) {
				continue;
			}
			Matcher matcher = pattern.matcher(line);
			if (matcher.find()) {
				matches.add(matcher);
			}
		}
		return matches;
	}

	/** An nginx time such as {@code 500ms}, {@code 10s} or {@code 1m}; a bare number is seconds. */
	static Duration duration(String value) {
		Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a single nginx time: " + value);
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

}

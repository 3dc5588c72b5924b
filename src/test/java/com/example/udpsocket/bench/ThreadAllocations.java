package com.example.udpsocket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes each Java thread of a process has allocated so far, from the JVM's per-thread
 * allocation counters as {@code jcmd <pid> Thread.print -e} prints them
 * ({@code "name" #N ... allocated=1234K ...}). Read from outside, before and after a
 * measured interval, so that the server under test runs no agent and no recording; the
 * difference, per reply, is what the datagram path allocates.
 *
 * @param byThread allocated bytes so far by thread name (threads of one name summed)
 */
record ThreadAllocations(Map<String, Long> byThread) {

	private static final Pattern THREAD = Pattern.compile("^\"(.*)\" #\\d+ .*\\ballocated=(\\d+)([BKMG])\\b");

	static final ThreadAllocations NONE = new ThreadAllocations(Map.of());

	/** A snapshot, or {@link #NONE} if jcmd is not there or fails. */
	static ThreadAllocations of(long pid) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = ChildProcesses.start(new ProcessBuilder(jcmd.toString(), Long.toString(pid),
					"Thread.print", "-e").redirectErrorStream(true));
			try {
				String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
					return NONE;
				}
				return parse(text);
			}
			finally {
				ChildProcesses.kill(process);
			}
		}
		catch (IOException ex) {
			return NONE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return NONE;
		}
	}

	static ThreadAllocations parse(String threadDump) {
		Map<String, Long> byThread = new LinkedHashMap<>();
		for (String line : threadDump.split("\n")) {
			Matcher matcher = THREAD.matcher(line);
			if (matcher.find()) {
				long bytes = Long.parseLong(matcher.group(2)) * switch (matcher.group(3)) {
					case "K" -> 1L << 10;
					case "M" -> 1L << 20;
					case "G" -> 1L << 30;
					default -> 1L;
				};
				byThread.merge(matcher.group(1), bytes, Long::sum);
			}
		}
		return new ThreadAllocations(byThread);
	}

	boolean isKnown() {
		return !this.byThread.isEmpty();
	}

	/**
	 * Bytes allocated since {@code before} by the threads whose names match; a thread that
	 * is new since then counts from zero. -1 if either snapshot is missing.
	 */
	long since(ThreadAllocations before, Predicate<String> threads) {
		if (!isKnown() || !before.isKnown()) {
			return -1;
		}
		long total = 0;
		for (Map.Entry<String, Long> entry : this.byThread.entrySet()) {
			if (threads.test(entry.getKey())) {
				total += entry.getValue() - before.byThread.getOrDefault(entry.getKey(), 0L);
			}
		}
		return total;
	}

}

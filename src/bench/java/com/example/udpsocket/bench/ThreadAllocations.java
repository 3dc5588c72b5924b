package com.example.udpsocket.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.udpsocket.support.ChildProcess;

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
		Path jcmd = Path.of(ChildProcess.java()).resolveSibling("jcmd");
		try (ChildProcess dump = ChildProcess.command(jcmd.toString(), Long.toString(pid), "Thread.print", "-e")
			.start()) {
			return (dump.awaitExit(Duration.ofSeconds(30)) == 0) ? parse(dump.out()) : NONE;
		}
		catch (RuntimeException | AssertionError ex) {
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

package com.example.udpsocket.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux tells about a process in {@code /proc}: resident memory and CPU time. Both
 * are read from outside, so the server under test is measured without being touched.
 */
final class ProcFs {

	/** Linux's USER_HZ is 100 on every mainstream architecture; {@code getconf CLK_TCK} says so here. */
	private static final double CLOCK_TICKS_PER_SECOND = 100.0;

	private ProcFs() {
	}

	/** Resident set size now, in KiB. */
	static long rssKib(long pid) {
		return statusField(pid, "VmRSS:");
	}

	/** The largest resident set size so far (high-water mark), in KiB. */
	static long peakRssKib(long pid) {
		return statusField(pid, "VmHWM:");
	}

	/** User plus system CPU time the process has used so far, every thread included, in seconds. */
	static double cpuSeconds(long pid) {
		String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
		// the command name in parentheses may contain spaces; the fields after it do not
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
		// utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return ticks / CLOCK_TICKS_PER_SECOND;
	}

	private static long statusField(long pid, String name) {
		for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
			if (line.startsWith(name)) {
				return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
			}
		}
		throw new IllegalStateException(name + " not in /proc/" + pid + "/status");
	}

	static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package com.example.udpsocket.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
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
		return cpuSecondsOf(Path.of("/proc", Long.toString(pid), "stat"));
	}

	/**
	 * CPU time used so far by the JVM's JIT compiler threads ({@code C1/C2 CompilerThreadN}),
	 * in seconds: while it grows, the JVM is still compiling what the load runs.
	 */
	static double jitCpuSeconds(long pid) {
		double seconds = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				try {
					if (Files.readString(task.resolve("comm")).matches("C\\d CompilerThre.*\\s*")) {
						seconds += cpuSecondsOf(task.resolve("stat"));
					}
				}
				catch (IOException | UncheckedIOException ex) {
					// the thread ended between listing and reading: it compiles nothing more
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return seconds;
	}

	private static double cpuSecondsOf(Path stat) {
		String line = read(stat);
		// the command name in parentheses may contain spaces; the fields after it do not
		String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
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

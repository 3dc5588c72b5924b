package com.example.udpsocket.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts the benchmark's processes and makes sure each one ends: stopped politely with a
 * grace period, then forcibly; and if the driver itself is ended early, a shutdown hook
 * kills whatever it started and had not stopped yet.
 */
final class ChildProcesses {

	private static final Set<Process> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(Process::destroyForcibly),
				"bench-child-killer"));
	}

	private ChildProcesses() {
	}

	static Process start(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		running.add(process);
		return process;
	}

	/** SIGTERM, up to {@code grace} to exit, then SIGKILL. */
	static void stop(Process process, Duration grace) {
		try {
			process.destroy();
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				kill(process);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		finally {
			running.remove(process);
		}
	}

	/** SIGKILL, and a bounded wait for it to take effect. */
	static void kill(Process process) {
		try {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			running.remove(process);
		}
	}

}

package com.example.udpsocket.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * Load before a measured interval, in one-second slices, until the server's JIT compiler
 * threads have been (almost) idle for a whole slice: at least two slices, at most the
 * maximum. The baseline is compiled within two seconds; our server's pipeline takes the
 * compiler several seconds of a core on a two-core machine, and its throughput in the
 * meantime says nothing about its steady state. Both servers get the same rule, and
 * neither waits for what only the other needs.
 */
final class WarmUp {

	private static final Duration SLICE = Duration.ofSeconds(1);

	private static final int MIN_SLICES = 2;

	/** JIT CPU time in one slice below which compiling counts as done: 5% of a core. */
	private static final double JIT_IDLE_SECONDS = 0.05;

	private WarmUp() {
	}

	/** Loads the server with process id {@code pid}; returns how long the warm-up took. */
	static Duration run(LoadSettings settings, long pid, Duration max) throws IOException {
		long start = System.nanoTime();
		if (max.isZero()) {
			return Duration.ZERO;
		}
		for (int slices = 1;; slices++) {
			double jitBefore = ProcFs.jitCpuSeconds(pid);
			new LoadGenerator(settings.withDuration(SLICE)).run();
			boolean compiled = ProcFs.jitCpuSeconds(pid) - jitBefore <= JIT_IDLE_SECONDS;
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			if ((slices >= MIN_SLICES && compiled) || elapsed.plus(SLICE).compareTo(max) > 0) {
				return elapsed;
			}
		}
	}

}

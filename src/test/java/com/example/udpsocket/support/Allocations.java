package com.example.udpsocket.support;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates while it runs a piece of code, as the JVM accounts
 * them ({@code com.sun.management.ThreadMXBean}); a way to prove a hot path allocates
 * nothing. The count includes a few hundred bytes for the measuring itself, so an
 * assertion allows a small bound rather than zero.
 */
public final class Allocations {

	private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private Allocations() {
	}

	/** Runs {@code work} once to warm it up, then again, and returns what the second run allocated. */
	public static long measure(Runnable work) {
		work.run();
		long id = Thread.currentThread().getId();
		long before = threads.getThreadAllocatedBytes(id);
		work.run();
		return threads.getThreadAllocatedBytes(id) - before;
	}

}

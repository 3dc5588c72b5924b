package com.example.udpsocket.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * How long tests wait, in one place. Every wait is bounded; the bounds are generous
 * because a loaded two-core machine can be slow, and a passing test never waits them out:
 * exchanges retry, and conditions are polled.
 */
public final class Timeouts {

	/** One attempt of an exchange on loopback waits this long for its reply. */
	public static final Duration ATTEMPT = Duration.ofMillis(500);

	/** Attempts of one exchange: a datagram the kernel dropped is sent again. */
	public static final int ATTEMPTS = 10;

	/** A condition on the server: a count reached, a line written. */
	public static final Duration AWAIT = Duration.ofSeconds(20);

	/** A program of its own (the packaged jar, nginx, a tool) starting, answering or exiting. */
	public static final Duration PROCESS = Duration.ofSeconds(90);

	/** How long a program is given to stop after SIGTERM before it is killed. */
	public static final Duration GRACE = Duration.ofSeconds(15);

	private Timeouts() {
	}

	/** How often a condition is looked at: often enough that a passing test hardly waits. */
	public static final Duration POLL = Duration.ofMillis(10);

	/** Awaitility, bounded by {@link #AWAIT}, looking at once and then every {@link #POLL}. */
	public static ConditionFactory await() {
		return Awaitility.await().atMost(AWAIT).pollDelay(Duration.ZERO).pollInterval(POLL);
	}

}

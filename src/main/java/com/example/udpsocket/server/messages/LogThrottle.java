package com.example.udpsocket.server.messages;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The one "log at most once per interval" throttle: of the events that call
 * {@link #tryAcquire()}, the first is let through, and then one per interval; the others
 * are counted, so the line that is written can say how many it stands for. Thread-safe and
 * allocation-free: a quiet event costs a volatile read and one atomic increment, a
 * permitted one a single compare-and-set (its losers stay quiet and are counted).
 */
final class LogThrottle {

	/** No event yet: the first one is permitted whatever the clock says. */
	private static final long NONE = Long.MIN_VALUE;

	private final long intervalNanos;

	private final LongSupplier nanoClock;

	private final AtomicLong due = new AtomicLong(NONE);

	private final AtomicLong suppressed = new AtomicLong();

	/**
	 * @param interval the least time between two permitted events, not negative
	 * @param nanoClock the time in nanoseconds, such as {@code System::nanoTime}
	 */
	LogThrottle(Duration interval, LongSupplier nanoClock) {
		if (interval.isNegative()) {
			throw new IllegalArgumentException("interval must not be negative, was " + interval);
		}
		this.intervalNanos = interval.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * Records an event: {@code -1} when the caller must stay quiet, else the number of
	 * events kept quiet since the previous permitted one ({@code 0} for the first).
	 */
	long tryAcquire() {
		long now = this.nanoClock.getAsLong();
		long due = this.due.get();
		if ((due != NONE && now - due < 0) || !this.due.compareAndSet(due, now + this.intervalNanos)) {
			this.suppressed.incrementAndGet();
			return -1;
		}
		return this.suppressed.getAndSet(0);
	}

}

package com.example.udpsocket.server;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A token bucket per sender address, bounded in memory: quiet senders are forgotten after
 * the idle timeout, and once {@code maxSources} are tracked, new senders share one bucket
 * (so a flood of forged source addresses costs a fixed amount of memory and still meets a
 * limit). A sender over its limit is logged at most once per interval.
 */
class SenderRateLimiter {

	private static final Log logger = LogFactory.getLog(SenderRateLimiter.class);

	static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

	private final Bucket shared;

	private final double tokensPerNano;

	private final int burst;

	private final int maxSources;

	private final long idleNanos;

	private final AtomicLong nextSweep;

	SenderRateLimiter(UdpServerProperties.RateLimit limit, long now) {
		this.tokensPerNano = limit.rate() / 1e9;
		this.burst = limit.burst();
		this.maxSources = limit.maxSources();
		this.idleNanos = limit.idleTimeout().toNanos();
		this.shared = new Bucket(this.burst, now);
		this.nextSweep = new AtomicLong(now + SWEEP_INTERVAL_NANOS);
	}

	/** Whether a datagram from {@code sender}, arriving at {@code now}, is within its limit. */
	boolean tryAcquire(InetAddress sender, long now) {
		if (now - this.nextSweep.get() >= 0) {
			sweep(now);
		}
		Bucket bucket = this.buckets.get(sender);
		if (bucket == null) {
			bucket = (this.buckets.size() < this.maxSources)
					? this.buckets.computeIfAbsent(sender, (address) -> new Bucket(this.burst, now)) : this.shared;
		}
		if (bucket.tryTake(now, this.tokensPerNano, this.burst)) {
			return true;
		}
		if (bucket.dueForLog(now)) {
			logger.warn(ServerConsole.rateLimited((bucket == this.shared) ? null : sender));
		}
		return false;
	}

	/** Forgets senders quiet for longer than the idle timeout; at most once a second. */
	private void sweep(long now) {
		long due = this.nextSweep.get();
		if (this.nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
			this.buckets.values().removeIf((bucket) -> now - bucket.lastSeen > this.idleNanos);
		}
	}

	/** Senders tracked now (never more than {@code max-sources}). */
	int trackedSources() {
		return this.buckets.size();
	}

	private static final class Bucket {

		private double tokens;

		private long refilledAt;

		private volatile long lastSeen;

		private long nextLogAt;

		Bucket(int burst, long now) {
			this.tokens = burst;
			this.refilledAt = now;
			this.lastSeen = now;
			this.nextLogAt = now;
		}

		synchronized boolean tryTake(long now, double tokensPerNano, int burst) {
			this.tokens = Math.min(burst, this.tokens + (now - this.refilledAt) * tokensPerNano);
			this.refilledAt = now;
			this.lastSeen = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return true;
			}
			return false;
		}

		synchronized boolean dueForLog(long now) {
			if (now - this.nextLogAt >= 0) {
				this.nextLogAt = now + LOG_INTERVAL_NANOS;
				return true;
			}
			return false;
		}

	}

}

package com.example.udpsocket.server;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Decides, on the receiving thread and before a datagram takes a place in the handler
 * queue, whether its sender is answered at all: it must be in
 * {@code udp.server.allowed-sources} (when set) and within its rate limit. A refused
 * datagram is counted ({@code not-allowed}, {@code rate-limited}) and logged sparingly.
 */
class SenderAdmission {

	private static final Log logger = LogFactory.getLog(SenderAdmission.class);

	private final List<Cidr> allowed;

	private final List<Cidr> exempt;

	private final SenderRateLimiter limiter;

	private final UdpServerMetrics metrics;

	private final AtomicLong nextNotAllowedLog = new AtomicLong(System.nanoTime());

	SenderAdmission(UdpServerProperties properties, UdpServerMetrics metrics) {
		this.allowed = List.copyOf(properties.allowedSources());
		this.exempt = List.copyOf(properties.rateLimit().exemptSources());
		this.limiter = properties.rateLimit().enabled() ? new SenderRateLimiter(properties.rateLimit(), System.nanoTime())
				: null;
		this.metrics = metrics;
	}

	boolean admit(InetAddress sender) {
		if (!this.allowed.isEmpty() && !matches(this.allowed, sender)) {
			this.metrics.outcome(DatagramOutcome.NOT_ALLOWED);
			logNotAllowed(sender);
			return false;
		}
		if (this.limiter != null && !matches(this.exempt, sender) && !this.limiter.tryAcquire(sender, System.nanoTime())) {
			this.metrics.outcome(DatagramOutcome.RATE_LIMITED);
			return false;
		}
		return true;
	}

	private static boolean matches(List<Cidr> blocks, InetAddress sender) {
		for (Cidr block : blocks) {
			if (block.contains(sender)) {
				return true;
			}
		}
		return false;
	}

	private void logNotAllowed(InetAddress sender) {
		long now = System.nanoTime();
		long due = this.nextNotAllowedLog.get();
		if (now - due >= 0 && this.nextNotAllowedLog.compareAndSet(due, now + SenderRateLimiter.LOG_INTERVAL_NANOS)) {
			logger.warn(ServerConsole.notAllowed(sender, (long) this.metrics.count(DatagramOutcome.NOT_ALLOWED)));
		}
	}

	/** Senders the rate limiter tracks now. */
	int trackedSources() {
		return (this.limiter != null) ? this.limiter.trackedSources() : 0;
	}

}

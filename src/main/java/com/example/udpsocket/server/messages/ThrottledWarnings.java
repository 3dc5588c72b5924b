package com.example.udpsocket.server.messages;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.example.udpsocket.server.UdpServerProperties;
import com.example.udpsocket.server.operations.DatagramOutcome;

/**
 * The server's repeated warnings, each kind written at most once per interval, with how
 * many like it were left out: whatever a sender does, it cannot make the server write a
 * line per datagram. The first of each kind is always written.
 */
public class ThrottledWarnings {

	static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(ThrottledWarnings.class);

	private final Map<DatagramOutcome, LogThrottle> refusals = new EnumMap<>(DatagramOutcome.class);

	private final LogThrottle wouldLimit;

	private final UdpServerProperties properties;

	private final int replyBytes;

	public ThrottledWarnings(UdpServerProperties properties, int replyBytes, LongSupplier nanoClock) {
		this.properties = properties;
		this.replyBytes = replyBytes;
		for (DatagramOutcome outcome : DatagramOutcome.values()) {
			this.refusals.put(outcome, new LogThrottle(INTERVAL, nanoClock));
		}
		this.wouldLimit = new LogThrottle(INTERVAL, nanoClock);
	}

	/** A datagram refused before it was handled (too long, not allowed, too short, limited...). */
	public void refused(DatagramOutcome outcome, InetAddress sender, int port, int bytes) {
		refused(outcome, sender, port, bytes, this.replyBytes);
	}

	/** A datagram refused for its reply of {@code replyBytes} bytes. */
	public void refused(DatagramOutcome outcome, InetAddress sender, int port, int bytes, int replyBytes) {
		long leftOut = this.refusals.get(outcome).tryAcquire();
		if (leftOut >= 0) {
			warn(ServerMessages.refused(outcome, sender, port, bytes, this.properties, replyBytes), leftOut);
		}
	}

	/** A reply handler's reply longer than the server sends. */
	public void replyTooLong(InetAddress sender, int port, int replyBytes) {
		long leftOut = this.refusals.get(DatagramOutcome.REPLY_TOO_LONG).tryAcquire();
		if (leftOut >= 0) {
			warn(ServerMessages.replyTooLong(sender, port, replyBytes), leftOut);
		}
	}

	/** A reply the send buffer had no room for. */
	public void unsent(InetAddress sender, int port) {
		long leftOut = this.refusals.get(DatagramOutcome.UNSENT).tryAcquire();
		if (leftOut >= 0) {
			warn(ServerMessages.unsent(sender, port), leftOut);
		}
	}

	/** A datagram the rate limit would have refused, answered in dry run. */
	public void wouldLimit(InetAddress sender, int port) {
		long leftOut = this.wouldLimit.tryAcquire();
		if (leftOut >= 0) {
			warn(ServerMessages.wouldLimit(sender, port), leftOut);
		}
	}

	public void shed() {
		long leftOut = this.refusals.get(DatagramOutcome.SHED).tryAcquire();
		if (leftOut >= 0) {
			warn(ServerMessages.shed(this.properties.queueCapacity()), leftOut);
		}
	}

	public void failed(InetAddress sender, int port, Throwable cause) {
		long leftOut = this.refusals.get(DatagramOutcome.FAILED).tryAcquire();
		if (leftOut >= 0) {
			warn(ServerMessages.failed(sender, port, cause), leftOut);
		}
	}

	private static void warn(String line, long leftOut) {
		logger.warn(ServerMessages.throttled(line, leftOut, INTERVAL));
	}

}

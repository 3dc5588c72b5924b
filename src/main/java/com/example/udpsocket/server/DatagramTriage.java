package com.example.udpsocket.server;

import java.net.InetAddress;
import java.util.List;

/**
 * Decides, on the receiving thread and before a datagram is copied or handled, whether it
 * is answered at all, and if not, why. In this order: an empty datagram is ignored (as the
 * original server does); one from source port 0 cannot be answered; one longer than
 * {@code udp.server.max-datagram-size} was cut by the socket; a sender outside
 * {@code udp.server.allowed-sources} is refused; an exempt sender is answered; any other
 * is answered only if the reply is at most {@code udp.server.max-amplification} times its
 * datagram, and its network prefix is within the rate limit.
 * <p>
 * Nothing here allocates: the sender's address is read once into a reused
 * {@link SenderAddress}, which is why an instance serves one thread.
 */
final class DatagramTriage {

	private final int maxDatagramSize;

	private final List<Cidr> allowed;

	private final List<Cidr> exempt;

	private final int shortest;

	private final PrefixRateLimiter limiter;

	private final SenderAddress sender = new SenderAddress();

	/**
	 * @param limiter the rate limit, or {@code null} for none
	 */
	DatagramTriage(UdpServerProperties properties, int replyBytes, PrefixRateLimiter limiter) {
		this.maxDatagramSize = properties.maxDatagramSize();
		this.allowed = List.copyOf(properties.allowedSources());
		this.exempt = List.copyOf(properties.rateLimit().exemptSources());
		// the shortest datagram whose reply stays within the amplification factor
		this.shortest = (replyBytes + properties.maxAmplification() - 1) / properties.maxAmplification();
		this.limiter = limiter;
	}

	/**
	 * Why a datagram of {@code length} bytes from {@code address}:{@code port}, arriving at
	 * {@code nowNanos}, is not answered, or {@code null} if it is to be handled.
	 * {@link DatagramOutcome#RATE_LIMITED} means over the limit, whether or not the limit is
	 * enforced (a dry run answers it).
	 */
	DatagramOutcome refusal(InetAddress address, int port, int length, long nowNanos) {
		if (length == 0) {
			return DatagramOutcome.EMPTY;
		}
		if (port == 0) {
			return DatagramOutcome.SOURCE_PORT_ZERO;
		}
		if (length > this.maxDatagramSize) {
			return DatagramOutcome.TRUNCATED;
		}
		this.sender.set(address);
		if (!this.allowed.isEmpty() && !matches(this.allowed)) {
			return DatagramOutcome.NOT_ALLOWED;
		}
		if (matches(this.exempt)) {
			return null;
		}
		if (length < this.shortest) {
			return DatagramOutcome.TOO_SHORT;
		}
		if (this.limiter != null && !this.limiter.tryAcquire(this.sender, nowNanos)) {
			return DatagramOutcome.RATE_LIMITED;
		}
		return null;
	}

	private boolean matches(List<Cidr> blocks) {
		for (int i = 0; i < blocks.size(); i++) {
			if (blocks.get(i).contains(this.sender)) {
				return true;
			}
		}
		return false;
	}

	/** The shortest datagram a sender that is not exempt gets an answer to. */
	int shortestAnswered() {
		return this.shortest;
	}

}

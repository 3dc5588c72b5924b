package com.example.udpsocket.server;

/**
 * What became of one received datagram. Every datagram the socket delivers ends in
 * exactly one outcome, so the counts per outcome add up to what was received; what the
 * kernel dropped before the server could read it is counted by the kernel
 * ({@link KernelSocketDrops}).
 */
public enum DatagramOutcome {

	/** Handled and answered. */
	REPLIED("replied"),

	/** Zero bytes long: ignored, as the original server does, but counted. */
	EMPTY("empty"),

	/** From source port 0, which no reply can reach: a forged or broken sender. */
	SOURCE_PORT_ZERO("source_port_zero"),

	/** Longer than {@code udp.server.max-datagram-size}: not answered. */
	TRUNCATED("truncated"),

	/** From a sender outside {@code udp.server.allowed-sources}: not answered. */
	NOT_ALLOWED("not_allowed"),

	/**
	 * Too short for its reply: answering would send more than
	 * {@code udp.server.max-amplification} times what came in to an address nobody vouched for.
	 */
	TOO_SHORT("too_short"),

	/** Over its network prefix's rate limit: not answered. */
	RATE_LIMITED("rate_limited"),

	/** Dropped because every handler was busy and the queue full. */
	SHED("shed"),

	/** Handling or sending the reply failed. */
	FAILED("failed");

	private final String tag;

	DatagramOutcome(String tag) {
		this.tag = tag;
	}

	/** The value of the {@code outcome} tag on {@code udp.server.datagrams.received}. */
	public String tag() {
		return this.tag;
	}

}

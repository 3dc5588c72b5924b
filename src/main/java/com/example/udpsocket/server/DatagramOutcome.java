package com.example.udpsocket.server;

/**
 * What became of one received datagram. Every datagram the socket delivers ends in
 * exactly one outcome, so the counts per outcome add up to what was received.
 */
public enum DatagramOutcome {

	/** Handled and answered. */
	REPLIED("replied"),

	/** Zero bytes long: ignored, as the original server does, but counted. */
	EMPTY("empty"),

	/** Longer than {@code udp.server.max-datagram-size}: not answered. */
	TRUNCATED("truncated"),

	/** Over its sender's rate limit: not answered. */
	RATE_LIMITED("rate-limited"),

	/** From a sender outside {@code udp.server.allowed-sources}: not answered. */
	NOT_ALLOWED("not-allowed"),

	/** Dropped because the handler queue was full. */
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

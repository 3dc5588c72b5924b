package com.example.udpsocket.server.operations;

/**
 * What became of one received datagram. Every datagram the server reads ends in exactly
 * one outcome, so the counts per outcome add up to what was read; what the kernel dropped
 * before the server could read it is counted by the kernel ({@link KernelSocketDrops}).
 * The first group is decided before the datagram is handled, in this order; the rest by
 * handling and sending its reply.
 */
public enum DatagramOutcome {

	/** Zero bytes long: ignored, as the original server does, but counted. */
	EMPTY("empty"),

	/** From source port 0, which no reply can reach: a forged or broken sender. */
	SOURCE_PORT_ZERO("source_port_zero"),

	/** Longer than {@code udp.server.max-datagram-size}: not answered. */
	TRUNCATED("truncated"),

	/**
	 * An IPv4 sender on an IPv6 socket: only an IPv6 packet with an IPv4-mapped source
	 * address ({@code ::ffff:a.b.c.d}) arrives that way, and such a source is forged.
	 */
	FORGED("forged"),

	/** From the server's own socket address: answering it would make the server talk to itself. */
	OWN_ADDRESS("own_address"),

	/**
	 * From the source port of a well-known UDP service that answers on its own
	 * ({@code udp.server.refused-source-ports}): answering could start a reply loop with it.
	 */
	SERVICE_PORT("service_port"),

	/** From a sender outside {@code udp.server.allowed-sources}: not answered. */
	NOT_ALLOWED("not_allowed"),

	/**
	 * Exactly the server's own configured reply: the reply of another server like this one,
	 * answering which would start a reply loop.
	 */
	OWN_REPLY("own_reply"),

	/**
	 * Too short for its reply: answering would send more than
	 * {@code udp.server.max-amplification} times what came in to an address nobody vouched for.
	 */
	TOO_SHORT("too_short"),

	/** Over its network prefix's rate limit: not answered. */
	RATE_LIMITED("rate_limited"),

	/** Dropped because every handler was busy and the queue full. */
	SHED("shed"),

	/** The reply handler answered nothing ({@code null} or an empty reply). */
	NO_REPLY("no_reply"),

	/** The reply handler's reply was longer than the longest reply the server sends. */
	REPLY_TOO_LONG("reply_too_long"),

	/** The reply could not be queued at once: the socket's send buffer was full. */
	UNSENT("unsent"),

	/** Handling or sending the reply failed. */
	FAILED("failed"),

	/** Handled and answered. */
	REPLIED("replied");

	private final String tag;

	DatagramOutcome(String tag) {
		this.tag = tag;
	}

	/** The value of the {@code outcome} tag on {@code udp.server.datagrams.received}. */
	public String tag() {
		return this.tag;
	}

}

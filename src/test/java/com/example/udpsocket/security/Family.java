package com.example.udpsocket.security;

import java.util.List;

/**
 * The addresses of {@link AttackNetwork}'s link, per address family: two servers on this
 * host's end, a legitimate client in the namespace, and pools of on-link addresses that
 * nobody holds, for forged sources. The pools lie in network prefixes of their own (the
 * rate limit's {@code /24} and {@code /56}), apart from the client's, except
 * {@link #clientPrefixPool}. Each pool has 200 addresses: enough that no neighbour's
 * queue of waiting replies fills up (the kernel would drop the oldest and free their room),
 * and few enough to stay far below the neighbour table's size, which every namespace of
 * this machine shares.
 */
enum Family {

	IPV4("IPv4", 16, "10.213.0.1", "10.213.0.2", "10.213.200.2", List.of("10.213.1.10+200", "10.213.2.10+200"),
			"10.213.200.10+200"),

	IPV6("IPv6", 48, "fd53:ec::1", "fd53:ec::2", "fd53:ec:0:c800::2",
			List.of("fd53:ec:0:100::10+200", "fd53:ec:0:200::10+200"), "fd53:ec:0:c800::10+200");

	private final String label;

	/** The prefix length of the link: every address here is on it. */
	final int linkPrefixLength;

	/** Where the server under test listens. */
	final String server;

	/** A second server's address, for loops between two. */
	final String otherServer;

	/** The legitimate client's address, in the namespace. */
	final String client;

	private final List<String> pools;

	/** A pool of unheld addresses in the legitimate client's own rate-limit prefix. */
	final String clientPrefixPool;

	Family(String label, int linkPrefixLength, String server, String otherServer, String client, List<String> pools,
			String clientPrefixPool) {
		this.label = label;
		this.linkPrefixLength = linkPrefixLength;
		this.server = server;
		this.otherServer = otherServer;
		this.client = client;
		this.pools = pools;
		this.clientPrefixPool = clientPrefixPool;
	}

	/**
	 * {@code count} pools of unheld on-link addresses ({@code FIRST+COUNT}, as {@code peer.py
	 * --pool} takes them), each in a rate-limit prefix of its own.
	 */
	List<String> pools(int count) {
		return this.pools.subList(0, count);
	}

	/** iproute2's option for this family. */
	String ipOption() {
		return (this == IPV4) ? "-4" : "-6";
	}

	@Override
	public String toString() {
		return this.label;
	}

}

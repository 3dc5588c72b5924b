package com.example.udpsocket.deploy.nginx;

import java.util.List;

import com.example.udpsocket.support.Ip;

/**
 * Two hosts of the test's own, made with network namespaces and veth pairs, for a load
 * balancer on another host than its servers: this host (the servers) is linked to
 * {@value #BALANCER} (nginx), which is linked to {@value #CLIENTS} (the clients, with an
 * address in each of two client networks). The servers' replies to the clients are routed
 * back through the balancer's host, which delivers them to nginx's transparent sockets,
 * as a real deployment must. Nothing leaves these namespaces; {@link #close()} removes
 * them all.
 */
final class NetworkNamespaces implements AutoCloseable {

	static final String BALANCER = "udpsock-lb";

	static final String CLIENTS = "udpsock-cl";

	/** This host's address towards the balancer, where the servers listen. */
	static final String SERVERS_ADDRESS = "10.77.1.1";

	/** The balancer's address towards the clients, where nginx listens. */
	static final String BALANCER_ADDRESS = "10.77.2.1";

	/** Two clients in two networks (two /24 prefixes). */
	static final String FLOODER_ADDRESS = "10.88.1.2";

	static final String CLIENT_ADDRESS = "10.88.2.2";

	private final Ip ip;

	private NetworkNamespaces(Ip ip) {
		this.ip = ip;
	}

	/** Makes the topology, after removing what an earlier run may have left. */
	static NetworkNamespaces create() {
		Ip ip = Ip.require();
		NetworkNamespaces namespaces = new NetworkNamespaces(ip);
		namespaces.remove();
		try {
			ip.run("netns", "add", BALANCER);
			ip.run("netns", "add", CLIENTS);
			// this host <-> balancer
			ip.run("link", "add", "udpsock-h", "type", "veth", "peer", "name", "udpsock-l", "netns", BALANCER);
			ip.run("addr", "add", SERVERS_ADDRESS + "/24", "dev", "udpsock-h");
			ip.run("link", "set", "udpsock-h", "up");
			ip.in(BALANCER, "addr", "add", "10.77.1.2/24", "dev", "udpsock-l");
			ip.in(BALANCER, "link", "set", "udpsock-l", "up");
			ip.in(BALANCER, "link", "set", "lo", "up");
			// balancer <-> clients
			ip.in(BALANCER, "link", "add", "udpsock-m", "type", "veth", "peer", "name", "udpsock-c", "netns", CLIENTS);
			ip.in(BALANCER, "addr", "add", BALANCER_ADDRESS + "/24", "dev", "udpsock-m");
			ip.in(BALANCER, "link", "set", "udpsock-m", "up");
			ip.in(CLIENTS, "addr", "add", "10.77.2.2/24", "dev", "udpsock-c");
			ip.in(CLIENTS, "addr", "add", FLOODER_ADDRESS + "/32", "dev", "udpsock-c");
			ip.in(CLIENTS, "addr", "add", CLIENT_ADDRESS + "/32", "dev", "udpsock-c");
			ip.in(CLIENTS, "link", "set", "udpsock-c", "up");
			ip.in(CLIENTS, "link", "set", "lo", "up");
			ip.in(CLIENTS, "route", "add", "default", "via", BALANCER_ADDRESS, "src", "10.77.2.2");
			// the way back: client networks through the balancer, and there to nginx itself
			ip.run("route", "add", "10.88.0.0/16", "via", "10.77.1.2");
			ip.in(BALANCER, "route", "add", "10.88.0.0/16", "via", "10.77.2.2");
			ip.in(BALANCER, "rule", "add", "iif", "udpsock-l", "lookup", "100");
			ip.in(BALANCER, "route", "add", "local", "0.0.0.0/0", "dev", "lo", "table", "100");
		}
		catch (RuntimeException | AssertionError ex) {
			namespaces.close();
			throw ex;
		}
		return namespaces;
	}

	/** The command prefix that runs a program inside {@code namespace}. */
	List<String> exec(String namespace) {
		return this.ip.exec(namespace);
	}

	/** Removes what this made; what is not there is no error. */
	private void remove() {
		this.ip.remove("route", "del", "10.88.0.0/16");
		this.ip.remove("link", "del", "udpsock-h");
		this.ip.remove("netns", "del", BALANCER);
		this.ip.remove("netns", "del", CLIENTS);
	}

	@Override
	public void close() {
		remove();
	}

}

package com.example.udpsocket.deploy.nginx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.udpsocket.support.ChildProcess;
import com.example.udpsocket.support.ExternalTool;
import com.example.udpsocket.support.Timeouts;

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

	private final Path ip;

	private NetworkNamespaces(Path ip) {
		this.ip = ip;
	}

	/** Makes the topology, after removing what an earlier run may have left. */
	static NetworkNamespaces create() {
		Path ip = ExternalTool.IP.require();
		NetworkNamespaces namespaces = new NetworkNamespaces(ip);
		namespaces.remove();
		try {
			namespaces.ip("netns", "add", BALANCER);
			namespaces.ip("netns", "add", CLIENTS);
			// this host <-> balancer
			namespaces.ip("link", "add", "udpsock-h", "type", "veth", "peer", "name", "udpsock-l", "netns", BALANCER);
			namespaces.ip("addr", "add", SERVERS_ADDRESS + "/24", "dev", "udpsock-h");
			namespaces.ip("link", "set", "udpsock-h", "up");
			namespaces.in(BALANCER, "addr", "add", "10.77.1.2/24", "dev", "udpsock-l");
			namespaces.in(BALANCER, "link", "set", "udpsock-l", "up");
			namespaces.in(BALANCER, "link", "set", "lo", "up");
			// balancer <-> clients
			namespaces.in(BALANCER, "link", "add", "udpsock-m", "type", "veth", "peer", "name", "udpsock-c", "netns",
					CLIENTS);
			namespaces.in(BALANCER, "addr", "add", BALANCER_ADDRESS + "/24", "dev", "udpsock-m");
			namespaces.in(BALANCER, "link", "set", "udpsock-m", "up");
			namespaces.in(CLIENTS, "addr", "add", "10.77.2.2/24", "dev", "udpsock-c");
			namespaces.in(CLIENTS, "addr", "add", FLOODER_ADDRESS + "/32", "dev", "udpsock-c");
			namespaces.in(CLIENTS, "addr", "add", CLIENT_ADDRESS + "/32", "dev", "udpsock-c");
			namespaces.in(CLIENTS, "link", "set", "udpsock-c", "up");
			namespaces.in(CLIENTS, "link", "set", "lo", "up");
			namespaces.in(CLIENTS, "route", "add", "default", "via", BALANCER_ADDRESS, "src", "10.77.2.2");
			// the way back: client networks through the balancer, and there to nginx itself
			namespaces.ip("route", "add", "10.88.0.0/16", "via", "10.77.1.2");
			namespaces.in(BALANCER, "route", "add", "10.88.0.0/16", "via", "10.77.2.2");
			namespaces.in(BALANCER, "rule", "add", "iif", "udpsock-l", "lookup", "100");
			namespaces.in(BALANCER, "route", "add", "local", "0.0.0.0/0", "dev", "lo", "table", "100");
		}
		catch (RuntimeException | AssertionError ex) {
			namespaces.close();
			throw ex;
		}
		return namespaces;
	}

	/** The command prefix that runs a program inside {@code namespace}. */
	List<String> exec(String namespace) {
		return List.of(this.ip.toString(), "netns", "exec", namespace);
	}

	private void in(String namespace, String... args) {
		List<String> command = new ArrayList<>(List.of("-n", namespace));
		command.addAll(List.of(args));
		ip(command.toArray(String[]::new));
	}

	private void ip(String... args) {
		try (ChildProcess ip = ChildProcess.command(this.ip.toString()).args(args).run(Timeouts.PROCESS)) {
			int exit = ip.awaitExit(Timeouts.PROCESS);
			if (exit != 0) {
				throw new IllegalStateException("ip " + String.join(" ", args) + " exited " + exit + ": " + ip.err());
			}
		}
	}

	/** Removes what this made; what is not there is no error. */
	private void remove() {
		for (List<String> args : List.of(List.of("route", "del", "10.88.0.0/16"), List.of("link", "del", "udpsock-h"),
				List.of("netns", "del", BALANCER), List.of("netns", "del", CLIENTS))) {
			try (ChildProcess ip = ChildProcess.command(this.ip.toString()).args(args.toArray(String[]::new))
				.run(Timeouts.PROCESS)) {
				// gone already, or removed now
			}
		}
	}

	@Override
	public void close() {
		remove();
	}

}

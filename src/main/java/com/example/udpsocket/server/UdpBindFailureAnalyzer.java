package com.example.udpsocket.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import com.example.udpsocket.text.AddressText;

/**
 * Turns a failed bind into the short "APPLICATION FAILED TO START" report that names
 * host:port and says what to do, instead of a stack trace.
 */
class UdpBindFailureAnalyzer extends AbstractFailureAnalyzer<UdpBindException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UdpBindException cause) {
		String where = cause.host() + ":" + cause.port();
		return switch (cause.reason()) {
			case PORT_IN_USE -> new FailureAnalysis("UDP port " + where + " is already in use.",
					"Stop the process that holds UDP port " + cause.port()
							+ ", or set udp.server.port to another port (0 picks a free one).",
					null);
			case DUAL_STACK_WILDCARD -> new FailureAnalysis("udp.server.host=" + cause.host()
					+ " would take IPv4 datagrams too, and an IPv6 packet from a forged IPv4-mapped source"
					+ " (::ffff:a.b.c.d) would pass for an IPv4 sender.",
					"Set udp.server.host to 0.0.0.0 for IPv4 on every interface, or to one of this host's IPv6"
							+ " addresses (" + ipv6Addresses() + "); run one server per address to serve both.",
					null);
			case ADDRESS -> new FailureAnalysis("The UDP socket could not be bound to " + where + ": "
					+ cause.getCause().getMessage() + ".",
					"Set udp.server.host to an address of this machine (127.0.0.1, ::1, or 0.0.0.0 for every"
							+ " IPv4 interface).",
					null);
		};
	}

	/** This host's IPv6 addresses that a socket can bind, link-local ones with their scope. */
	private static String ipv6Addresses() {
		try {
			List<String> addresses = Collections.list(NetworkInterface.getNetworkInterfaces())
				.stream()
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> address instanceof Inet6Address)
				.map(UdpBindFailureAnalyzer::format)
				.toList();
			return addresses.isEmpty() ? "it has none" : String.join(", ", addresses);
		}
		catch (SocketException ex) {
			return "see ip -6 addr";
		}
	}

	private static String format(InetAddress address) {
		return AddressText.format(address);
	}

}

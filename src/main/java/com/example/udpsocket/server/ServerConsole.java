package com.example.udpsocket.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

import org.slf4j.Logger;

import com.example.udpsocket.text.DatagramText;

/**
 * Every line the server writes for its users, in one place. The first two keep the
 * original exercise's wording to the byte.
 */
public final class ServerConsole {

	/** Field names of the per-datagram line in structured logs. */
	public static final String CLIENT_IP = "client.ip";

	public static final String CLIENT_PORT = "client.port";

	public static final String DATAGRAM_BYTES = "datagram.bytes";

	public static final String DATAGRAM_TEXT = "datagram.text";

	private ServerConsole() {
	}

	/** {@code UDPServer listen at: <host>:<port>} once the socket is bound. */
	public static String listening(String host, int port) {
		return "UDPServer listen at: " + host + ":" + port;
	}

	/** The socket's options as the kernel applied them (it may round or cap what was asked for). */
	public static String socketOptions(int receiveBufferBytes, boolean reusePort) {
		return "UDP socket receive buffer (SO_RCVBUF): " + receiveBufferBytes + " bytes; SO_REUSEPORT: "
				+ (reusePort ? "on" : "off");
	}

	/**
	 * Logs {@code [Client <ip>:<port> said]:<text>} at INFO, the text escaped and cut at
	 * {@code maxChars}. With {@code fields} (a structured console format), the parts go
	 * along as fields of their own; a plain console would not show them, so they are not
	 * built for it.
	 */
	public static void logSaid(Logger logger, InetSocketAddress sender, byte[] payload, int maxChars, boolean fields) {
		DatagramText.Escaped text = DatagramText.escape(DatagramText.decode(payload), maxChars);
		String line = "[Client " + address(sender) + " said]:" + text.text();
		if (text.cut()) {
			line = line + "... (cut, " + payload.length + " bytes)";
		}
		if (!fields) {
			logger.info(line);
			return;
		}
		logger.atInfo()
			.addKeyValue(CLIENT_IP, sender.getAddress().getHostAddress())
			.addKeyValue(CLIENT_PORT, sender.getPort())
			.addKeyValue(DATAGRAM_BYTES, payload.length)
			.addKeyValue(DATAGRAM_TEXT, text.text())
			.log(line);
	}

	/** A datagram longer than the receive buffer: counted, logged, not answered. */
	public static String truncated(InetSocketAddress sender, int maxDatagramSize) {
		return "[Client " + address(sender) + "] sent a datagram longer than " + maxDatagramSize
				+ " bytes (udp.server.max-datagram-size): truncated, not answered";
	}

	/** A datagram whose handling or reply failed. */
	public static String failed(InetSocketAddress sender, Throwable cause) {
		return "[Client " + address(sender) + "] datagram not answered: " + cause;
	}

	/** A datagram dropped because every handler was busy and the queue full. */
	public static String shed(int queueCapacity) {
		return "Handler queue full (udp.server.queue-capacity=" + queueCapacity + "): datagrams shed";
	}

	/** A sender over its rate limit ({@code null}: the senders beyond max-sources, which share one limit). */
	public static String rateLimited(java.net.InetAddress sender) {
		String who = (sender != null) ? "[Client " + sender.getHostAddress() + "]"
				: "Untracked senders (udp.server.rate-limit.max-sources reached)";
		return who + " over the rate limit (udp.server.rate-limit): datagrams dropped without reply;"
				+ " logged at most once per 10 s";
	}

	/** Senders outside udp.server.allowed-sources, summed up at most once per interval. */
	public static String notAllowed(java.net.InetAddress sender, long total) {
		return "[Client " + sender.getHostAddress() + "] not in udp.server.allowed-sources: dropped without reply ("
				+ total + " such datagrams so far; logged at most once per 10 s)";
	}

	/** {@code ip:port}, with an IPv6 address in brackets so the port stays readable. */
	public static String address(InetSocketAddress address) {
		if (address == null) {
			return "unknown";
		}
		String host = address.getAddress().getHostAddress();
		return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
	}

}

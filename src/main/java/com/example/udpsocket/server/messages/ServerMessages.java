package com.example.udpsocket.server.messages;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import com.example.udpsocket.server.UdpServerProperties;
import com.example.udpsocket.server.admission.Cidr;
import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.text.AddressText;

/**
 * Every line the server writes for its users, in one place, as text only: the classes that
 * log them decide when. The listening line and the per-datagram line keep the original
 * exercise's wording to the byte; addresses are written as the original wrote them
 * ({@code ip:port}, IPv6 in its RFC 5952 form, {@code ::1:41075}).
 */
public final class ServerMessages {

	/** Field names of the per-datagram line in structured logs. */
	public static final String CLIENT_IP = "client.ip";

	public static final String CLIENT_PORT = "client.port";

	public static final String DATAGRAM_BYTES = "datagram.bytes";

	public static final String DATAGRAM_TEXT = "datagram.text";

	private ServerMessages() {
	}

	/** {@code UDPServer listen at: <address>:<port>} once the socket is bound. */
	public static String listening(InetAddress address, int port) {
		return "UDPServer listen at: " + AddressText.format(address, port);
	}

	/** The socket's options as the kernel granted them: it caps the buffers at its limits. */
	public static String socketOptions(int receiveBufferBytes, int sendBufferBytes, boolean reusePort) {
		return "UDP socket receive buffer (SO_RCVBUF): " + receiveBufferBytes + " bytes; send buffer (SO_SNDBUF): "
				+ sendBufferBytes + " bytes; SO_REUSEPORT: " + (reusePort ? "on" : "off");
	}

	/** A socket buffer the kernel granted less of than the setting asked for. */
	public static String bufferCapped(String property, long asked, String option, int granted, String sysctl,
			long limit) {
		return property + " asks for " + asked + " bytes, but " + sysctl + "=" + limit + " caps " + option + " at "
				+ granted + " bytes. Raise the limit as root: sysctl -w " + sysctl + "=" + asked
				+ " (and in /etc/sysctl.d/ to keep it), or ask for less";
	}

	/** What the server limits, and what that costs in memory, once at start-up. */
	public static String limits(UdpServerProperties properties, long rateLimitBytes) {
		UdpServerProperties.RateLimit limit = properties.rateLimit();
		String amplification = "replies at most " + properties.maxAmplification()
				+ " times the size of the datagram they answer (udp.server.max-amplification)"
				+ (properties.exemptLoopbackFromAmplification() ? ", loopback exempt" : "");
		String exempt = limit.exemptSources().isEmpty() ? "none" : blocks(limit.exemptSources());
		if (!limit.enabled()) {
			return "Rate limit off (udp.server.rate-limit.enabled=false); " + amplification + "; exempt from it: "
					+ exempt;
		}
		return "Rate limit" + (limit.dryRun() ? " in dry run (counted and logged, nothing refused)" : "") + ": "
				+ limit.rate() + " datagrams/s, bursts of " + limit.burst() + ", per /" + limit.ipv4PrefixLength()
				+ " (IPv4) and /" + limit.ipv6PrefixLength() + " (IPv6) prefix, in " + limit.buckets() + " buckets ("
				+ (rateLimitBytes / 1024) + " KiB, fixed); " + amplification + "; exempt from both: " + exempt;
	}

	/** {@code [Client <ip>:<port> said]:<text>}, with a note when the text was cut. */
	public static String said(InetAddress sender, int port, String text, boolean cut, int bytes) {
		String line = "[Client " + AddressText.format(sender, port) + " said]:" + text;
		return cut ? line + "... (cut, " + bytes + " bytes)" : line;
	}

	/** Why a datagram was not answered, for the outcomes decided before it is handled. */
	public static String refused(DatagramOutcome outcome, InetAddress sender, int port, int bytes,
			UdpServerProperties properties, int replyBytes) {
		// a forged sender is written as it arrived, IPv4-mapped, not as the IPv4 host Java reads it as
		String address = (outcome == DatagramOutcome.FORGED) ? "::ffff:" + AddressText.format(sender)
				: AddressText.format(sender);
		String who = "[Client " + address + ":" + port + "] ";
		return who + switch (outcome) {
			case SOURCE_PORT_ZERO -> "sent from port 0, which no reply can reach: dropped";
			case TRUNCATED -> "sent a datagram longer than " + properties.maxDatagramSize()
					+ " bytes (udp.server.max-datagram-size): truncated, not answered";
			case FORGED -> "an IPv4-mapped source on an IPv6 socket, which only a forged packet has: dropped";
			case OWN_ADDRESS -> "is the server's own socket address: not answered, so that it never answers itself";
			case SERVICE_PORT -> "sent from the port of a service that answers everything"
					+ " (udp.server.refused-source-ports): not answered, so that no reply loop starts";
			case OWN_REPLY -> "sent exactly this server's reply, as another server like it would: not answered,"
					+ " so that no reply loop starts";
			case NOT_ALLOWED -> "not in udp.server.allowed-sources: dropped without reply";
			case TOO_SHORT -> "sent " + bytes + " bytes, too few for the " + replyBytes + "-byte reply"
					+ " (udp.server.max-amplification=" + properties.maxAmplification() + "): not answered";
			case RATE_LIMITED -> "over the rate limit of its prefix (udp.server.rate-limit): not answered";
			default -> "not answered (" + outcome.tag() + ")";
		};
	}

	/** A reply handler's reply over the longest reply the server sends. */
	public static String replyTooLong(InetAddress sender, int port, int replyBytes) {
		return "[Client " + AddressText.format(sender, port) + "] the reply handler's reply of " + replyBytes
				+ " bytes is longer than " + UdpServerProperties.MAX_REPLY_BYTES + " bytes: not sent";
	}

	/** A reply the socket's send buffer had no room for. */
	public static String unsent(InetAddress sender, int port) {
		return "[Client " + AddressText.format(sender, port) + "] reply not sent: the socket's send buffer is full"
				+ " (udp.server.socket-send-buffer, net.core.wmem_max)";
	}

	/** A datagram the rate limit would have refused, in dry run. */
	public static String wouldLimit(InetAddress sender, int port) {
		return "[Client " + AddressText.format(sender, port)
				+ "] over the rate limit of its prefix: answered (udp.server.rate-limit.dry-run=true)";
	}

	/** A datagram dropped because every handler was busy and the queue full. */
	public static String shed(int queueCapacity) {
		return "Handler queue full (udp.server.queue-capacity=" + queueCapacity + "): datagram shed";
	}

	/** A datagram whose handling or reply failed. */
	public static String failed(InetAddress sender, int port, Throwable cause) {
		String who = (sender != null) ? AddressText.format(sender, port) : "unknown";
		return "[Client " + who + "] datagram not answered: " + cause;
	}

	/**
	 * A repeated warning, written at most once per {@code interval}: the line, and how many
	 * like it were left out since the last one written.
	 */
	public static String throttled(String line, long leftOut, Duration interval) {
		String rate = "; written at most once per " + interval.toSeconds() + " s";
		return (leftOut > 0) ? line + " (and " + leftOut + " more like it" + rate + ")" : line + " (" + rate.substring(2)
				+ ")";
	}

	/** The receive loop ended although nobody stopped the server. */
	public static String receiveLoopEnded(Throwable cause) {
		return "The UDP receive loop ended without being stopped" + ((cause != null) ? ": " + cause : "")
				+ "; liveness is now DOWN, so that the server is restarted";
	}

	/** The stopping server's receive loop did not end within the drain timeout. */
	public static String drainTimedOut(Duration drainTimeout) {
		return "Datagrams still being handled after " + drainTimeout + "; closing the socket anyway";
	}

	private static String blocks(List<Cidr> blocks) {
		return String.join(", ", blocks.stream().map(Cidr::toString).toList());
	}

}

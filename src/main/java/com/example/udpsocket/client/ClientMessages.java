package com.example.udpsocket.client;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;

import com.example.udpsocket.text.DatagramText;

/**
 * Every line the client writes for its user, in one place, as text only: the reply line in
 * the original exercise's words (escaped, so that whatever a server sends cannot drive the
 * user's terminal), and the line each failure gets on stderr. The usage text is
 * {@link Usage}'s.
 */
public final class ClientMessages {

	private ClientMessages() {
	}

	public static String said(byte[] reply) {
		return "[UDPServer said]: " + DatagramText.escape(DatagramText.decode(reply));
	}

	/** A usage error: one line, naming what is wrong, with the way to the usage text. */
	public static String usageError(String problem) {
		return "udp-socket: " + problem + " (see --help)";
	}

	/** An unknown option, with what may have been meant ({@code "did you mean ..."}) if anything. */
	public static String unknownOption(String option, String hint) {
		return usageError("unknown option " + option + ((hint == null || hint.isEmpty()) ? "" : ": " + hint));
	}

	public static String sourcePortOption() {
		return usageError("-p is netcat's source port, which the client does not set; the server's port is -P or --port");
	}

	public static String needsValue(String option) {
		return usageError("option " + option + " needs a value");
	}

	public static String takesNoValue(String option) {
		return usageError("option " + option + " takes no value");
	}

	/** {@code --udp.client.port 1}: Spring Boot reads a property's value after {@code =} only. */
	public static String propertyNeedsValue(String option) {
		return usageError(option + " needs its value after =: " + option + "=VALUE");
	}

	public static String bothFamilies() {
		return usageError("-4 and -6 cannot be given together");
	}

	/** A value the client cannot use, {@code -w 0} or {@code udp.client.port=0} as it was given, and why. */
	public static String invalid(String given, String reason) {
		return "invalid " + given + ": " + reason;
	}

	/** A property the client does not have, where it was set and what may have been meant, if anything. */
	public static String unknownProperty(String name, String origin, String hint) {
		return "unknown property " + name + ((origin != null) ? " (" + origin + ")" : "")
				+ ((hint != null) ? ": " + hint : "");
	}

	public static String notAClientOption(String option) {
		return usageError(option + " is not an option of the client");
	}

	public static String emptyMessage() {
		return usageError("an empty message cannot be sent: the server ignores empty datagrams");
	}

	public static String stdinWithMessages() {
		return usageError("- (read messages from stdin) cannot be given with other messages; use -- - to send a -");
	}

	public static String backoffAboveMax(Duration backoff, Duration maxBackoff) {
		return usageError("udp.client.backoff=" + duration(backoff) + " is longer than udp.client.max-backoff="
				+ duration(maxBackoff));
	}

	public static String noReply(String target, int attempts, Duration waited, Duration timeout) {
		return "No reply from " + target + " after " + attempts(attempts) + " in "
				+ String.format(Locale.ROOT, "%.1f", waited.toMillis() / 1000.0) + " s (udp.client.timeout="
				+ duration(timeout) + " each)";
	}

	public static String nothingListening(String target, int attempts) {
		return "Nothing listening at " + target + " (port unreachable, " + attempts(attempts) + ")";
	}

	public static String cannotSend(String target, Exception cause) {
		return "Cannot send to " + target + ": " + cause.getMessage();
	}

	public static String unknownHost(String target, String host) {
		return "Cannot send to " + target + ": unknown host " + host;
	}

	public static String noAddressOfFamily(String target, String host, UdpClientProperties.Family family) {
		return "Cannot send to " + target + ": " + host + " has no "
				+ ((family == UdpClientProperties.Family.IPV4) ? "IPv4" : "IPv6") + " address";
	}

	public static String cannotReadStdin(Exception cause) {
		return "Cannot read the messages from stdin: " + cause.getMessage();
	}

	/**
	 * What may be why a message of {@code bytes} bytes to {@code server} got no reply,
	 * without claiming to know. A server's anti-amplification rule (a reply at most
	 * {@code factor} times the datagram, so nothing shorter than {@code shortestAnswered}
	 * bytes with its default reply) is named only where it may apply: for a short message to
	 * another host, since the server holds loopback senders to no ratio.
	 */
	public static String noReplyHint(int bytes, InetAddress server, int factor, int shortestAnswered) {
		boolean local = server.isLoopbackAddress() || server.isAnyLocalAddress();
		String tooShort = (local || bytes >= shortestAnswered) ? ""
				: ", it refuses datagrams under " + shortestAnswered + " bytes from other hosts (this one has " + bytes
						+ ": a reply may be at most " + factor + " times as long)";
		return "Perhaps no server runs there (a firewall may hide that)" + tooShort
				+ ", or it limits the rate of this sender's network; see HELP.md, \"Troubleshooting\"";
	}

	private static String attempts(int attempts) {
		return attempts + (attempts == 1 ? " attempt" : " attempts");
	}

	/** {@code 1s}, {@code 500ms}: as it is written in a property. */
	static String duration(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0 && millis > 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}

package com.example.udpsocket.client;

import java.time.Duration;
import java.util.Locale;

import com.example.udpsocket.text.DatagramText;

/**
 * Every line the client writes for its user, in one place, as text only: the reply line in
 * the original exercise's words (escaped, so that whatever a server sends cannot drive the
 * user's terminal), the usage text, and the one line each failure gets on stderr.
 */
public final class ClientConsole {

	private ClientConsole() {
	}

	public static String said(byte[] reply) {
		return "[UDPServer said]: " + DatagramText.escape(DatagramText.decode(reply));
	}

	/** What {@code --help} prints, with the defaults as they are bound. */
	public static String usage(UdpClientProperties defaults) {
		return """
				Usage: java -jar udp-socket.jar --spring.profiles.active=client [option...] [message...]
				       java -jar udp-socket.jar --spring.profiles.active=client [option...] -

				Sends each message as one UDP datagram, in order, waits for its reply and prints it as
				  [UDPServer said]: <reply>
				With no message it sends udp.client.message; with - it sends each line of stdin (empty
				lines skipped), as soon as it is read. After --, every argument is a message, even one
				that starts with -.

				Options (each can also be set in the environment, UDP_CLIENT_TIMEOUT=2s, or in an
				application.yaml in the working directory):
				  --udp.client.host=HOST           the server's host name or address (%s)
				  --udp.client.port=PORT           the server's UDP port, 1-65535 (%d)
				  --udp.client.message=TEXT        sent when no message is given (%s)
				  --udp.client.timeout=DURATION    wait for each reply, e.g. 500ms or 2s (%s)
				  --udp.client.retries=N           sends again when no reply comes, 0-100 (%d)
				  --udp.client.backoff=DURATION    pause before the first resend, doubled before each
				                                   further one, with jitter (%s)
				  --udp.client.max-backoff=DURATION  the longest pause (%s)
				  -h, --help                       this text

				Exit codes:
				  0    every message was answered
				  1    a message got no reply after every attempt
				  2    usage error: an unknown option or property, a bad value, an empty message;
				       nothing was sent
				  3    nothing listens at the server's port (the host answered "port unreachable")
				  4    a message could not be sent (unknown host, longer than a datagram, no route)
				  141  stdout was closed (... | head -1), as a shell reports a program stopped by SIGPIPE
				""".formatted(defaults.host(), defaults.port(), defaults.message(), duration(defaults.timeout()),
				defaults.retries(), duration(defaults.backoff()), duration(defaults.maxBackoff()));
	}

	/** A usage error: one line, naming what is wrong, with the way to the usage text. */
	public static String usageError(String problem) {
		return "udp-socket: " + problem + " (see --help)";
	}

	public static String unknownOption(String option) {
		return usageError("unknown option " + option);
	}

	/** An unknown option, with what may have been meant ({@code "did you mean ..."}) if anything. */
	public static String unknownOption(String option, String hint) {
		return usageError("unknown option " + option + ((hint == null || hint.isEmpty()) ? "" : ": " + hint));
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

	private static String attempts(int attempts) {
		return attempts + (attempts == 1 ? " attempt" : " attempts");
	}

	/** {@code 1s}, {@code 500ms}: as it is written in a property. */
	static String duration(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0 && millis > 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}

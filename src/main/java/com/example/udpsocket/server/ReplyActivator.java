package com.example.udpsocket.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.support.management.metrics.MetricsCaptor;
import org.springframework.messaging.Message;

import com.example.udpsocket.server.admission.Admission;
import com.example.udpsocket.server.messages.ServerMessages;
import com.example.udpsocket.server.messages.ThrottledWarnings;
import com.example.udpsocket.server.operations.DatagramCounters;
import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.text.AddressText;
import com.example.udpsocket.text.DatagramText;

/**
 * The flow's service activator: logs who sent what, then asks the reply handler for the
 * answer. The handler is the application's {@code GenericHandler<byte[]>} bean if it has
 * one ({@link ReplyHandlers}), else the configured reply. Only datagrams {@link Admission}
 * let through reach it. What the handler returns is held to the server's rules: nothing
 * ({@code null}, empty) is counted as {@link DatagramOutcome#NO_REPLY}; a reply longer
 * than {@value UdpServerProperties#MAX_REPLY_BYTES} bytes, or more than
 * {@code udp.server.max-amplification} times the datagram to a sender that is not exempt,
 * is not sent and counted; another type is a failure of the handler.
 * <p>
 * The reply carries one header, the sender's address, which is all the sender needs:
 * copying the request's headers into every reply would be work for nothing. The
 * datagram's text is decoded only as far as its log line shows it.
 * <p>
 * It takes no metrics captor: Spring Integration would time every datagram it handles
 * (a {@code spring.integration.send} timer: two clock reads and a histogram update each),
 * which the server's own counters make redundant, and it has no setting that leaves one
 * handler out of its timers; so {@link #registerMetricsCaptor} is overridden, and does nothing.
 */
class ReplyActivator extends AbstractReplyProducingMessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(ReplyActivator.class);

	private final GenericHandler<byte[]> handler;

	private final boolean builtIn;

	private final Admission admission;

	private final int maxAmplification;

	private final int logMaxChars;

	private final DatagramCounters counters;

	private final ThrottledWarnings warnings;

	private final boolean structuredFields;

	/**
	 * @param builtIn whether the handler is the configured reply, already held to the limits
	 * when it was configured and by {@link Admission}
	 * @param structuredFields whether the console is structured (JSON), so that the sender,
	 * size and text go along as fields of their own
	 */
	ReplyActivator(GenericHandler<byte[]> handler, boolean builtIn, Admission admission,
			UdpServerProperties properties, DatagramCounters counters, ThrottledWarnings warnings,
			boolean structuredFields) {
		this.handler = handler;
		this.builtIn = builtIn;
		this.admission = admission;
		this.maxAmplification = properties.maxAmplification();
		this.logMaxChars = properties.logMaxChars();
		this.counters = counters;
		this.warnings = warnings;
		this.structuredFields = structuredFields;
		setRequiresReply(false);
	}

	@Override
	public void registerMetricsCaptor(MetricsCaptor metricsCaptor) {
		// not timed: see the class comment
	}

	@Override
	protected Object handleRequestMessage(Message<?> request) {
		byte[] payload = (byte[]) request.getPayload();
		InetSocketAddress sender = (InetSocketAddress) request.getHeaders().get(IpHeaders.PACKET_ADDRESS);
		if (logger.isInfoEnabled()) {
			logSaid(sender, payload);
		}
		byte[] reply = bytes(this.handler.handle(payload, request.getHeaders()));
		if (reply == null || reply.length == 0) {
			this.counters.add(DatagramOutcome.NO_REPLY);
			return null;
		}
		if (!this.builtIn && !withinLimits(sender, payload.length, reply.length)) {
			return null;
		}
		return getMessageBuilderFactory().withPayload(reply).setHeader(IpHeaders.PACKET_ADDRESS, sender).build();
	}

	private boolean withinLimits(InetSocketAddress sender, int datagramBytes, int replyBytes) {
		if (replyBytes > UdpServerProperties.MAX_REPLY_BYTES) {
			this.counters.add(DatagramOutcome.REPLY_TOO_LONG);
			this.warnings.replyTooLong(sender.getAddress(), sender.getPort(), replyBytes);
			return false;
		}
		if (!this.admission.withinAmplification(sender.getAddress(), datagramBytes, replyBytes,
				this.maxAmplification)) {
			this.counters.add(DatagramOutcome.TOO_SHORT);
			this.warnings.refused(DatagramOutcome.TOO_SHORT, sender.getAddress(), sender.getPort(), datagramBytes,
					replyBytes);
			return false;
		}
		return true;
	}

	/** The handler's answer as bytes: a {@code byte[]} as it is, a {@code String} as UTF-8. */
	private static byte[] bytes(Object answer) {
		if (answer == null || answer instanceof byte[]) {
			return (byte[]) answer;
		}
		if (answer instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		throw new IllegalStateException("The reply handler returned a " + answer.getClass().getName()
				+ "; it may return byte[], String or null");
	}

	/**
	 * {@code [Client <ip>:<port> said]:<text>} at INFO, the text escaped and cut at
	 * {@code udp.server.log-max-chars}. With a structured console the parts go along as
	 * fields of their own; a plain console would not show them, so they are not built for it.
	 */
	private void logSaid(InetSocketAddress sender, byte[] payload) {
		DatagramText.Escaped text = DatagramText.loggable(payload, this.logMaxChars);
		String line = ServerMessages.said(sender.getAddress(), sender.getPort(), text.text(), text.cut(),
				payload.length);
		if (!this.structuredFields) {
			logger.info(line);
			return;
		}
		logger.atInfo()
			.addKeyValue(ServerMessages.CLIENT_IP, AddressText.format(sender.getAddress()))
			.addKeyValue(ServerMessages.CLIENT_PORT, sender.getPort())
			.addKeyValue(ServerMessages.DATAGRAM_BYTES, payload.length)
			.addKeyValue(ServerMessages.DATAGRAM_TEXT, text.text())
			.log(line);
	}

	@Override
	protected boolean shouldCopyRequestHeaders() {
		return false;
	}

}

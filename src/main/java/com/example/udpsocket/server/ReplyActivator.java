package com.example.udpsocket.server;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;

import com.example.udpsocket.text.DatagramText;

/**
 * The flow's service activator: logs who sent what, and answers with the configured
 * reply. A truncated datagram is counted and gets no reply.
 * <p>
 * The reply carries one header, the sender's address, which is all the outbound adapter
 * needs: copying the request's headers into every reply would be work for nothing.
 */
public class ReplyActivator extends AbstractReplyProducingMessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(ReplyActivator.class);

	private final byte[] reply;

	private final int maxDatagramSize;

	private final int logMaxChars;

	private final UdpServerMetrics metrics;

	private final boolean structuredFields;

	/**
	 * @param structuredFields whether the console is structured (JSON), so that the sender,
	 * size and text go along as fields of their own
	 */
	public ReplyActivator(UdpServerProperties properties, UdpServerMetrics metrics, boolean structuredFields) {
		this.reply = DatagramText.encode(properties.reply());
		this.maxDatagramSize = properties.maxDatagramSize();
		this.logMaxChars = properties.logMaxChars();
		this.metrics = metrics;
		this.structuredFields = structuredFields;
	}

	@Override
	protected Object handleRequestMessage(Message<?> request) {
		long start = System.nanoTime();
		byte[] payload = (byte[]) request.getPayload();
		this.metrics.received(payload.length);
		InetSocketAddress sender = (InetSocketAddress) request.getHeaders().get(IpHeaders.PACKET_ADDRESS);
		if (payload.length > this.maxDatagramSize) {
			this.metrics.outcome(DatagramOutcome.TRUNCATED);
			logger.warn(ServerConsole.truncated(sender, this.maxDatagramSize));
			return null;
		}
		if (logger.isInfoEnabled()) {
			ServerConsole.logSaid(logger, sender, payload, this.logMaxChars, this.structuredFields);
		}
		this.metrics.handled(start);
		return getMessageBuilderFactory().withPayload(this.reply).setHeader(IpHeaders.PACKET_ADDRESS, sender).build();
	}

	@Override
	protected boolean shouldCopyRequestHeaders() {
		return false;
	}

}

package com.example.udpsocket.server;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.handler.AbstractReplyProducingMessageHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;

import com.example.udpsocket.text.AddressText;
import com.example.udpsocket.text.DatagramText;

/**
 * The flow's service activator: logs who sent what, and answers with the configured
 * reply. Only datagrams {@link DatagramTriage} admitted reach it.
 * <p>
 * The reply carries one header, the sender's address, which is all the outbound adapter
 * needs: copying the request's headers into every reply would be work for nothing. The
 * datagram's text is decoded only as far as its log line shows it.
 */
public class ReplyActivator extends AbstractReplyProducingMessageHandler {

	private static final Logger logger = LoggerFactory.getLogger(ReplyActivator.class);

	private final byte[] reply;

	private final int logMaxChars;

	private final UdpServerMetrics metrics;

	private final boolean structuredFields;

	/**
	 * @param structuredFields whether the console is structured (JSON), so that the sender,
	 * size and text go along as fields of their own
	 */
	public ReplyActivator(UdpServerProperties properties, UdpServerMetrics metrics, boolean structuredFields) {
		this.reply = DatagramText.encode(properties.reply());
		this.logMaxChars = properties.logMaxChars();
		this.metrics = metrics;
		this.structuredFields = structuredFields;
	}

	@Override
	protected Object handleRequestMessage(Message<?> request) {
		long start = System.nanoTime();
		byte[] payload = (byte[]) request.getPayload();
		InetSocketAddress sender = (InetSocketAddress) request.getHeaders().get(IpHeaders.PACKET_ADDRESS);
		if (logger.isInfoEnabled()) {
			logSaid(sender, payload);
		}
		this.metrics.handled(start);
		return getMessageBuilderFactory().withPayload(this.reply).setHeader(IpHeaders.PACKET_ADDRESS, sender).build();
	}

	/**
	 * {@code [Client <ip>:<port> said]:<text>} at INFO, the text escaped and cut at
	 * {@code udp.server.log-max-chars}. With a structured console the parts go along as
	 * fields of their own; a plain console would not show them, so they are not built for it.
	 */
	private void logSaid(InetSocketAddress sender, byte[] payload) {
		DatagramText.Escaped text = DatagramText.loggable(payload, this.logMaxChars);
		String line = ServerConsole.said(sender.getAddress(), sender.getPort(), text.text(), text.cut(),
				payload.length);
		if (!this.structuredFields) {
			logger.info(line);
			return;
		}
		logger.atInfo()
			.addKeyValue(ServerConsole.CLIENT_IP, AddressText.format(sender.getAddress()))
			.addKeyValue(ServerConsole.CLIENT_PORT, sender.getPort())
			.addKeyValue(ServerConsole.DATAGRAM_BYTES, payload.length)
			.addKeyValue(ServerConsole.DATAGRAM_TEXT, text.text())
			.log(line);
	}

	@Override
	protected boolean shouldCopyRequestHeaders() {
		return false;
	}

}

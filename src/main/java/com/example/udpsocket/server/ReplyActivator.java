package com.example.udpsocket.server;

import java.net.InetSocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.integration.core.GenericHandler;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.MessageHeaders;

import com.example.udpsocket.text.DatagramText;

/**
 * The service activator: logs who sent what, and answers with the configured reply.
 * A truncated datagram is counted and gets no reply.
 */
public class ReplyActivator implements GenericHandler<byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(ReplyActivator.class);

	private final byte[] reply;

	private final int maxDatagramSize;

	private final int logMaxChars;

	private final UdpServerMetrics metrics;

	public ReplyActivator(UdpServerProperties properties, UdpServerMetrics metrics) {
		this.reply = DatagramText.encode(properties.reply());
		this.maxDatagramSize = properties.maxDatagramSize();
		this.logMaxChars = properties.logMaxChars();
		this.metrics = metrics;
	}

	@Override
	public Object handle(byte[] payload, MessageHeaders headers) {
		long start = System.nanoTime();
		this.metrics.received(payload.length);
		InetSocketAddress sender = (InetSocketAddress) headers.get(IpHeaders.PACKET_ADDRESS);
		if (payload.length > this.maxDatagramSize) {
			this.metrics.outcome(DatagramOutcome.TRUNCATED);
			logger.warn(ServerConsole.truncated(sender, this.maxDatagramSize));
			return null;
		}
		if (logger.isInfoEnabled()) {
			ServerConsole.logSaid(logger, sender, payload, this.logMaxChars);
		}
		this.metrics.handled(start);
		return this.reply;
	}

}

package com.example.udpsocket.server;

import java.net.InetSocketAddress;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;

/**
 * Receives the error messages of the server flow: one datagram that could not be handled
 * or answered is counted as failed and logged in one line, and the server goes on.
 */
class FailedDatagramHandler implements MessageHandler {

	private static final Log logger = LogFactory.getLog(FailedDatagramHandler.class);

	private final UdpServerMetrics metrics;

	FailedDatagramHandler(UdpServerMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void handleMessage(Message<?> errorMessage) {
		this.metrics.outcome(DatagramOutcome.FAILED);
		Throwable error = (Throwable) errorMessage.getPayload();
		InetSocketAddress sender = null;
		if (error instanceof MessagingException messagingException && messagingException.getFailedMessage() != null) {
			sender = (InetSocketAddress) messagingException.getFailedMessage()
				.getHeaders()
				.get(IpHeaders.PACKET_ADDRESS);
		}
		logger.warn(ServerConsole.failed(sender, NestedExceptionUtils.getMostSpecificCause(error)));
	}

}

package com.example.udpsocket.server;

import java.net.InetSocketAddress;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import com.example.udpsocket.server.operations.DatagramOutcome;
import com.example.udpsocket.server.operations.DatagramCounters;
import com.example.udpsocket.server.messages.ThrottledWarnings;

/**
 * Receives the error messages of the server flow: one datagram that could not be handled
 * or answered is counted as failed and logged sparingly, and the server goes on.
 */
class FailedDatagramHandler implements MessageHandler {

	private final DatagramCounters counters;

	private final ThrottledWarnings warnings;

	FailedDatagramHandler(DatagramCounters counters, ThrottledWarnings warnings) {
		this.counters = counters;
		this.warnings = warnings;
	}

	@Override
	public void handleMessage(Message<?> errorMessage) {
		this.counters.add(DatagramOutcome.FAILED);
		Throwable error = (Throwable) errorMessage.getPayload();
		InetSocketAddress sender = null;
		if (error instanceof MessagingException messagingException && messagingException.getFailedMessage() != null) {
			sender = (InetSocketAddress) messagingException.getFailedMessage()
				.getHeaders()
				.get(IpHeaders.PACKET_ADDRESS);
		}
		this.warnings.failed((sender != null) ? sender.getAddress() : null, (sender != null) ? sender.getPort() : 0,
				NestedExceptionUtils.getMostSpecificCause(error));
	}

}

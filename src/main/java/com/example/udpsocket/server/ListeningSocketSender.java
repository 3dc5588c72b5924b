package com.example.udpsocket.server;

import java.net.DatagramSocket;
import java.net.SocketAddress;

import org.springframework.integration.expression.FunctionExpression;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.udp.outbound.UnicastSendingMessageHandler;
import org.springframework.messaging.Message;

/**
 * Spring Integration's UDP outbound adapter, sending each reply to its datagram's sender
 * through the server's listening socket, so that a client whose socket is connected to the
 * server's port accepts it. The socket is fixed rather than looked up per message, and a
 * reply is counted as sent only once the socket has taken it; a failed send propagates to
 * the flow's error channel and is counted there.
 */
class ListeningSocketSender extends UnicastSendingMessageHandler {

	private final DatagramSocket socket;

	private final UdpServerMetrics metrics;

	ListeningSocketSender(DatagramSocket socket, UdpServerMetrics metrics) {
		super(new FunctionExpression<Message<?>>(ListeningSocketSender::sender));
		this.socket = socket;
		this.metrics = metrics;
	}

	private static SocketAddress sender(Message<?> reply) {
		return reply.getHeaders().get(IpHeaders.PACKET_ADDRESS, SocketAddress.class);
	}

	@Override
	protected DatagramSocket getSocket() {
		return this.socket;
	}

	@Override
	public void handleMessageInternal(Message<?> reply) {
		super.handleMessageInternal(reply);
		this.metrics.replied(((byte[]) reply.getPayload()).length);
	}

}

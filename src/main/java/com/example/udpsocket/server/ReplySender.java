package com.example.udpsocket.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;

import com.example.udpsocket.server.messages.ThrottledWarnings;
import com.example.udpsocket.server.operations.DatagramCounters;
import com.example.udpsocket.server.operations.DatagramOutcome;

/**
 * The flow's outbound channel adapter: sends each reply from the server's own channel, so
 * from the port the client sent to, and never waits. The channel is non-blocking: a reply
 * that does not fit the send buffer at once (replies to addresses that never answer ARP or
 * neighbour discovery hold the buffer for seconds) is dropped, counted as
 * {@link DatagramOutcome#UNSENT} and warned about sparingly, and the receive loop goes on.
 * Spring Integration's UDP outbound adapter sends on a blocking {@code DatagramSocket},
 * which would stop the receive loop instead ({@code docs/adr/0003-receive-loop.md}).
 * A send that fails outright throws, and the flow's error handling counts it as failed.
 */
class ReplySender implements MessageHandler {

	private final DatagramChannel channel;

	private final DatagramCounters counters;

	private final ThrottledWarnings warnings;

	ReplySender(DatagramChannel channel, DatagramCounters counters, ThrottledWarnings warnings) {
		this.channel = channel;
		this.counters = counters;
		this.warnings = warnings;
	}

	@Override
	public void handleMessage(Message<?> reply) {
		byte[] payload = (byte[]) reply.getPayload();
		InetSocketAddress to = (InetSocketAddress) reply.getHeaders().get(IpHeaders.PACKET_ADDRESS);
		int sent;
		try {
			sent = this.channel.send(ByteBuffer.wrap(payload), to);
		}
		catch (IOException ex) {
			throw new MessageDeliveryException(reply, "Cannot send the reply to " + to, ex);
		}
		if (sent == 0) {
			this.counters.add(DatagramOutcome.UNSENT);
			this.warnings.unsent(to.getAddress(), to.getPort());
			return;
		}
		this.counters.replied(payload.length);
	}

}

package com.example.udpsocket.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.util.unit.DataSize;

import com.example.udpsocket.server.messages.ServerMessages;

/**
 * Prints {@code UDPServer listen at: address:port} once the application is ready: the
 * socket is bound, the receive loop started and the HTTP side too (a taken HTTP port fails
 * the start before anything is announced). The address and port are the socket's own, so
 * the real port also for port 0. Then the socket's options as the kernel granted them, a
 * warning for a buffer the kernel granted less of than was asked, and the limits in force.
 *
 * @param channel the server's socket
 * @param properties the server's settings, for the buffer sizes asked for
 * @param limits the line that says what the server limits
 */
record ListeningAnnouncer(DatagramChannel channel, UdpServerProperties properties, String limits) {

	private static final Log logger = LogFactory.getLog(ListeningAnnouncer.class);

	@EventListener(ApplicationReadyEvent.class)
	void announce() throws IOException {
		InetSocketAddress local = (InetSocketAddress) this.channel.getLocalAddress();
		logger.info(ServerMessages.listening(local.getAddress(), local.getPort()));
		int receiveBuffer = this.channel.getOption(StandardSocketOptions.SO_RCVBUF);
		int sendBuffer = this.channel.getOption(StandardSocketOptions.SO_SNDBUF);
		logger.info(ServerMessages.socketOptions(receiveBuffer, sendBuffer,
				this.channel.getOption(StandardSocketOptions.SO_REUSEPORT)));
		warnIfCapped("udp.server.socket-receive-buffer", this.properties.socketReceiveBuffer(), "SO_RCVBUF",
				receiveBuffer, ServerChannel.RECEIVE_BUFFER_LIMIT);
		warnIfCapped("udp.server.socket-send-buffer", this.properties.socketSendBuffer(), "SO_SNDBUF", sendBuffer,
				ServerChannel.SEND_BUFFER_LIMIT);
		logger.info(this.limits);
	}

	/**
	 * Linux caps a buffer at its limit without a word; the limit itself tells whether it
	 * capped. Where the limit cannot be read (not Linux), nothing is said.
	 */
	private static void warnIfCapped(String property, DataSize asked, String option, int granted, String limit) {
		if (asked == null) {
			return;
		}
		long kernelLimit = ServerChannel.kernelLimit(limit);
		if (kernelLimit > 0 && asked.toBytes() > kernelLimit) {
			logger.warn(ServerMessages.bufferCapped(property, asked.toBytes(), option, granted, "net.core." + limit,
					kernelLimit));
		}
	}

}

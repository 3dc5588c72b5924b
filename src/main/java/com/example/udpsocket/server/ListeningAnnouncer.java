package com.example.udpsocket.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.StandardSocketOptions;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Prints {@code UDPServer listen at: address:port} once the server is ready: the socket is
 * bound, the receive loop runs and the HTTP side has started too (a taken HTTP port fails
 * the start before anything is announced). The address and port are the socket's own, so
 * the real port also for port 0. Then the socket's options and the limits in force.
 */
class ListeningAnnouncer {

	private static final Log logger = LogFactory.getLog(ListeningAnnouncer.class);

	private final DatagramSocket socket;

	private final String limits;

	ListeningAnnouncer(DatagramSocket socket, String limits) {
		this.socket = socket;
		this.limits = limits;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() throws IOException {
		logger.info(ServerConsole.listening(this.socket.getLocalAddress(), this.socket.getLocalPort()));
		logger.info(ServerConsole.socketOptions(this.socket.getReceiveBufferSize(),
				this.socket.getOption(StandardSocketOptions.SO_REUSEPORT)));
		logger.info(this.limits);
	}

}

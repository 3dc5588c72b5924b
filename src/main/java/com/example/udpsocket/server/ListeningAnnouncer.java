package com.example.udpsocket.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.StandardSocketOptions;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Prints {@code UDPServer listen at: host:port} once the server is ready: the socket is
 * bound, the receive loop runs and the HTTP side has started too (a taken HTTP port fails
 * the start before anything is announced). The port is the real one, also for port 0.
 */
class ListeningAnnouncer {

	private static final Log logger = LogFactory.getLog(ListeningAnnouncer.class);

	private final String host;

	private final DatagramSocket socket;

	ListeningAnnouncer(UdpServerProperties properties, DatagramSocket socket) {
		this.host = properties.host();
		this.socket = socket;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() throws IOException {
		logger.info(ServerConsole.listening(this.host, this.socket.getLocalPort()));
		logger.info(ServerConsole.socketOptions(this.socket.getReceiveBufferSize(),
				this.socket.getOption(StandardSocketOptions.SO_REUSEPORT)));
	}

}

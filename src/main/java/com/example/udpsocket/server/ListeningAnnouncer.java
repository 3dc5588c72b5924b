package com.example.udpsocket.server;

import java.net.DatagramSocket;
import java.io.IOException;
import java.net.StandardSocketOptions;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.udp.UdpServerListeningEvent;

/**
 * Prints {@code UDPServer listen at: host:port} once the receive loop owns the socket,
 * with the real port even when {@code udp.server.port} is 0.
 */
class ListeningAnnouncer {

	private static final Log logger = LogFactory.getLog(ListeningAnnouncer.class);

	private final String host;

	private final DatagramSocket socket;

	ListeningAnnouncer(UdpServerProperties properties, DatagramSocket socket) {
		this.host = properties.host();
		this.socket = socket;
	}

	@EventListener
	void onListening(UdpServerListeningEvent event) throws IOException {
		logger.info(ServerConsole.listening(this.host, event.getPort()));
		logger.info(ServerConsole.socketOptions(this.socket.getReceiveBufferSize(),
				this.socket.getOption(StandardSocketOptions.SO_REUSEPORT)));
	}

}

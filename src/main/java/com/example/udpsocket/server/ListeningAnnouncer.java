package com.example.udpsocket.server;

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

	ListeningAnnouncer(UdpServerProperties properties) {
		this.host = properties.host();
	}

	@EventListener
	void onListening(UdpServerListeningEvent event) {
		logger.info(ServerConsole.listening(this.host, event.getPort()));
	}

}

package com.example.udpsocket.server;

import java.time.Duration;

import org.awaitility.Awaitility;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.udp.UdpServerListeningEvent;

/**
 * The port the server really bound, learned from {@link UdpServerListeningEvent} (the
 * tests configure port 0).
 */
@TestComponent
public class ListeningPort {

	private volatile int port;

	@EventListener
	void onListening(UdpServerListeningEvent event) {
		this.port = event.getPort();
	}

	public int get() {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.port > 0);
		return this.port;
	}

}

package com.example.udpsocket.client;

import org.springframework.boot.SpringApplication;

import com.example.udpsocket.UdpSocketApplication;

/**
 * What the build processes ahead of time for the client. Spring's AOT engine names the
 * code it generates after the class it processes, and the server's is generated for
 * {@link UdpSocketApplication}; the client's context, built from the same application
 * with the {@code client} profile, is generated for this class so that the two do not
 * collide. {@link ClientAotContext} selects it at run time.
 */
public final class UdpClientAotProcessing {

	private UdpClientAotProcessing() {
	}

	public static void main(String[] args) {
		SpringApplication.run(UdpSocketApplication.class, args);
	}

}

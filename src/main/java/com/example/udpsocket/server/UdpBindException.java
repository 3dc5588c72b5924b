package com.example.udpsocket.server;

import java.io.IOException;

/**
 * The server's UDP socket could not be bound: the port is taken, or the host is not an
 * address of this machine. Startup fails with it rather than run without a socket.
 */
public class UdpBindException extends RuntimeException {

	private final String host;

	private final int port;

	public UdpBindException(String host, int port, IOException cause) {
		super("Cannot bind UDP socket to " + host + ":" + port + ": " + cause.getMessage(), cause);
		this.host = host;
		this.port = port;
	}

	public String getHost() {
		return this.host;
	}

	public int getPort() {
		return this.port;
	}

	/** Whether another socket holds the port (rather than the address being unusable). */
	public boolean isPortInUse() {
		String reason = getCause().getMessage();
		return reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("in use");
	}

}

package com.example.udpsocket.server;

import java.io.IOException;
import java.util.Locale;

/**
 * The server's UDP socket could not be bound: the port is taken, the host is not an
 * address of this machine, or the address is the IPv6 wildcard. The start fails with it
 * rather than run without a socket.
 */
class UdpBindException extends RuntimeException {

	/** Why the socket could not be bound. */
	enum Reason {

		/** Another socket holds the port. */
		PORT_IN_USE,

		/** {@code ::}, which a dual-stack socket would serve for IPv4 too ({@link ServerChannel}). */
		DUAL_STACK_WILDCARD,

		/** Anything else: the address is not one of this machine's, mostly. */
		ADDRESS;

		static Reason of(IOException ex) {
			String message = ex.getMessage();
			return (message != null && message.toLowerCase(Locale.ROOT).contains("in use")) ? PORT_IN_USE : ADDRESS;
		}

	}

	private final String host;

	private final int port;

	private final Reason reason;

	UdpBindException(String host, int port, Reason reason, IOException cause) {
		super("Cannot bind UDP socket to " + host + ":" + port
				+ ((cause != null) ? ": " + cause.getMessage() : " (" + reason + ")"), cause);
		this.host = host;
		this.port = port;
		this.reason = reason;
	}

	String host() {
		return this.host;
	}

	int port() {
		return this.port;
	}

	Reason reason() {
		return this.reason;
	}

}

package com.example.udpsocket.client;

/**
 * The client's exit codes. 1 is left to Spring Boot: the application could not start
 * (an invalid {@code udp.client.*} value, for one).
 */
public enum ClientExitCode {

	/** Every message was answered. */
	ANSWERED(0),

	/** No reply came within the timeout, after every retry. */
	NO_REPLY(2),

	/** The server's host answered "port unreachable": nothing listens there. */
	NOTHING_LISTENING(3),

	/** The message could not be sent at all (unknown host, message too long, no route). */
	CANNOT_SEND(4);

	private final int code;

	ClientExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}

package com.example.udpsocket.client;

/**
 * The client's exit codes, by common command-line conventions: 0 for success, 1 when the
 * operation failed (as {@code ping} does when no reply comes), 2 for a usage error (as
 * getopt-style tools and shells do), then the client's own distinctions, and 141 for a
 * closed output, which is what a shell reports for a program stopped by SIGPIPE.
 */
public enum ClientExitCode {

	/** Every message was answered. */
	ANSWERED(0),

	/** A message got no reply within the timeout, after every retry. */
	NO_REPLY(1),

	/** An unknown option, a bad value or an empty message: nothing was sent. */
	USAGE(2),

	/** The server's host answered "port unreachable": nothing listens there. */
	NOTHING_LISTENING(3),

	/** A message could not be sent at all (unknown host, message too long, no route). */
	CANNOT_SEND(4),

	/** Whoever read stdout stopped reading ({@code ... | head -1}): the client stopped too. */
	OUTPUT_CLOSED(141);

	private final int code;

	ClientExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}

package com.example.udpsocket.support;

/**
 * The words of the classroom exercise this project started from, byte for byte: the
 * server's reply, the client's message and the line the client prints. The one place
 * tests spell them out; every other test takes them from here.
 */
public final class Original {

	/** What the original server answers to every datagram. */
	public static final String REPLY = "UDPServer has received your message";

	/** What the original client sends. */
	public static final String MESSAGE = "Hello, UDPServer!";

	/** What the original client prints for the reply, with its line end. */
	public static final String REPLY_LINE = "[UDPServer said]: " + REPLY + "\n";

	private Original() {
	}

}

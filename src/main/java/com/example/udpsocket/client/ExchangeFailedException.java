package com.example.udpsocket.client;

/**
 * A message that got no reply; its message is the one line the client prints on stderr.
 */
public class ExchangeFailedException extends Exception {

	private final ClientExitCode exitCode;

	public ExchangeFailedException(ClientExitCode exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public ClientExitCode exitCode() {
		return this.exitCode;
	}

}

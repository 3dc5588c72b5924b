package com.example.udpsocket.client;

/**
 * A message that could not be exchanged: no reply came, nothing listens at the server's
 * port, or it could not be sent at all. Its message is what the client prints on stderr,
 * and its exit code says which.
 */
class ExchangeFailedException extends Exception {

	private final ClientExitCode exitCode;

	ExchangeFailedException(ClientExitCode exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	ClientExitCode exitCode() {
		return this.exitCode;
	}

}

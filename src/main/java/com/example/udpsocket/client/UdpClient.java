package com.example.udpsocket.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * One socket connected to the server, as the original client's was: it accepts datagrams
 * from the server's address and port only, and the kernel reports "port unreachable" to
 * it. Each exchange sends, waits up to the timeout, and retries with a doubling pause.
 */
public class UdpClient implements AutoCloseable {

	/** Large enough for any UDP payload, plus one byte to tell a cut reply. */
	private static final int RECEIVE_BUFFER = 65_536;

	private final String target;

	private final DatagramSocket socket;

	private final int timeoutMillis;

	private final int attempts;

	private final Duration backoff;

	private final byte[] buffer = new byte[RECEIVE_BUFFER];

	public UdpClient(UdpClientProperties properties) throws ExchangeFailedException {
		this.target = properties.host() + ":" + properties.port();
		this.timeoutMillis = (int) properties.timeout().toMillis();
		this.attempts = properties.attempts();
		this.backoff = properties.backoff();
		InetSocketAddress server = new InetSocketAddress(properties.host(), properties.port());
		if (server.isUnresolved()) {
			throw new ExchangeFailedException(ClientExitCode.CANNOT_SEND,
					"Cannot send to " + this.target + ": unknown host " + properties.host());
		}
		try {
			this.socket = new DatagramSocket();
			this.socket.connect(server);
		}
		catch (IOException ex) {
			throw new ExchangeFailedException(ClientExitCode.CANNOT_SEND, "Cannot send to " + this.target + ": " + ex.getMessage());
		}
	}

	/**
	 * Sends {@code request} and returns the reply's bytes.
	 * @throws ExchangeFailedException when no reply came after every attempt, or the message
	 * could not be sent
	 */
	public byte[] exchange(byte[] request) throws ExchangeFailedException {
		discardLateReplies();
		DatagramPacket outgoing = new DatagramPacket(request, request.length);
		DatagramPacket incoming = new DatagramPacket(this.buffer, this.buffer.length);
		long pauseMillis = this.backoff.toMillis();
		boolean unreachable = false;
		for (int attempt = 1; attempt <= this.attempts; attempt++) {
			try {
				this.socket.send(outgoing);
				if (awaitReply(incoming)) {
					return Arrays.copyOf(incoming.getData(), incoming.getLength());
				}
				unreachable = false;
			}
			catch (SocketTimeoutException ex) {
				unreachable = false;
			}
			catch (PortUnreachableException ex) {
				unreachable = true;
			}
			catch (IOException ex) {
				throw new ExchangeFailedException(ClientExitCode.CANNOT_SEND,
						"Cannot send to " + this.target + ": " + ex.getMessage());
			}
			if (attempt < this.attempts) {
				pause(pauseMillis);
				pauseMillis *= 2;
			}
		}
		String tries = this.attempts + (this.attempts == 1 ? " attempt" : " attempts");
		if (unreachable) {
			throw new ExchangeFailedException(ClientExitCode.NOTHING_LISTENING,
					"Nothing listening at " + this.target + " (port unreachable, " + tries + ")");
		}
		throw new ExchangeFailedException(ClientExitCode.NO_REPLY, "No reply from " + this.target + " after " + tries
				+ " (udp.client.timeout=" + this.timeoutMillis + "ms each)");
	}

	/**
	 * Waits up to the timeout for a reply. An empty datagram is no reply (a UDP proxy in
	 * front of a stopped server sends one): it is skipped and the wait goes on.
	 */
	private boolean awaitReply(DatagramPacket incoming) throws IOException {
		long deadline = System.nanoTime() + this.timeoutMillis * 1_000_000L;
		while (true) {
			long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
			if (remainingMillis <= 0) {
				return false;
			}
			this.socket.setSoTimeout((int) remainingMillis);
			incoming.setLength(this.buffer.length);
			this.socket.receive(incoming);
			if (incoming.getLength() > 0) {
				return true;
			}
		}
	}

	/** A reply that came after its attempt timed out must not be taken for the next one's. */
	private void discardLateReplies() {
		DatagramPacket stale = new DatagramPacket(this.buffer, this.buffer.length);
		try {
			this.socket.setSoTimeout(1);
			while (true) {
				this.socket.receive(stale);
			}
		}
		catch (IOException ex) {
			// nothing (more) waiting, or a pending "port unreachable" now consumed
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.socket.close();
	}

}

package com.example.udpsocket.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Loopback datagram helpers for tests: sockets on loopback addresses, connected to a port
 * (so that they accept replies from that port only), the one exchange that retries as a
 * real client does (the kernel drops datagrams when a buffer is full, even on loopback),
 * and bounded waits.
 */
public final class Datagrams {

	public static final String LOOPBACK = "127.0.0.1";

	private Datagrams() {
	}

	public static DatagramChannel connectedTo(int port) {
		return connectedFrom(LOOPBACK, port);
	}

	/** A channel on a free loopback port, accepting datagrams from anyone. */
	public static DatagramChannel bound() {
		return boundTo(LOOPBACK);
	}

	/**
	 * A channel on a free port of another loopback address (all of 127.0.0.0/8 is this
	 * machine), so that a test can have senders the server tells apart.
	 */
	public static DatagramChannel boundTo(String loopbackAddress) {
		try {
			return DatagramChannel.open().bind(new InetSocketAddress(loopbackAddress, 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A channel from {@code loopbackAddress} connected to {@code port} on 127.0.0.1. */
	public static DatagramChannel connectedFrom(String loopbackAddress, int port) {
		DatagramChannel channel = boundTo(loopbackAddress);
		try {
			channel.connect(new InetSocketAddress(LOOPBACK, port));
			return channel;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static int localPort(DatagramChannel channel) {
		try {
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void send(DatagramChannel channel, byte[] payload) {
		try {
			channel.write(ByteBuffer.wrap(payload));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void send(DatagramChannel channel, String text) {
		send(channel, bytes(text));
	}

	/**
	 * Sends from a channel that is not connected; the only way to send an empty datagram,
	 * which a connected channel's write silently skips.
	 */
	public static void sendTo(DatagramChannel channel, byte[] payload, int port) {
		try {
			channel.send(ByteBuffer.wrap(payload), new InetSocketAddress(LOOPBACK, port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends {@code text} and returns the reply as text, sending again after each
	 * {@link Timeouts#ATTEMPT} without one, {@link Timeouts#ATTEMPTS} times at most;
	 * {@code null} if none came. It is {@link #exchange(DatagramChannel, byte[], int, Duration)}:
	 * replies still waiting from an earlier exchange are discarded first, and an empty
	 * datagram is no reply.
	 */
	public static String exchange(DatagramChannel channel, String text) {
		return exchange(channel, bytes(text), Timeouts.ATTEMPTS, Timeouts.ATTEMPT).text();
	}

	/** {@link #exchange(DatagramChannel, String)} for any payload. */
	public static byte[] exchange(DatagramChannel channel, byte[] payload) {
		return exchange(channel, payload, Timeouts.ATTEMPTS, Timeouts.ATTEMPT).reply();
	}

	/** {@link #exchange(DatagramChannel, byte[], int, Duration)} for text. */
	public static Exchange exchange(DatagramChannel channel, String text, int attempts, Duration wait) {
		return exchange(channel, bytes(text), attempts, wait);
	}

	/**
	 * One exchange as a client that retries does it, on a connected channel: replies still
	 * waiting from an earlier exchange are discarded, then {@code payload} is sent, and sent
	 * again after each {@code wait} without a reply, {@code attempts} times at most. An empty
	 * datagram is no reply (a UDP proxy sends one for a datagram its server refused): the
	 * attempt goes on waiting. A "port unreachable" report ends the attempt unanswered.
	 */
	public static Exchange exchange(DatagramChannel channel, byte[] payload, int attempts, Duration wait) {
		while (pending(channel)) {
			// a late reply to an earlier exchange's retry
		}
		DatagramSocket socket = channel.socket();
		byte[] buffer = new byte[65_536];
		int sent = 0;
		int empty = 0;
		int refused = 0;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			try {
				channel.write(ByteBuffer.wrap(payload));
				sent++;
				long deadline = System.nanoTime() + wait.toNanos();
				long left;
				while ((left = deadline - System.nanoTime()) > 0) {
					DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
					socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
					socket.receive(packet);
					if (packet.getLength() > 0) {
						return new Exchange(Arrays.copyOf(buffer, packet.getLength()), attempt, sent, empty, refused);
					}
					empty++;
				}
			}
			catch (SocketTimeoutException ex) {
				// lost on the way, or never answered: the next attempt is the retry
			}
			catch (PortUnreachableException ex) {
				// reported on the receive, or on the next write (which it fails)
				refused++;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new Exchange(null, 0, sent, empty, refused);
	}

	/**
	 * What came of one exchange.
	 * @param reply the reply, {@code null} if no attempt was answered
	 * @param answeredAt the attempt that was answered, 1 for the first, 0 if none was
	 * @param sent datagrams sent, retries included
	 * @param empty empty datagrams received instead of a reply
	 * @param refused "port unreachable" reports received instead of a reply
	 */
	public record Exchange(byte[] reply, int answeredAt, int sent, int empty, int refused) {

		public boolean answered() {
			return this.reply != null;
		}

		/** The reply as UTF-8 text, {@code null} if none came. */
		public String text() {
			return (this.reply != null) ? new String(this.reply, StandardCharsets.UTF_8) : null;
		}

	}

	/** The next datagram on the channel as UTF-8 text, or {@code null} if none came in time. */
	public static String receive(DatagramChannel channel, Duration timeout) {
		byte[] bytes = receiveBytes(channel.socket(), timeout);
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	/** The next datagram, or {@code null} if none came in time or the port was unreachable. */
	public static byte[] receiveBytes(DatagramSocket socket, Duration timeout) {
		byte[] buffer = new byte[65_536];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		try {
			socket.setSoTimeout((int) timeout.toMillis());
			socket.receive(packet);
			return Arrays.copyOf(buffer, packet.getLength());
		}
		catch (SocketTimeoutException | PortUnreachableException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether a datagram is waiting on the channel right now (it is consumed). */
	public static boolean pending(DatagramChannel channel) {
		try {
			boolean blocking = channel.isBlocking();
			channel.configureBlocking(false);
			try {
				return channel.receive(ByteBuffer.allocate(65_536)) != null;
			}
			catch (PortUnreachableException ex) {
				// an earlier "port unreachable", consumed; nothing waiting
				return false;
			}
			finally {
				channel.configureBlocking(blocking);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A loopback port that was free a moment ago: nothing listens there. */
	public static int unusedPort() {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
